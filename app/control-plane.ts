import type http from 'node:http';
import path from 'node:path';
import { DEFAULT_SERVER_LIST_URL, ErrorCode, type ManagerSettings } from '@ark-asa/contracts';
import pkg from '../package.json' with { type: 'json' };
import { prepareDataDir } from './data-dir-check.ts';
import { lockDataDir } from './data-dir-lock.ts';
import { listenWithFallback, type PortFallback, type PortFallbackMode } from './port-listen.ts';
import { saveAllWorlds, type SaveAllResult } from './save-all-worlds.ts';
import { AppError } from './domain/app-error.ts';
import { isoNow, systemClock, type Clock } from './domain/clock.ts';
import { isLoopbackHost } from './domain/network.ts';
import { EventBus, type EventListener } from './events/event-bus.ts';
import { createUpgradeHandler } from './http/ws-upgrade.ts';
import { createHttpApp } from './http/http-app.ts';
import { SecurityGuard } from './http/security.ts';
import type { JobHandler } from './jobs/job-handler.ts';
import { createLogger, type Logger } from './logger.ts';
import { SettingsService } from './services/settings-service.ts';
import { createStore, openDatabase, type Store } from './store/index.ts';
import { WS_PATH, WsHub } from './ws/ws-hub.ts';
import { cleanAndReportLeftovers } from './leftovers-report.ts';
import { teardown } from './plane-teardown.ts';
import { wire, type Wired } from './wiring.ts';
import { agentChannels, createPlaneServer, type TlsOptions } from './plane-server.ts';
import type { FirewallPort } from './agents/firewall/firewall-port.ts';
import type { PrereqHost } from './agents/prereqs/prereq-host.ts';
import type { ProcessHost } from './agents/process/process-host.ts';
import type { SupervisorTimeouts } from './agents/supervisor/supervisor-deps.ts';
import type { Services } from './services/index.ts';

export interface ControlPlaneOptions {
  /** Database, manager log and (by default) the data root for builds and instances. */
  dataDir: string;
  /** Overrides the bindHost setting (default 127.0.0.1). */
  host?: string;
  /** Overrides the port setting (default 3000; 0 picks a free port). */
  port?: number;
  /**
   * When the port is in use or reserved (Windows excluded ranges): `never` (default) fails with
   * `port-in-use`, `auto` listens on another port and reports it in `ControlPlane.portFallback`.
   */
  portFallback?: PortFallbackMode;
  /** Overrides the accessToken setting. */
  token?: string | null;
  logger?: Logger;
  /** The built renderer to serve at / (default: renderer/dist of this checkout, when built). */
  staticDir?: string | null;
  /** Tests: events and responses are checked against the contracts and a mismatch throws. */
  strict?: boolean;
  clock?: Clock;
  /** Tests: shorter supervisor waits and polls (e.g. how often ListPlayers is asked). */
  supervisorTimeouts?: Partial<SupervisorTimeouts>;
  /** Overrides the heartbeatIntervalSec setting. */
  heartbeatIntervalSec?: number;
  /** Extra browser origins allowed (the Vite dev server). */
  allowedOrigins?: string[];
  /** Recovery announcements wait at most this long for a first /ws client (default 10 s). */
  announceWaitMs?: number;
  /** Extra or replacement job handlers (embedding and tests), registered after the built-in ones. */
  jobHandlers?: JobHandler[];
  /** Process hosting (default: the real one of this OS); tests may script it. */
  processHost?: ProcessHost;
  /** Test doubles of CurseForge and Discord (default: the real services). */
  curseforgeBaseUrl?: string;
  discordOrigin?: string;
  /** The host firewall (default: the one of this OS); tests pass a fake that records calls. */
  firewall?: FirewallPort;
  /** The Windows prerequisites of this host (default: those of this OS); tests pass stand-ins. */
  prereqs?: PrereqHost;
  /** Serve HTTPS and WSS (the UI, REST, /ws and the agent channel) with this certificate. */
  tls?: TlsOptions;
  /**
   * The local agent's id, used and stored instead of the stored or a random one: the manager
   * embedded in a remote agent (app/agent-main.ts) runs as the id the control plane welcomed it as.
   */
  localAgentId?: string;
}

