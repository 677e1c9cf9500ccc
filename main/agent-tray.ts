/**
 * The agent mode's tray icon: the only sign on the desktop that this PC serves a control plane
 * elsewhere, with its logs and a way to stop it. No window: the servers are managed from the
 * control plane's UI.
 */
import type { MenuItemConstructorOptions } from './electron-facade.ts';
import { PRODUCT_NAME } from './tray.ts';

export interface AgentTrayView {
  controlPlane: string | null;
  stopping: boolean;
}

export interface AgentTrayActions {
  openLogsFolder(): void;
  stop(): void;
}

/** Windows cuts a tray tooltip at 127 characters. */
const TOOLTIP_MAX = 127;

export function agentLabel(controlPlane: string | null): string {
  return controlPlane ? `Agent for ${controlPlane}` : 'Agent';
}

export function agentTooltip(view: AgentTrayView): string {
  const text = `${PRODUCT_NAME}: ${view.stopping ? 'agent stopping' : agentLabel(view.controlPlane)}`;
  return text.length <= TOOLTIP_MAX ? text : `${text.slice(0, TOOLTIP_MAX - 1)}…`;
}

export function agentTrayTemplate(view: AgentTrayView, actions: AgentTrayActions): MenuItemConstructorOptions[] {
  if (view.stopping) return [{ label: 'Stopping the agent…', enabled: false }];
  return [
    { label: agentLabel(view.controlPlane), enabled: false },
    { label: 'Servers are managed from the control plane', enabled: false },
    { type: 'separator' },
    { label: 'Open logs folder', click: () => actions.openLogsFolder() },
    { label: 'Stop agent', click: () => actions.stop() },
  ];
}
