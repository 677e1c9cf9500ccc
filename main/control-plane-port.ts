/**
 * What the shell needs of the control plane, which runs in a child process (desktop-plane.ts): its
 * REST API and /ws for settings, instances and events, and the process channel for its lifecycle.
 * Starting it with answers a desktop user can act on lives here too.
 */
import type { ManagerSettings, ManagerSettingsPatch, WSEvent } from '@ark-asa/contracts';
import type { DialogPort, ShellLogger } from './electron-facade.ts';
import { isPortProblem, type PlaneOptions } from './plane-host.ts';
import type { SessionSaved } from './plane-process.ts';
import type { StoppablePlane } from './quit-flow.ts';

export type PlaneLifecycleEvent =
  | { type: 'restarting'; attempt: number }
  | { type: 'restarted'; url: string; urlChanged: boolean }
  | { type: 'lost'; message: string };

export interface ShellControlPlane extends StoppablePlane {
  /** Where it listens now; a restart may change it (when its port was taken meanwhile). */
  readonly url: string;
  readonly dataDir: string;
  /** The access token in effect (the shell adds it to the window's requests), null when none is needed. */
  readonly token: string | null;
  /** The port it was asked for but could not use, when it chose another by itself. */
  readonly portFallback: { requestedPort: number; message: string } | null;
  settings(): Promise<ManagerSettings>;
  updateSettings(patch: ManagerSettingsPatch): Promise<ManagerSettings>;
  /** Ids of the instances with a live server process. */
  liveInstanceIds(): Promise<string[]>;
  /** A normal stop (save, exit) of one server, as a job. */
  stopInstance(id: string): Promise<void>;
  /** Servers with a live process, as last heard over /ws (for the tray). */
  runningServers(): number;
  /** Its /ws events, as they arrive. */
  subscribe(listener: (event: WSEvent) => void): () => void;
  /** The running-server count may have changed. */
  onRunningChanged(listener: (running: number) => void): () => void;
  onLifecycle(listener: (event: PlaneLifecycleEvent) => void): void;
  /** Windows is ending the session: save every running world within the deadline. */
  sessionEnd(deadlineMs: number): Promise<SessionSaved | null>;
}

/** Why it could not start: `code` is the control plane's ErrorCode (or `exited`). */
export class PlaneStartError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export type StartControlPlane = (options: PlaneOptions) => Promise<ShellControlPlane>;

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export interface StartDeps {
  start: StartControlPlane;
  dialog: DialogPort;
  logger: ShellLogger;
  /**
   * Nobody is there to answer (started hidden at log-in): a taken or reserved port is replaced by a
   * free one without asking, and the notice says which.
   */
  unattended?: boolean;
}

export interface StartedPlane {
  plane: ShellControlPlane;
  /** Something to tell the user once the tray is there (e.g. which port was chosen instead). */
  notice: string | null;
}

/**
 * Starts the control plane; when its port is taken (another program on 3000) or reserved by Windows,
 * offers a free port for this session so the user can still reach Settings and pick another. Null
 * when it cannot start (the reason was shown).
 */
export async function startPlaneInteractively(deps: StartDeps, options: PlaneOptions): Promise<StartedPlane | null> {
  let plane: ShellControlPlane;
  try {
    plane = await deps.start(options);
  } catch (err) {
    const code = err instanceof PlaneStartError ? err.code : '';
    if (isPortProblem(code, messageOf(err)) && options.port !== 0) {
      if (!deps.unattended && !(await offerFreePort(deps.dialog, messageOf(err), null))) return null;
      return startPlaneInteractively(deps, { ...options, port: 0 });
    }
    deps.logger.error({ err }, 'the control plane could not start');
    deps.dialog.showErrorBox('ARK ASA Server Manager cannot start', messageOf(err));
    return null;
  }
  const port = new URL(plane.url).port;
  if (plane.portFallback) {
    // The control plane already moved to a free port by itself: the user still decides.
    if (!deps.unattended && !(await offerFreePort(deps.dialog, plane.portFallback.message, port))) {
      await plane.stop({ stopServers: false });
      return null;
    }
    return { plane, notice: `${plane.portFallback.message}. Choose a port for good in Settings.` };
  }
  const notice =
    options.port === 0 ? `The manager uses port ${port} this time. Choose a port for good in Settings.` : null;
  return { plane, notice };
}

/** "Use a free port" or "Quit"; names the port when it is already known. */
async function offerFreePort(dialog: DialogPort, reason: string, chosenPort: string | null): Promise<boolean> {
  const { response } = await dialog.showMessageBox({
    type: 'warning',
    title: 'ARK ASA Server Manager',
    message: 'The manager’s port cannot be used',
    detail:
      `${reason}\n\n` +
      (chosenPort ? `Port ${chosenPort} is free. ` : '') +
      'Start on a free port this time? The window works as usual; change the port in Settings for good.',
    buttons: ['Use a free port', 'Quit'],
    defaultId: 0,
    cancelId: 1,
    noLink: true,
  });
  return response === 0;
}
