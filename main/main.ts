/**
 * The Electron main entry: binds the real `electron` module, electron-updater and the control
 * plane's utility process to the shell's facade and runs it. Nothing here decides anything; the
 * behaviour lives in `shell.ts` and its modules, which are unit-tested with fakes.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  nativeTheme,
  powerMonitor,
  powerSaveBlocker,
  screen,
  session,
  shell,
  Tray,
  utilityProcess,
} from 'electron';
import electronUpdater from 'electron-updater';
import { pino, type Logger } from 'pino';
import { launchModeOf } from './agent-mode.ts';
import { utilityAgentLauncher } from './agent-process.ts';
import { runAgentShell, useAgentProfile } from './agent-shell.ts';
import { desktopPlaneStarter } from './desktop-plane.ts';
import type { ElectronFacade, TrayPort } from './electron-facade.ts';
import { utilityProcessLauncher, type UtilityFork } from './plane-launchers.ts';
import { runShell } from './shell.ts';

function bindTray(iconPath: string): TrayPort {
  const tray = new Tray(iconPath);
  return {
    setToolTip: (text) => tray.setToolTip(text),
    setContextMenu: (template) => tray.setContextMenu(Menu.buildFromTemplate(template)),
    displayBalloon: (options) => tray.displayBalloon(options),
    on: (event, listener) => (event === 'click' ? tray.on('click', listener) : tray.on('double-click', listener)),
    destroy: () => tray.destroy(),
  };
}

const electron: ElectronFacade = {
  platform: process.platform,
  app,
  menu: { setApplicationMenu: (template) => Menu.setApplicationMenu(Menu.buildFromTemplate(template)) },
  dialog,
  shell,
  ipcMain,
  nativeTheme,
  powerSaveBlocker,
  powerMonitor: () => powerMonitor,
  createWindow: (options) => new BrowserWindow(options),
  createTray: bindTray,
  defaultSession: () => session.defaultSession,
  displayWorkAreas: () => screen.getAllDisplays().map((display) => display.workArea),
};

/** The shell's own lines go to `<userData>/logs/shell.log`, next to the control plane's manager.log. */
function createShellLogger(): Logger {
  const logDir = path.join(app.getPath('userData'), 'logs');
  fs.mkdirSync(logDir, { recursive: true });
  // In-process streams only: pino's worker-thread transports cannot load from inside app.asar.
  const streams = pino.multistream([
    { stream: process.stdout },
    { stream: pino.destination({ dest: path.join(logDir, 'shell.log'), sync: true, mkdir: true }) },
  ]);
  return pino(
    {
      base: { source: 'desktop-shell' },
      redact: { paths: ['token', '*.token', 'requestHeaders.Authorization'], censor: '[redacted]' },
    },
    streams,
  );
}

// `--agent`: a remote agent with no window (main/agent-shell.ts). Its Electron profile moves into its
// data dir before anything reads userData (this logger, the single-instance lock).
const launch = launchModeOf(process.argv, Boolean(process.defaultApp));
if (launch.kind === 'agent') useAgentProfile(app, launch);
const logger = createShellLogger();
// The Node and Chromium Electron embeds, for support: the control plane runs on this Node too.
logger.info(
  { electron: process.versions.electron, node: process.versions.node, chrome: process.versions.chrome },
  'desktop shell starting',
);
const appPath = app.getAppPath();
// electron-updater reads app-update.yml, which only a packaged build has; the installer is Windows-only.
// An agent does not update itself: the control plane's version is what it must match.
const updater =
  launch.kind === 'window' && app.isPackaged && process.platform === 'win32' ? electronUpdater.autoUpdater : null;
if (updater) updater.logger = logger;

// The control plane is app/cli.ts (the entry of `npm run serve`), bundled beside this file.
const planeEntry = path.join(import.meta.dirname, 'control-plane.js');

function failed(title: string) {
  return (err: unknown) => {
    logger.error({ err }, 'the desktop shell failed to start');
    dialog.showErrorBox(title, err instanceof Error ? err.message : String(err));
    app.exit(1);
  };
}

const icon = path.join(appPath, 'build', process.platform === 'win32' ? 'icon.ico' : 'icon.png');
const fork: UtilityFork = (entry, args, options) => utilityProcess.fork(entry, args, options);

if (launch.kind === 'agent') {
  // The agent (app/agent-child.ts), bundled beside this file like the control plane.
  runAgentShell({
    electron,
    mode: launch,
    launch: utilityAgentLauncher(fork, path.join(import.meta.dirname, 'agent.js')),
    logger,
    iconPath: icon,
  }).catch(failed('The ARK ASA agent cannot start'));
} else {
  runShell({
    electron,
    startControlPlane: desktopPlaneStarter({ launch: utilityProcessLauncher(fork, planeEntry), logger }),
    updater,
    logger,
    paths: {
      preload: path.join(import.meta.dirname, '../preload/preload.cjs'),
      staticDir: path.join(appPath, 'renderer', 'dist'),
      icon,
    },
    argv: process.argv,
    statfs: (p) => fs.promises.statfs(p),
    mkdir: (dir) => fs.mkdirSync(dir, { recursive: true }),
  }).catch(failed('ARK ASA Server Manager cannot start'));
}
