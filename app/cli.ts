import { parseArgs } from 'node:util';
import { startControlPlane, MANAGER_VERSION, type ControlPlane } from './control-plane.ts';
import { defaultDataDir } from './default-data-dir.ts';
import { isAppError } from './domain/app-error.ts';
import { createLogger } from './logger.ts';

const HELP = `ARK ASA Server Manager ${MANAGER_VERSION} — headless control plane

Usage: npm run serve -- [options]

  --host <address>    address to listen on (default 127.0.0.1; anything else needs --token)
  --port <port>       port of the API, the UI and /ws (default 3000)
  --data-dir <dir>    database, logs and server files (default ${defaultDataDir()})
  --token <token>     access token remote clients must present (Bearer header, /ws?token=)
  --log-level <level> trace, debug, info, warn or error (default info)
  -h, --help          show this help
`;

function parseCli(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      host: { type: 'string' },
      port: { type: 'string' },
      'data-dir': { type: 'string' },
      token: { type: 'string' },
      'log-level': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port <= 65535)) {
    throw new Error(`--port must be a number from 0 to 65535, not "${values.port}"`);
  }
  return { ...values, port };
}

async function main(): Promise<void> {
  let args: ReturnType<typeof parseCli>;
  try {
    args = parseCli(process.argv.slice(2));
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${HELP}`);
    process.exit(2);
  }
  if (args.help) {
    process.stdout.write(HELP);
    return;
  }
  const dataDir = args['data-dir'] ?? defaultDataDir();
  const logger = createLogger({ level: args['log-level'] ?? 'info', pretty: process.stdout.isTTY, logDir: `${dataDir}/logs` });
  let plane: ControlPlane;
  try {
    plane = await startControlPlane({ dataDir, host: args.host, port: args.port, token: args.token, logger });
  } catch (err) {
    // One line a user can act on (port in use, missing token, locked data dir), not a stack trace.
    console.error(`Cannot start: ${isAppError(err) ? err.message : (err as Error).message}`);
    process.exit(1);
  }
  process.stdout.write(
    `ARK ASA Server Manager ${MANAGER_VERSION} listening on ${plane.url}\n` +
      `  UI and REST: ${plane.url}/  (API docs: ${plane.url}/api/v1/docs)\n` +
      `  Events:      ${plane.wsUrl}\n` +
      `  Data:        ${plane.dataDir}\n`,
  );
  let signals = 0;
  const shutdown = (signal: string) => {
    signals += 1;
    if (signals > 1) process.exit(130); // a second Ctrl+C means "now"
    logger.info({ signal }, 'shutting down');
    void plane.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

void main();
