import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AGENT_CHANNEL_VERSION, type AgentHello } from '@ark-asa/contracts';
import pkg from '../package.json' with { type: 'json' };
import { agentHelpText, parseAgentCli, type AgentCliArgs } from './agent-cli-args.ts';
import { AgentSession } from './agents/channel-client/agent-session.ts';
import { AgentStateFile } from './agents/channel-client/agent-state-file.ts';
import { ChannelDialer } from './agents/channel-client/channel-dialer.ts';
import { defaultHandlers } from './agents/channel-client/request-handlers.ts';
import { HostMetricsSampler } from './agents/host-metrics.ts';
import { prepareDataDir } from './data-dir-check.ts';
import { lockDataDir } from './data-dir-lock.ts';
import { createLogger, type Logger } from './logger.ts';

/** Exit codes: 2 bad arguments, 1 cannot start, 3 refused by the control plane for good. */
const EXIT_REFUSED = 3;

function readArgs(): AgentCliArgs {
  try {
    const args = parseAgentCli(process.argv.slice(2));
    if (args !== 'help') return args;
    process.stdout.write(agentHelpText(pkg.version));
    process.exit(0);
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${agentHelpText(pkg.version)}`);
    process.exit(2);
  }
}

function helloOf(args: AgentCliArgs, state: AgentStateFile, startedAt: string): () => AgentHello {
  return () => ({
    v: AGENT_CHANNEL_VERSION,
    type: 'hello',
    name: args.name,
    hostname: os.hostname(),
    platform: process.platform,
    version: pkg.version,
    startedAt,
    defaults: { dataRoot: args.dataDir, ...(args.steamcmdPath ? { steamcmdPath: args.steamcmdPath } : {}) },
    instances: state.get().instances,
  });
}

function createDialer(args: AgentCliArgs, logger: Logger): ChannelDialer {
  const state = new AgentStateFile(args.dataDir);
  // Disk metrics are of the volume that holds the servers: the configured data root once it exists here.
  const dataRoot = () => {
    const configured = state.get().settings?.dataRoot;
    return configured && fs.existsSync(configured) ? configured : args.dataDir;
  };
  const sampler = new HostMetricsSampler(dataRoot);
  const hello = helloOf(args, state, new Date().toISOString());
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
        // Phase 1 runs no servers here yet: no per-server metrics.
        sample: async () => ({ metrics: await sampler.sample(), instances: [] }),
        handlers: defaultHandlers(),
      }).ended,
  });
}

async function main(): Promise<void> {
  const args = readArgs();
  let unlock: () => void;
  let dialer: ChannelDialer;
  let logger: Logger;
  try {
    prepareDataDir(args.dataDir);
    logger = createLogger({
      level: args.logLevel,
      pretty: process.stdout.isTTY,
      logDir: path.join(args.dataDir, 'logs'),
    });
    // One agent per data dir: two would report the same servers as theirs.
    unlock = await lockDataDir(args.dataDir);
    dialer = createDialer(args, logger);
  } catch (err) {
    console.error(`Cannot start: ${(err as Error).message}`);
    process.exit(1);
  }
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => dialer.stop());
  logger.info({ controlPlane: args.controlPlane, dataDir: args.dataDir }, 'agent starting');
  const fatal = await dialer.run();
  unlock();
  if (fatal) {
    logger.error({ reason: fatal }, 'agent refused by the control plane');
    console.error(`Agent stopped: ${fatal}`);
    process.exit(EXIT_REFUSED);
  }
  logger.info('agent stopped');
  process.exit(0);
}

void main();
