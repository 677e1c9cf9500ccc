import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AGENT_CHANNEL_VERSION, type AgentHello } from '@ark-asa/contracts';
import pkg from '../package.json' with { type: 'json' };
import { agentHelpText, parseAgentCli, type AgentCliArgs } from './agent-cli-args.ts';
import { AGENT_SERVICE_HELP, agentServicePrintout } from './agent-service-config.ts';
import { AgentSession } from './agents/channel-client/agent-session.ts';
import { AgentStateFile } from './agents/channel-client/agent-state-file.ts';
import { ChannelDialer } from './agents/channel-client/channel-dialer.ts';
import { EmbeddedHost } from './agents/channel-client/embedded-host.ts';
import type { EmbeddedPlane } from './agents/channel-client/embedded-plane.ts';
import { HostMetricsSampler } from './agents/host-metrics.ts';
import { startControlPlane } from './control-plane.ts';
import { prepareDataDir } from './data-dir-check.ts';
import { lockDataDir } from './data-dir-lock.ts';
import { createLogger, type Logger } from './logger.ts';

/** Exit codes (docs/agent-channel.md#adding-a-host). */
export const AgentExit = { STOPPED: 0, CANNOT_START: 1, BAD_ARGS: 2, REFUSED: 3 } as const;

export interface RunAgentOptions {
  /** Stops the agent as SIGINT/SIGTERM do (an embedding process, tests). */
  signal?: AbortSignal;
  /** Listen to SIGINT/SIGTERM (default true). */
  handleSignals?: boolean;
}

/** The embedded manager's folder: the agent itself already holds the lock on the data dir. */
export const HOST_SUBDIR = 'host';

function readArgs(argv: string[]): AgentCliArgs | number {
  const help = () => `${agentHelpText(pkg.version)}${AGENT_SERVICE_HELP}`;
  try {
    // A start-at-boot configuration for this same command line (docs/headless-service.md).
    const printout = agentServicePrintout(argv);
    if (printout) {
      process.stdout.write(printout.text);
      if (printout.warning) console.error(printout.warning);
      return AgentExit.STOPPED;
    }
    const args = parseAgentCli(argv);
    if (args !== 'help') return args;
    process.stdout.write(help());
    return AgentExit.STOPPED;
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${help()}`);
    return AgentExit.BAD_ARGS;
  }
}

/** The manager this agent embeds: the control plane's own code, on loopback, behind a per-run token. */
function embeddedPlane(args: AgentCliArgs, logger: Logger, agentId: string): Promise<EmbeddedPlane> {
  return startControlPlane({
    dataDir: path.join(args.dataDir, HOST_SUBDIR),
    host: '127.0.0.1',
    port: 0,
    // Never written anywhere: only this process can call its embedded manager.
    token: randomBytes(32).toString('hex'),
    staticDir: null,
    localAgentId: agentId,
    logger: logger.child({ component: 'host' }),
  });
}

function helloOf(args: AgentCliArgs, host: EmbeddedHost, startedAt: string): () => AgentHello {
  return () => ({
    v: AGENT_CHANNEL_VERSION,
    type: 'hello',
    name: args.name,
    hostname: os.hostname(),
    platform: process.platform,
    version: pkg.version,
    startedAt,
    defaults: { dataRoot: args.dataDir, ...(args.steamcmdPath ? { steamcmdPath: args.steamcmdPath } : {}) },
    instances: host.helloInstances(),
  });
}

function createDialer(args: AgentCliArgs, logger: Logger, state: AgentStateFile, host: EmbeddedHost): ChannelDialer {
  // Disk metrics are of the volume that holds the servers: the configured data root once it exists here.
  const dataRoot = () => {
    const configured = state.get().settings?.dataRoot;
    return configured && fs.existsSync(configured) ? configured : args.dataDir;
  };
  const sampler = new HostMetricsSampler(dataRoot);
  const hello = helloOf(args, host, new Date().toISOString());
  const handlers = host.handlers();
  return new ChannelDialer({
    url: args.channelUrl,
    token: args.token,
    ca: args.caFile ? fs.readFileSync(args.caFile) : undefined,
    logger,
    session: (ws) =>
      new AgentSession(ws, {
        logger,
        state,
        controlPlane: args.controlPlane,
        hello,
        sample: async () => ({ metrics: await sampler.sample(), instances: host.instanceMetrics() }),
        handlers,
        hooks: host,
      }).ended,
  });
}

interface Prepared {
  logger: Logger;
  unlock: () => void;
  state: AgentStateFile;
  host: EmbeddedHost;
  dialer: ChannelDialer;
}

async function prepare(args: AgentCliArgs): Promise<Prepared> {
  prepareDataDir(args.dataDir);
  const logger = createLogger({
    level: args.logLevel,
    pretty: process.stdout.isTTY,
    logDir: path.join(args.dataDir, 'logs'),
  });
  // One agent per data dir: two would report the same servers as theirs.
  const unlock = await lockDataDir(args.dataDir);
  try {
    const state = new AgentStateFile(args.dataDir);
    const host = new EmbeddedHost({
      logger,
      startPlane: (agentId) => embeddedPlane(args, logger, agentId),
      defaults: { dataRoot: args.dataDir, steamcmdPath: args.steamcmdPath },
      uploadDir: path.join(args.dataDir, 'uploads'),
    });
    return { logger, unlock, state, host, dialer: createDialer(args, logger, state, host) };
  } catch (err) {
    unlock();
    throw err;
  }
}

/**
 * `npm run agent` (and the packaged agent): runs until stopped or refused for good; resolves with
 * the exit code. Stopping closes the channel, then the embedded manager; servers keep running and
 * the next start adopts them.
 */
export async function runAgent(argv: string[], options: RunAgentOptions = {}): Promise<number> {
  const args = readArgs(argv);
  if (typeof args === 'number') return args;
  let p: Prepared;
  try {
    p = await prepare(args);
  } catch (err) {
    console.error(`Cannot start: ${(err as Error).message}`);
    return AgentExit.CANNOT_START;
  }
  const stop = () => p.dialer.stop();
  const signals = options.handleSignals === false ? [] : (['SIGINT', 'SIGTERM'] as const);
  for (const signal of signals) process.on(signal, stop);
  options.signal?.addEventListener('abort', stop, { once: true });
  if (options.signal?.aborted) stop();
  try {
    return await serve(args, p);
  } finally {
    for (const signal of signals) process.off(signal, stop);
    options.signal?.removeEventListener('abort', stop);
    p.unlock();
  }
}

async function serve(args: AgentCliArgs, p: Prepared): Promise<number> {
  const { logger, host, state } = p;
  logger.info({ controlPlane: args.controlPlane, dataDir: args.dataDir }, 'agent starting');
  const known = state.get().agentId;
  if (known) {
    // Welcomed before: the servers are supervised from now on, whether the control plane answers or not.
    try {
      await host.start(known);
      host.applySettings(state.get().settings);
    } catch (err) {
      logger.error({ err }, 'the embedded manager could not start');
      console.error(`Cannot start: ${(err as Error).message}`);
      return AgentExit.CANNOT_START;
    }
  }
  const fatal = await p.dialer.run();
  await host.stop().catch((err: unknown) => logger.error({ err }, 'stopping the embedded manager failed'));
  if (fatal) {
    logger.error({ reason: fatal }, 'agent refused by the control plane');
    console.error(`Agent stopped: ${fatal}`);
    return AgentExit.REFUSED;
  }
  logger.info('agent stopped');
  return AgentExit.STOPPED;
}
