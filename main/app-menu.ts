/** The application menu. Edit roles are kept so copy and paste shortcuts keep working in the UI's fields. */
import type { MenuItemConstructorOptions } from './electron-facade.ts';
import type { LoginItem } from './login-item.ts';

export interface MenuActions {
  openServerFolder(): void;
  openLogsFolder(): void;
  /** Closes the window to the tray. */
  hideWindow(): void;
  quit(): void;
  openInBrowser(): void;
  openApiDocs(): void;
  checkForUpdates(): void;
  showAbout(): void;
}

export interface MenuOptions {
  loginItem: LoginItem;
  /** Development builds get reload and developer tools. */
  devTools: boolean;
  updatesSupported: boolean;
}

function fileMenu(actions: MenuActions, options: MenuOptions): MenuItemConstructorOptions {
  const loginItem: MenuItemConstructorOptions[] = options.loginItem.supported
    ? [
        { type: 'separator' },
        {
          label: 'Start with Windows',
          type: 'checkbox',
          checked: options.loginItem.isEnabled(),
          click: (item) => options.loginItem.setEnabled(item.checked),
        },
      ]
    : [];
  return {
    label: '&File',
    submenu: [
      { label: 'Open Server Folder', click: () => actions.openServerFolder() },
      { label: 'Open Logs Folder', click: () => actions.openLogsFolder() },
      ...loginItem,
      { type: 'separator' },
      { label: 'Close Window', accelerator: 'CmdOrCtrl+W', click: () => actions.hideWindow() },
      { label: 'Quit', accelerator: 'CmdOrCtrl+Q', click: () => actions.quit() },
    ],
  };
}

function viewMenu(options: MenuOptions): MenuItemConstructorOptions {
  const dev: MenuItemConstructorOptions[] = options.devTools
    ? [{ role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }]
    : [];
  return {
    label: '&View',
    submenu: [
      { role: 'reload' },
      ...dev,
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };
}

function helpMenu(actions: MenuActions, options: MenuOptions): MenuItemConstructorOptions {
  const updates: MenuItemConstructorOptions[] = options.updatesSupported
    ? [{ label: 'Check for Updates…', click: () => actions.checkForUpdates() }]
    : [];
  return {
    label: '&Help',
    submenu: [
      { label: 'Open in Browser', click: () => actions.openInBrowser() },
      { label: 'API Documentation', click: () => actions.openApiDocs() },
      { type: 'separator' },
      ...updates,
      { label: 'About ARK ASA Server Manager', click: () => actions.showAbout() },
    ],
  };
}

export function appMenuTemplate(actions: MenuActions, options: MenuOptions): MenuItemConstructorOptions[] {
  return [
    fileMenu(actions, options),
    { label: '&Edit', role: 'editMenu' },
    viewMenu(options),
    helpMenu(actions, options),
  ];
}
