import { describe, expect, it, vi } from 'vitest';
import type { MenuItem } from 'electron';
import { appMenuTemplate, type MenuActions } from './app-menu.ts';
import type { MenuItemConstructorOptions } from './electron-facade.ts';
import { createLoginItem, HIDDEN_ARG, startsHidden, type LoginItem } from './login-item.ts';
import { FakeElectron } from './testing/fake-electron.ts';
import { serversLine, TrayController, trayTemplate, type TrayActions } from './tray.ts';

const noLoginItem: LoginItem = { supported: false, isEnabled: () => false, setEnabled: () => undefined };

function trayActions() {
  return {
    open: vi.fn(),
    stopAllServers: vi.fn(() => Promise.resolve()),
    openServerFolder: vi.fn(),
    downloadUpdate: vi.fn(() => Promise.resolve()),
    installUpdate: vi.fn(() => Promise.resolve()),
    quit: vi.fn(),
  } satisfies TrayActions;
}

/** Clicks a menu item the way Electron would (only `checked` matters to our handlers). */
function click(item: MenuItemConstructorOptions | undefined, checked = false): void {
  if (!item?.click) throw new Error(`no clickable item ${item?.label}`);
  item.click({ checked } as MenuItem, undefined, {});
}

const labels = (template: MenuItemConstructorOptions[]) => template.map((i) => i.label ?? i.type);

describe('tray', () => {
  it('says how many servers run', () => {
    expect(serversLine(0)).toBe('No servers running');
    expect(serversLine(1)).toBe('1 server running');
    expect(serversLine(2)).toBe('2 servers running');
  });

  it('offers open, status, quick actions and quit', () => {
    const template = trayTemplate(
      { running: 2, stopping: false, update: { state: 'idle' }, loginItem: noLoginItem },
      trayActions(),
    );
    expect(labels(template)).toEqual([
      'Open ARK ASA Server Manager',
      '2 servers running',
      'Stop all servers…',
      'Open server folder',
      'separator',
      'Quit',
    ]);
    expect(template[1]?.enabled).toBe(false);
    expect(
      trayTemplate({ running: 0, stopping: false, update: { state: 'idle' }, loginItem: noLoginItem }, trayActions())[2]
        ?.enabled,
    ).toBe(false);
  });

  it('shows the update step that comes next', () => {
    const actions = trayActions();
    const view = { running: 0, stopping: false, loginItem: noLoginItem };
    const available = trayTemplate({ ...view, update: { state: 'available', version: '0.2.0' } }, actions);
    click(available.find((i) => i.label === 'Download update 0.2.0'));
    expect(actions.downloadUpdate).toHaveBeenCalled();
    const ready = trayTemplate({ ...view, update: { state: 'downloaded', version: '0.2.0' } }, actions);
    click(ready.find((i) => i.label === 'Restart to install 0.2.0…'));
    expect(actions.installUpdate).toHaveBeenCalled();
  });

  it('opens the window on click and reflects changes on refresh', () => {
    const electron = new FakeElectron('/tmp');
    const actions = trayActions();
    let running = 0;
    const tray = new TrayController(electron, '/app/build/icon.ico', actions, () => ({
      running,
      update: { state: 'idle' },
      loginItem: noLoginItem,
    }));
    const fake = electron.trays[0]!;
    expect(fake.iconPath).toBe('/app/build/icon.ico');
    expect(fake.tooltip).toBe('ARK ASA Server Manager: no servers running');
    fake.emit('click');
    expect(actions.open).toHaveBeenCalledTimes(1);
    running = 3;
    tray.refresh();
    expect(fake.item('3 servers running')).toBeDefined();
    tray.setStopping();
    expect(labels(fake.menu)).toEqual(['Stopping servers and quitting…']);
  });
});

describe('start with Windows', () => {
  it('registers a log-in item that starts hidden in the tray', () => {
    const electron = new FakeElectron('/tmp');
    const item = createLoginItem(electron.app, 'win32');
    expect(item.isEnabled()).toBe(false);
    item.setEnabled(true);
    expect(electron.app.loginItem).toEqual({ openAtLogin: true, args: [HIDDEN_ARG] });
    expect(item.isEnabled()).toBe(true);
    expect(startsHidden(['ARK ASA Server Manager.exe', HIDDEN_ARG])).toBe(true);
    expect(startsHidden(['ARK ASA Server Manager.exe'])).toBe(false);
  });

  it('is not offered where Electron has no log-in items', () => {
    const electron = new FakeElectron('/tmp');
    const item = createLoginItem(electron.app, 'linux');
    item.setEnabled(true);
    expect(item.supported).toBe(false);
    expect(electron.app.loginItem.openAtLogin).toBe(false);
  });

  it('toggles from the tray and the menu', () => {
    const electron = new FakeElectron('/tmp');
    const loginItem = createLoginItem(electron.app, 'win32');
    const tray = trayTemplate({ running: 0, stopping: false, update: { state: 'idle' }, loginItem }, trayActions());
    click(
      tray.find((i) => i.label === 'Start with Windows'),
      true,
    );
    expect(loginItem.isEnabled()).toBe(true);
    const file = appMenuTemplate(menuActions(), { loginItem, devTools: false, updatesSupported: true })[0]!;
    const item = (file.submenu as MenuItemConstructorOptions[]).find((i) => i.label === 'Start with Windows');
    expect(item?.checked).toBe(true);
    click(item, false);
    expect(loginItem.isEnabled()).toBe(false);
  });
});

function menuActions() {
  return {
    openServerFolder: vi.fn(),
    openLogsFolder: vi.fn(),
    hideWindow: vi.fn(),
    quit: vi.fn(),
    openInBrowser: vi.fn(),
    openApiDocs: vi.fn(),
    checkForUpdates: vi.fn(),
    showAbout: vi.fn(),
  } satisfies MenuActions;
}

describe('application menu', () => {
  const sub = (m: MenuItemConstructorOptions | undefined) => (m?.submenu ?? []) as MenuItemConstructorOptions[];

  it('has File, Edit, View and Help', () => {
    const menu = appMenuTemplate(menuActions(), { loginItem: noLoginItem, devTools: false, updatesSupported: true });
    expect(menu.map((m) => m.label ?? m.role)).toEqual(['&File', '&Edit', '&View', '&Help']);
    expect(menu[1]?.role).toBe('editMenu');
  });

  it('closes the window to the tray with Ctrl+W and quits through the quit flow', () => {
    const actions = menuActions();
    const file = sub(appMenuTemplate(actions, { loginItem: noLoginItem, devTools: false, updatesSupported: true })[0]);
    const close = file.find((i) => i.label === 'Close Window');
    expect(close?.accelerator).toBe('CmdOrCtrl+W');
    click(close);
    click(file.find((i) => i.label === 'Quit'));
    expect(actions.hideWindow).toHaveBeenCalled();
    expect(actions.quit).toHaveBeenCalled();
  });

  it('gives developer tools to development builds only', () => {
    const roles = (devTools: boolean) =>
      sub(appMenuTemplate(menuActions(), { loginItem: noLoginItem, devTools, updatesSupported: false })[2]).map(
        (i) => i.role,
      );
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(true)).toContain('toggleDevTools');
  });

  it('offers update checks only where updates work', () => {
    const help = (updatesSupported: boolean) =>
      sub(appMenuTemplate(menuActions(), { loginItem: noLoginItem, devTools: false, updatesSupported })[3]).map(
        (i) => i.label,
      );
    expect(help(true)).toContain('Check for Updates…');
    expect(help(false)).not.toContain('Check for Updates…');
  });
});
