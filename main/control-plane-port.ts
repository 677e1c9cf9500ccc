/**
 * What the shell needs of the control plane (app/control-plane.ts's ControlPlane satisfies it), and
 * starting it with answers a desktop user can act on.
 */
import {
  ErrorCode,
  type ManagerSettings,
  type ManagerSettingsPatch,
  type StopInstanceBody,
  type WSEvent,
} from '@ark-asa/contracts';
import type { ControlPlaneOptions } from '../app/control-plane.ts';
import type { DialogPort, ShellLogger } from './electron-facade.ts';
import type { StoppablePlane } from './quit-flow.ts';

export interface ShellControlPlane extends StoppablePlane {
  readonly url: string;
  readonly dataDir: string;
  subscribe(listener: (event: WSEvent) => void): () => void;
  readonly services: {
    readonly settings: { get(): ManagerSettings; update(patch: ManagerSettingsPatch): unknown };
    readonly instances: {
      list(limit: number, cursor?: string): { items: { id: string }[]; nextCursor: string | null };
    };
    readonly lifecycle: { isLive(id: string): boolean; stop(id: string, body: StopInstanceBody): unknown };
  };
}

export type StartControlPlane = (options: ControlPlaneOptions) => Promise<ShellControlPlane>;

function codeOf(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string'
    ? err.code
    : undefined;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export interface StartDeps {
  start: StartControlPlane;
  dialog: DialogPort;
  logger: ShellLogger;
}

/**
 * Starts the control plane; when its port is taken (another program on 3000), offers a free port
 * for this session so the user can still reach Settings and pick another. Null when it cannot start
 * (the reason was shown).
 */
export async function startPlaneInteractively(
  deps: StartDeps,
  options: ControlPlaneOptions,
): Promise<ShellControlPlane | null> {
  try {
    return await deps.start(options);
  } catch (err) {
    if (codeOf(err) === ErrorCode.PORT_IN_USE && options.port !== 0) {
      const { response } = await deps.dialog.showMessageBox({
        type: 'warning',
        title: 'ARK ASA Server Manager',
        message: 'The manager’s port is in use',
        detail: `${messageOf(err)}\n\nStart on a free port this time? The window works as usual; change the port in Settings for good.`,
        buttons: ['Use a free port', 'Quit'],
        defaultId: 0,
        cancelId: 1,
        noLink: true,
      });
      if (response === 0) return startPlaneInteractively(deps, { ...options, port: 0 });
      return null;
    }
    deps.logger.error({ err }, 'the control plane could not start');
    deps.dialog.showErrorBox('ARK ASA Server Manager cannot start', messageOf(err));
    return null;
  }
}

/** Ids of the instances with a live server process, across every page of the instance list. */
export function liveInstanceIds(services: ShellControlPlane['services']): string[] {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = services.instances.list(200, cursor);
    ids.push(...page.items.map((i) => i.id).filter((id) => services.lifecycle.isLive(id)));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return ids;
}