export interface ControlPlane {
  readonly url: string;
  readonly wsUrl: string;
  readonly host: string;
  readonly port: number;
  /** Set when the requested port could not be used and `portFallback: 'auto'` chose this one. */
  readonly portFallback: PortFallback | null;
  /** The token in effect (from the options or the setting), for a parent process that must send it. */
  readonly accessToken: string | null;
  readonly dataDir: string;
  readonly services: Services;
  /** Listen to the events the control plane publishes (the same ones /ws clients get). */
  subscribe(listener: EventListener): () => void;
  /** Servers with a live process (for the "stop them or leave them running?" question on quit). */
  runningServers(): number;
  /**
   * SaveWorld on every live server at once, bounded by `deadlineMs` in total (default 5 s); servers
   * keep running. For a log-off, a system shutdown, or a manager stop that leaves servers running.
   */
  saveAllWorlds(deadlineMs?: number): Promise<SaveAllResult>;
  /** Stops the control plane; servers keep running unless `stopServers` (then each is stopped gracefully first). */
  stop(how?: StopHow): Promise<void>;
}

export interface StopHow {
  stopServers?: boolean;
}

export const DEFAULT_PORT = 3000;
export const MANAGER_VERSION: string = pkg.version;

function defaultSettings(dataDir: string): ManagerSettings {
  return {
    steamcmdPath: null,
    dataRoot: dataDir,
    bindHost: '127.0.0.1',
    port: DEFAULT_PORT,
    accessToken: null,
    heartbeatIntervalSec: 10,
    jobConcurrency: 2,
    crashRestartMaxAttempts: 3,
    crashRestartWindowMinutes: 10,
    logRetentionLines: 5000,
    wsMaxClients: 200,
    wsMaxClientsPerAddress: 20,
    steamcmdStallTimeoutSec: 600,
    linuxRunner: null,
    serverListUrl: DEFAULT_SERVER_LIST_URL,
  };
}

/** Starts the control plane: store, jobs, local agent, REST API and /ws on one HTTP server. */
export async function startControlPlane(opts: ControlPlaneOptions): Promise<ControlPlane> {
  const dataDir = path.resolve(opts.dataDir);
  prepareDataDir(dataDir);
  const unlock = await lockDataDir(dataDir);
  const logger = opts.logger ?? createLogger({ logDir: path.join(dataDir, 'logs') });
  let store: Store | null = null;
  try {
    store = createStore(openDatabase(dataDir));
    return await assemble(opts, dataDir, store, logger, unlock);
  } catch (err) {
    store?.close();
    unlock();
    throw err;
  }
}

async function assemble(
  opts: ControlPlaneOptions,
  dataDir: string,
  store: Store,
  logger: Logger,
  unlock: () => void,
): Promise<ControlPlane> {
  const clock = opts.clock ?? systemClock;
  const settings = new SettingsService(store, defaultSettings(dataDir));
  const initial = settings.get();
  const host = opts.host ?? initial.bindHost;
  const token = opts.token ?? initial.accessToken;
  const exposed = !isLoopbackHost(host);
  if (exposed && !token) {
    throw new AppError(
      ErrorCode.FORBIDDEN,
      `Listening on ${host} exposes the manager to your network: give an access token with --token (or set accessToken)`,
    );
  }
  const bus = new EventBus(logger, opts.strict ?? false);
  const hub = new WsHub({
    logger,
    limits: () => {
      const s = settings.get();
      return { maxClients: s.wsMaxClients, maxClientsPerAddress: s.wsMaxClientsPerAddress };
    },
  });
  hub.attach(bus);
  const heartbeatIntervalSec = () => opts.heartbeatIntervalSec ?? settings.get().heartbeatIntervalSec;
  let w: Wired | null = null;
  try {
    w = wire({
      store,
      bus,
      clock,
      logger,
      settings,
      version: MANAGER_VERSION,
      heartbeatIntervalSec,
      processHost: opts.processHost,
      supervisorTimeouts: opts.supervisorTimeouts,
      jobHandlers: opts.jobHandlers,
      curseforgeBaseUrl: opts.curseforgeBaseUrl,
      discordOrigin: opts.discordOrigin,
      firewall: opts.firewall,
      prereqs: opts.prereqs,
      localAgentId: opts.localAgentId,
    });
    return await open(opts, {
      dataDir,
      store,
      logger,
      unlock,
      host,
      token,
      exposed,
      bus,
      hub,
      w,
      heartbeatIntervalSec,
    });
  } catch (err) {
    // A failed start (the port taken, most often) must leave nothing behind: a retry in this
    // process would otherwise get a second supervisor tailing and polling the same servers.
    await teardown(w, hub, {}).catch((e: unknown) => logger.error({ err: e }, 'cleaning up a failed start failed'));
    throw err;
  }
}

