/**
 * The tray icon: the manager's presence while the window is closed. It shows how many servers run
 * and offers the few actions that make sense without the window.
 */
import type { ElectronFacade, MenuItemConstructorOptions, TrayPort } from './electron-facade.ts';
import type { LoginItem } from './login-item.ts';
import type { UpdateStatus } from './preload-api.ts';

export const PRODUCT_NAME = 'ARK ASA Server Manager';

export function serversLine(running: number): string {
  if (running === 0) return 'No servers running';
  return running === 1 ? '1 server running' : `${running} servers running`;
}

export interface TrayActions {
  open(): void;
  stopAllServers(): Promise<void>;
  openServerFolder(): void;
  downloadUpdate(): Promise<void>;
  installUpdate(): Promise<void>;
  quit(): void;
}

export interface TrayView {
  running: number;
  /** Quitting in progress: the menu is reduced to status. */
  stopping: boolean;
  update: UpdateStatus;
  loginItem: LoginItem;
}

function updateItem(update: UpdateStatus, actions: TrayActions): MenuItemConstructorOptions[] {
  if (update.state === 'available')
    return [{ label: `Download update ${update.version}`, click: () => void actions.downloadUpdate() }];
  if (update.state === 'downloading')
    return [{ label: `Downloading update… ${Math.round(update.percent)}%`, enabled: false }];
  if (update.state === 'downloaded')
    return [{ label: `Restart to install ${update.version}…`, click: () => void actions.installUpdate() }];
  return [];
}

export function trayTemplate(view: TrayView, actions: TrayActions): MenuItemConstructorOptions[] {
  if (view.stopping) return [{ label: 'Stopping servers and quitting…', enabled: false }];
  const loginItem: MenuItemConstructorOptions[] = view.loginItem.supported
    ? [
        {
          label: 'Start with Windows',
          type: 'checkbox',
          checked: view.loginItem.isEnabled(),
          click: (item) => view.loginItem.setEnabled(item.checked),
        },
      ]
    : [];
  return [
    { label: `Open ${PRODUCT_NAME}`, click: () => actions.open() },
    { label: serversLine(view.running), enabled: false },
    { label: 'Stop all servers…', enabled: view.running > 0, click: () => void actions.stopAllServers() },
    { label: 'Open server folder', click: () => actions.openServerFolder() },
    ...updateItem(view.update, actions),
    { type: 'separator' },
    ...loginItem,
    { label: 'Quit', click: () => actions.quit() },
  ];
}

export class TrayController {
  private readonly tray: TrayPort;
  private stopping = false;

  constructor(
    electron: Pick<ElectronFacade, 'createTray'>,
    iconPath: string,
    private readonly actions: TrayActions,
    private readonly view: () => Omit<TrayView, 'stopping'>,
  ) {
    this.tray = electron.createTray(iconPath);
    // Windows users expect a single click on the tray icon to bring the window back.
    this.tray.on('click', () => actions.open());
    this.tray.on('double-click', () => actions.open());
    this.refresh();
  }

  refresh(): void {
    const view = { ...this.view(), stopping: this.stopping };
    this.tray.setToolTip(`${PRODUCT_NAME}: ${this.stopping ? 'stopping…' : serversLine(view.running).toLowerCase()}`);
    this.tray.setContextMenu(trayTemplate(view, this.actions));
  }

  setStopping(): void {
    this.stopping = true;
    this.refresh();
  }

  balloon(title: string, content: string): void {
    this.tray.displayBalloon({ title, content, iconType: 'info' });
  }

  destroy(): void {
    this.tray.destroy();
  }
}
