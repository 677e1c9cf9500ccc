import type {
  AgentInstanceState,
  AgentSettings,
  ChannelConfigure,
  ChannelWelcome,
  ManagerSettingsPatch,
} from '@ark-asa/contracts';
import type { Logger } from '../../logger.ts';
import type { EmbeddedPlane, InstanceMetrics } from './embedded-plane.ts';
import { EventForwarder, type ChannelOutput } from './event-forwarder.ts';
import { relayHttp, RelayError } from './http-relay.ts';
import { defaultHandlers, type RequestHandlers } from './request-handlers.ts';
import { UploadSpool, uploadHandlers } from './upload-spool.ts';
import { buildSnapshot, helloInstances } from './snapshot.ts';

export interface EmbeddedHostDeps {
  logger: Logger;
  /** Starts the embedded manager as this agent (app/agent-main.ts: `startControlPlane`). */
  startPlane: (agentId: string) => Promise<EmbeddedPlane>;
  /** The command line's values for settings the control plane leaves unset. */
  defaults: { dataRoot: string; steamcmdPath: string | null };
  /** Tests: a smaller threshold for dropping log lines on a slow link. */
  logDropBytes?: number;
  /** Where large request bodies are spooled (`<data-dir>/uploads`); without it, none are taken. */
  uploadDir?: string;
}

interface Running {
  plane: EmbeddedPlane;
  forwarder: EventForwarder;
  unsubscribe: () => void;
}

/**
 * The agent's embedded manager and its link to the channel (docs/agent-channel.md#the-agent-side):
 * started once the agent knows its id, it supervises the servers whether or not the control plane
 * is reachable; each welcomed session gets a snapshot, then the manager's events, and its REST
 * calls are answered by it.
 */
export class EmbeddedHost {
  private running: Running | null = null;
  private starting: Promise<Running> | null = null;
  private stopped = false;
  private readonly uploads: UploadSpool | undefined;

  constructor(private readonly deps: EmbeddedHostDeps) {
    this.uploads = deps.uploadDir === undefined ? undefined : new UploadSpool(deps.uploadDir);
    this.uploads?.clearStale();
  }

  /** Starts the embedded manager once (again after a failed start). */
  start(agentId: string): Promise<EmbeddedPlane> {
    if (this.stopped) return Promise.reject(new RelayError('agent-stopping', 'The agent is stopping'));
    this.starting ??= this.boot(agentId).catch((err: unknown) => {
      this.starting = null;
      throw err;
    });
    return this.starting.then((r) => r.plane);
  }

  /** Welcome: start if needed, apply the settings, then the snapshot and, after it, the events. */
  welcomed(welcome: ChannelWelcome, out: ChannelOutput): void {
    void this.start(welcome.agentId)
      .then(() => {
        const running = this.running;
        if (!running || !out.isOpen()) return;
        this.applySettings(welcome.settings, welcome.heartbeatIntervalSec);
        // One synchronous step: no event of the bus can slip in between the snapshot and the attach,
        // so the control plane gets the snapshot before any event of this session and misses none.
        out.send(buildSnapshot(running.plane));
        running.forwarder.attach(out);
      })
      .catch((err: unknown) =>
        this.deps.logger.error({ err }, 'the embedded manager could not start or send its snapshot'),
      );
  }

  configured(message: ChannelConfigure): void {
    this.applySettings(message.settings, message.heartbeatIntervalSec);
  }

  closed(out: ChannelOutput): void {
    this.running?.forwarder.detach(out);
    // Uploads belong to the session that sent them: the control plane has given up on them.
    void this.uploads?.discardAll();
  }

  helloInstances(): AgentInstanceState[] {
    return helloInstances(this.running?.plane ?? null);
  }

  instanceMetrics(): InstanceMetrics {
    return this.running?.forwarder.instanceMetrics() ?? [];
  }

  /** `ping`, `http` answered by the embedded manager, and the pieces of large bodies for it. */
  handlers(): RequestHandlers {
    return {
      ...defaultHandlers(),
      ...(this.uploads ? uploadHandlers(this.uploads) : {}),
      http: (params, signal) => {
        const plane = this.running?.plane;
        if (!plane || this.stopped) {
          return Promise.reject(new RelayError('agent-starting', 'The host is still starting; try again in a moment'));
        }
        return relayHttp({ url: plane.url, token: plane.accessToken, uploads: this.uploads }, params, signal);
      },
    };
  }

  /** Stops the embedded manager; its servers keep running and are adopted at the next start. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.uploads?.discardAll();
    const running = await this.starting?.catch(() => null);
    if (!running) return;
    running.unsubscribe();
    // As the headless manager does before it stops: the servers outlive the agent, but a service
    // manager (WinSW) may end them right after, so their worlds are saved first.
    const saved = await running.plane.saveAllWorlds().catch((err: unknown) => {
      this.deps.logger.warn({ err }, 'saving the worlds before stopping failed');
      return null;
    });
    if (saved && (saved.saved || saved.failed.length)) this.deps.logger.info(saved, 'saved the running worlds');
    await running.plane.stop();
  }

  private async boot(agentId: string): Promise<Running> {
    const plane = await this.deps.startPlane(agentId);
    const forwarder = new EventForwarder(plane, this.deps.logger, this.deps.logDropBytes);
    this.running = { plane, forwarder, unsubscribe: forwarder.start() };
    this.deps.logger.info({ agentId, url: plane.url }, 'embedded manager started');
    return this.running;
  }

  /** The control plane's settings for this host (null: none received yet); unset ones take the command line's. */
  applySettings(received: AgentSettings | null, heartbeatIntervalSec?: number): void {
    const plane = this.running?.plane;
    if (!plane) return;
    const settings = received ?? { dataRoot: null, steamcmdPath: null };
    const current = plane.services.settings.get();
    const patch: ManagerSettingsPatch = {};
    const dataRoot = settings.dataRoot ?? this.deps.defaults.dataRoot;
    if (dataRoot !== current.dataRoot) patch.dataRoot = dataRoot;
    // Unset everywhere: keep the embedded manager's own (e.g. a steamcmd it installed itself).
    const steamcmdPath = settings.steamcmdPath ?? this.deps.defaults.steamcmdPath;
    if (steamcmdPath !== null && steamcmdPath !== current.steamcmdPath) patch.steamcmdPath = steamcmdPath;
    if (heartbeatIntervalSec !== undefined && heartbeatIntervalSec !== current.heartbeatIntervalSec)
      patch.heartbeatIntervalSec = heartbeatIntervalSec;
    if (Object.keys(patch).length === 0) return;
    try {
      plane.services.settings.update(patch);
      this.deps.logger.info({ settings: patch }, 'applied the control plane settings to the embedded manager');
    } catch (err) {
      this.deps.logger.error({ err, settings: patch }, 'the embedded manager refused the settings');
    }
  }
}