interface Parts {
  dataDir: string;
  store: Store;
  logger: Logger;
  unlock: () => void;
  host: string;
  token: string | null;
  exposed: boolean;
  bus: EventBus;
  hub: WsHub;
  w: Wired;
  heartbeatIntervalSec: () => number;
}

/** Recovers what a previous run left, listens, then starts the timers. */
async function open(opts: ControlPlaneOptions, p: Parts): Promise<ControlPlane> {
  const { w, hub, logger, host } = p;
  // Before recovery, so a crash the supervisor finds while recovering is notified too.
  w.modsNotifications.start();
  const announcements = w.runner.recover();
  // Nothing runs yet (the runner has failed every job of the previous run), so every staging
  // folder and partial archive found now belongs to a dead job.
  const cleaned = await cleanAndReportLeftovers({
    dataRoot: w.services.settings.get().dataRoot,
    logger,
    logs: w.logs,
    bus: p.bus,
    // A leftover in this data root belongs to one of this host's servers, never to a remote one.
    instanceExists: (id) => p.store.instances.get(id)?.agentId === w.agent.id,
    now: isoNow(opts.clock ?? systemClock),
  });
  await w.supervisor.recover();

  const server = createServer(opts, p);
  const requested = opts.port ?? w.services.settings.get().port;
  const { port, fallback } = await listenWithFallback(server, host, requested, opts.portFallback ?? 'never');
  if (fallback) logger.warn({ requestedPort: requested, port }, fallback.message);

  w.agent.start();
  w.agents.startMonitor(p.heartbeatIntervalSec);
  // After supervisor.recover(), so a due run sees the real status of its server.
  const missedRuns = w.scheduler.start();
  announceWhenHeard(hub, [...announcements, ...cleaned, ...missedRuns], opts.announceWaitMs ?? 10_000);
  // A wildcard address is where we listen, not where a browser can go: point at loopback instead.
  const urlHost = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '[::1]' : host.includes(':') ? `[${host}]` : host;
  logger.info({ host, port, dataDir: p.dataDir, exposed: p.exposed }, 'control plane started');

  let stopping: Promise<void> | null = null;
  const stop = (how: StopHow = {}) =>
    (stopping ??= (async () => {
      server.close();
      server.closeIdleConnections();
      await teardown(w, hub, how);
      server.closeAllConnections();
      p.store.close();
      p.unlock();
      logger.info({ serversLeftRunning: !how.stopServers }, 'control plane stopped');
    })());

  return {
    url: `${opts.tls ? 'https' : 'http'}://${urlHost}:${port}`,
    wsUrl: `${opts.tls ? 'wss' : 'ws'}://${urlHost}:${port}${WS_PATH}`,
    host,
    port,
    portFallback: fallback,
    accessToken: p.token,
    dataDir: p.dataDir,
    services: w.services,
    subscribe: (listener) => p.bus.subscribe(listener),
    runningServers: () => w.supervisor.liveInstanceIds().length,
    saveAllWorlds: (deadlineMs) => saveAllWorlds(w.supervisor, deadlineMs),
    stop,
  };
}

function createServer(opts: ControlPlaneOptions, p: Parts): http.Server {
  const guard = new SecurityGuard({ exposed: p.exposed, token: p.token, allowedOrigins: opts.allowedOrigins });
  const staticDir =
    opts.staticDir === undefined ? path.resolve(import.meta.dirname, '../renderer/dist') : opts.staticDir;
  const app = createHttpApp({
    services: p.w.services,
    guard,
    logger: p.logger,
    staticDir,
    mount: { strictResponses: opts.strict },
  });
  const server = createPlaneServer(app, opts.tls);
  const channels = agentChannels(p.w.services.remoteAgents, p.logger);
  // Never throws: a request target that is not a URL would otherwise end the whole process.
  server.on('upgrade', createUpgradeHandler({ guard, hub: p.hub, logger: p.logger, channels }));
  return server;
}

/**
 * Events produced during start-up (jobs found interrupted by a previous crash) would reach no one
 * if published at once: they are sent when the first client connects, or after a while anyway.
 */
function announceWhenHeard(hub: WsHub, announcements: (() => void)[], waitMs: number): void {
  if (!announcements.length) return;
  let done = false;
  const flush = () => {
    if (done) return;
    done = true;
    for (const announce of announcements) announce();
  };
  void hub.whenClientConnected().then(flush);
  setTimeout(flush, waitMs).unref();
}
