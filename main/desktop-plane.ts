/**
 * The control plane as the desktop shell sees it: a child process (plane-host.ts) reached over its
 * REST API (plane-api.ts) and /ws (plane-events.ts), like any other client, with the process
 * channel for start, stop, restart and session end.
 */
import type { ManagerSettings, ManagerSettingsPatch, WSEvent } from '@ark-asa/contracts';
import {
  PlaneStartError,
  type PlaneLifecycleEvent,
  type ShellControlPlane,
  type StartControlPlane,
} from './control-plane-port.ts';
import type { ShellLogger } from './electron-facade.ts';
import { PlaneApi } from './plane-api.ts';
import { PlaneEvents, type OpenSocket } from './plane-events.ts';
import { PlaneHost, type PlaneHostDeps } from './plane-host.ts';
import type { PlaneLauncher, ReadyMessage, SessionSaved } from './plane-process.ts';

export interface DesktopPlaneDeps {
  launch: PlaneLauncher;
  logger: ShellLogger;
  /** Timeouts and the restart budget (tests shorten them). */
  tuning?: Omit<PlaneHostDeps, 'launch' | 'logger'>;
  fetch?: typeof fetch;
  openSocket?: OpenSocket;
  /** Delay before the event stream reconnects. */
  reconnectMs?: number;
}

/** Starts the control plane as a child process; rejects with a PlaneStartError when it cannot start. */
export function desktopPlaneStarter(deps: DesktopPlaneDeps): StartControlPlane {
  return async (options) => {
    const host = new PlaneHost({ ...deps.tuning, launch: deps.launch, logger: deps.logger }, options);
    const outcome = await host.start();
    if (!outcome.ok) throw new PlaneStartError(outcome.code, outcome.message);
    return new DesktopPlane(host, outcome.ready, deps);
  };
}

export class DesktopPlane implements ShellControlPlane {
  private current: ReadyMessage;
  private readonly api: PlaneApi;
  private readonly events: PlaneEvents;
  private readonly lifecycle = new Set<(event: PlaneLifecycleEvent) => void>();

  constructor(
    private readonly host: PlaneHost,
    ready: ReadyMessage,
    deps: DesktopPlaneDeps,
  ) {
    this.current = ready;
    const target = { url: () => this.current.url, wsUrl: () => this.current.wsUrl, token: () => this.token };
    this.api = new PlaneApi(target, deps.fetch);
    this.events = new PlaneEvents({
      target,
      instances: () => this.api.instances(),
      logger: deps.logger,
      open: deps.openSocket,
      retryMs: deps.reconnectMs,
    });
    this.events.connect();
    host.on({
      restarting: ({ attempt }) => this.emit({ type: 'restarting', attempt }),
      restarted: (next, previous) => {
        this.current = next;
        this.events.connect();
        this.emit({ type: 'restarted', url: next.url, urlChanged: next.url !== previous.url });
      },
      gaveUp: (message) => {
        this.events.close();
        this.emit({ type: 'lost', message });
      },
    });
  }

  get url(): string {
    return this.current.url;
  }

  get dataDir(): string {
    return this.current.dataDir;
  }

  get token(): string | null {
    return this.current.accessToken ?? null;
  }

  /** Its /ws stream is connected (the tray count is live). */
  get eventsConnected(): boolean {
    return this.events.connected;
  }

  get portFallback(): ShellControlPlane['portFallback'] {
    return this.current.portFallback;
  }

  settings(): Promise<ManagerSettings> {
    return this.api.settings();
  }

  updateSettings(patch: ManagerSettingsPatch): Promise<ManagerSettings> {
    return this.api.updateSettings(patch);
  }

  liveInstanceIds(): Promise<string[]> {
    return this.api.liveInstanceIds();
  }

  stopInstance(id: string): Promise<void> {
    return this.api.stopInstance(id);
  }

  subscribe(listener: (event: WSEvent) => void): () => void {
    return this.events.subscribe(listener);
  }

  onRunningChanged(listener: (running: number) => void): () => void {
    return this.events.onRunningChanged(listener);
  }

  onLifecycle(listener: (event: PlaneLifecycleEvent) => void): void {
    this.lifecycle.add(listener);
  }

  runningServers(): number {
    return this.events.running();
  }

  /** Re-read now: the quit question must not rest on an event that is still on its way. */
  countRunning(): Promise<number> {
    return this.events.resync();
  }

  sessionEnd(deadlineMs: number): Promise<SessionSaved | null> {
    return this.host.sessionEnd(deadlineMs);
  }

  async stop(how: { stopServers?: boolean }): Promise<void> {
    this.events.close();
    await this.host.shutdown(how.stopServers ?? false);
  }

  private emit(event: PlaneLifecycleEvent): void {
    for (const listener of this.lifecycle) listener(event);
  }
}
