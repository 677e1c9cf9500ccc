/**
 * The desktop bridge: what the shell's preload adds to the UI as `window.arkDesktop`. Types only,
 * no runtime code and no electron import, so the renderer can `import type` it. In a plain browser
 * (a remote PC, `npm run serve`) `window.arkDesktop` is undefined and the UI falls back (a text
 * field instead of the folder picker, no update notice).
 *
 * Deliberately absent: the access token. When the manager is exposed, the shell adds
 * `Authorization: Bearer …` to the window's requests to the control plane (HTTP and the /ws
 * handshake), so the desktop UI needs no token logic and page scripts can never read it.
 */

export interface PickFolderOptions {
  /** Dialog title, e.g. "Choose the server root". */
  title?: string;
  /** Absolute folder to start in. */
  defaultPath?: string;
}

/** The auto-update state machine as the UI sees it. `unsupported`: a development build, or not Windows. */
export type UpdateStatus =
  | { state: 'unsupported' }
  | { state: 'idle' }
  | { state: 'checking' }
  | { state: 'available'; version: string }
  | { state: 'downloading'; version: string; percent: number }
  | { state: 'downloaded'; version: string }
  | { state: 'error'; message: string };

export interface DesktopBridge {
  /** Version of the installed desktop app. */
  appVersion(): Promise<string>;
  /** Native folder picker: the chosen absolute path, or null when cancelled. */
  pickFolder(options?: PickFolderOptions): Promise<string | null>;
  /** Opens the folder holding the manager's logs in the file manager. */
  openLogsFolder(): Promise<void>;
  /** The current update state, for a UI that mounts after a notice was sent. */
  updateStatus(): Promise<UpdateStatus>;
  /** Called on every update state change; returns the unsubscribe function. */
  onUpdateStatus(listener: (status: UpdateStatus) => void): () => void;
  /** Downloads the available update: the shell never downloads without being asked. */
  downloadUpdate(): Promise<void>;
  /** Restarts into the downloaded update; the shell asks natively what to do with running servers first. */
  installUpdate(): Promise<void>;
}

/** The global name the preload exposes the bridge under. */
export type DesktopBridgeKey = 'arkDesktop';
