import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SIZE, initialBounds, MainWindow, windowOptions } from './main-window.ts';
import { ShellStateStore } from './shell-state.ts';
import { FakeElectron, memoryLogger } from './testing/fake-electron.ts';

const dirs: string[] = [];
afterEach(() => {
  vi.useRealTimers();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function setup(opts: { quitting?: boolean } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'main-window-'));
  dirs.push(dir);
  const electron = new FakeElectron(dir);
  const state = new ShellStateStore(path.join(dir, 'desktop-shell.json'), memoryLogger());
  const events = { hidden: 0, sessionEnd: 0 };
  let quitting = opts.quitting ?? false;
  const window = new MainWindow({
    electron,
    url: 'http://127.0.0.1:3000',
    preloadPath: '/app/out/preload/preload.cjs',
    iconPath: '/app/build/icon.ico',
    state,
    logger: memoryLogger(),
    devTools: false,
    isQuitting: () => quitting,
    onHiddenToTray: () => void (events.hidden += 1),
    onSessionEnd: () => void (events.sessionEnd += 1),
  });
  return { electron, state, window, events, setQuitting: (q: boolean) => void (quitting = q) };
}

describe('window placement', () => {
  const screen = [{ x: 0, y: 0, width: 1920, height: 1040 }];

  it('reuses saved bounds that are on a display', () => {
    expect(initialBounds({ x: 100, y: 50, width: 1200, height: 800 }, screen)).toEqual({
      x: 100,
      y: 50,
      width: 1200,
      height: 800,
    });
  });

  it('keeps only the size when the saved display is gone', () => {
    expect(initialBounds({ x: 2500, y: 100, width: 1200, height: 800 }, screen)).toEqual({ width: 1200, height: 800 });
    expect(initialBounds({ x: -1150, y: 100, width: 1200, height: 800 }, screen)).toEqual({ width: 1200, height: 800 });
  });

  it('defaults to a comfortable size on first run', () => {
    expect(initialBounds(undefined, screen)).toEqual(DEFAULT_SIZE);
  });
});

describe('the window', () => {
  it('is created with the security settings of the Electron checklist', () => {
    const options = windowOptions(
      { preloadPath: '/p.cjs', iconPath: '/i.ico', devTools: false, electron: new FakeElectron('/tmp') },
      {},
    );
    expect(options.webPreferences).toMatchObject({
      preload: '/p.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      devTools: false,
    });
    expect(options.show).toBe(false);
  });

  it('loads the control plane once and shows itself when painted, maximised if it was', () => {
    const { electron, state, window } = setup();
    state.update({ window: { bounds: { x: 10, y: 10, width: 1000, height: 700 }, maximized: true } });
    window.show();
    window.show();
    expect(electron.windows).toHaveLength(1);
    const win = electron.windows[0]!;
    expect(win.loadedUrl).toBe('http://127.0.0.1:3000');
    expect(win.options).toMatchObject({ x: 10, y: 10, width: 1000, height: 700 });
    win.ready();
    expect(win.maximized).toBe(true);
    expect(win.visible).toBe(true);
    expect(win.webContents.windowOpenHandler).not.toBeNull();
  });

  it('hides to the tray on close while the app runs, remembering its place', () => {
    const { electron, state, window, events } = setup();
    window.show();
    const win = electron.windows[0]!;
    win.ready();
    win.bounds = { x: 40, y: 30, width: 1100, height: 760 };
    expect(win.close()).toBe(false);
    expect(win.visible).toBe(false);
    expect(events.hidden).toBe(1);
    expect(state.get().window).toEqual({ bounds: { x: 40, y: 30, width: 1100, height: 760 }, maximized: false });
    window.show();
    expect(win.visible).toBe(true);
    expect(electron.windows).toHaveLength(1);
  });

  it('really closes once quitting', () => {
    const { electron, window, events, setQuitting } = setup();
    window.show();
    setQuitting(true);
    expect(electron.windows[0]!.close()).toBe(true);
    expect(events.hidden).toBe(0);
  });

  it('saves its place shortly after a move, not on every pixel', () => {
    vi.useFakeTimers();
    const { electron, state, window } = setup();
    window.show();
    const win = electron.windows[0]!;
    win.bounds = { x: 1, y: 2, width: 1300, height: 900 };
    win.emit('move');
    win.emit('resize');
    expect(state.get().window).toBeUndefined();
    vi.advanceTimersByTime(600);
    expect(state.get().window?.bounds).toEqual({ x: 1, y: 2, width: 1300, height: 900 });
  });

  it('sends notices only to a control plane page', () => {
    const { electron, window } = setup();
    window.send('x', 1);
    window.show();
    const contents = electron.windows[0]!.webContents;
    window.send('ark:update-status-changed', { state: 'idle' });
    contents.url = 'https://elsewhere.example/';
    window.send('ark:update-status-changed', { state: 'idle' });
    expect(contents.sent).toEqual([{ channel: 'ark:update-status-changed', args: [{ state: 'idle' }] }]);
    expect(window.contentsId()).toBe(contents.id);
  });

  it('reports the end of the Windows session', () => {
    const { electron, window, events } = setup();
    window.show();
    electron.windows[0]!.emit('session-end');
    expect(events.sessionEnd).toBe(1);
  });
});
