import fs from 'node:fs';
import { ErrorCode, PROCESS_CHANNEL_VERSION } from '@ark-asa/contracts';
import { helpText, parseCli, serviceInvocation, type CliArgs } from './cli-args.ts';
import { startControlPlane, MANAGER_VERSION, type ControlPlane } from './control-plane.ts';
import { prepareDataDir } from './data-dir-check.ts';
import { defaultDataDir } from './default-data-dir.ts';
import { isAppError } from './domain/app-error.ts';
import { runHeadlessLifecycle } from './headless-lifecycle.ts';
import { createLogger } from './logger.ts';
import { connectParent } from './process-channel-host.ts';
import { serviceConfig, TOKEN_ENV } from './service-unit.ts';

function readArgs(): CliArgs {
  try {
    return parseCli(process.argv.slice(2));
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${helpText(defaultDataDir())}`);
    process.exit(2);
  }
}

function printServiceConfig(args: CliArgs, dataDir: string): void {
  const kind = args.printService!;
  process.stdout.write(serviceConfig(kind, serviceInvocation(args, dataDir, kind)));
  if (args.token)
    console.error(
      `The token is not written into the ${kind} configuration: give it as ${TOKEN_ENV} (see the comments).`,
    );
}

function announce(plane: ControlPlane): void {
  process.stdout.write(
    `ARK ASA Server Manager ${MANAGER_VERSION} listening on ${plane.url}\n` +
      (plane.portFallback ? `  Note:        ${plane.portFallback.message}\n` : '') +
      `  UI and REST: ${plane.url}/  (API docs: ${plane.url}/api/v1/docs)\n` +
      `  Events:      ${plane.wsUrl}\n` +
      `  Data:        ${plane.dataDir}\n`,
  );
}

function tryPrepare(dataDir: string): Error | null {
  try {
    prepareDataDir(dataDir);
    return null;
  } catch (err) {
    return err instanceof Error ? err : new Error(String(err));
  }
}

async function main(): Promise<void> {
  const args = readArgs();
  if (args.help) {
    process.stdout.write(helpText(defaultDataDir()));
    return;
  }
  const dataDir = args.dataDir ?? defaultDataDir();
  if (args.printService) return printServiceConfig(args, dataDir);
  // Before the logger, which writes its file under the data directory: an unusable one must end
  // in one line, not in a stack trace from the log roller.
  const dirError = tryPrepare(dataDir);
  const logger = createLogger({
    level: args.logLevel ?? 'info',
    pretty: process.stdout.isTTY,
    logDir: dirError ? undefined : `${dataDir}/logs`,
  });
  // A parent (the desktop shell's utilityProcess, a Node fork) hears of the lifecycle over this
  // channel too: Windows cannot deliver SIGTERM to a child, and a parent needs the chosen port.
  const channel = connectParent(logger);
  let plane: ControlPlane;
  try {
    if (dirError) throw dirError;
    plane = await startControlPlane({
      dataDir,
      host: args.host,
      port: args.port,
      portFallback: args.portFallback,
      token: args.token,
      tls:
        args.tlsCert && args.tlsKey
          ? { cert: fs.readFileSync(args.tlsCert), key: fs.readFileSync(args.tlsKey) }
          : undefined,
      staticDir: args.staticDir,
      logger,
    });
  } catch (err) {
    // One line a user can act on (port in use, missing token, locked data dir), not a stack trace.
    const message = err instanceof Error ? err.message : String(err);
    console.error(`Cannot start: ${message}`);
    await channel?.send({
      v: PROCESS_CHANNEL_VERSION,
      type: 'start-failed',
      code: isAppError(err) ? err.code : ErrorCode.INTERNAL,
      message,
    });
    process.exit(1);
  }
  announce(plane);
  runHeadlessLifecycle({ plane, channel, logger, stopServersOnExit: args.stopServersOnExit });
  await channel?.send({
    v: PROCESS_CHANNEL_VERSION,
    type: 'ready',
    url: plane.url,
    wsUrl: plane.wsUrl,
    port: plane.port,
    dataDir: plane.dataDir,
    pid: process.pid,
    portFallback: plane.portFallback,
    accessToken: plane.accessToken,
  });
}

void main();
