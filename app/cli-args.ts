import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { MANAGER_VERSION } from './control-plane.ts';
import type { PortFallbackMode } from './port-listen.ts';
import { SERVICE_CONFIG_KINDS, TOKEN_ENV, type ServiceConfigKind, type ServiceInvocation } from './service-unit.ts';

export function helpText(defaultDataDir: string): string {
  return `ARK ASA Server Manager ${MANAGER_VERSION} — headless control plane

Usage: npm run serve -- [options]

  --host <address>        address to listen on (default 127.0.0.1; anything else needs --token)
  --port <port>           port of the API, the UI and /ws (default 3000, or the port setting)
  --port-fallback         when the port is in use or reserved, listen on a free one and say which
                          (automatic when --port is not given; an explicit --port is refused otherwise)
  --data-dir <dir>        database, logs and server files (default ${defaultDataDir})
  --static-dir <dir>      the built UI to serve at / (default: renderer/dist of this checkout)
  --token <token>         access token remote clients must present (Bearer header, /ws?token=);
                          also read from the ${TOKEN_ENV} environment variable
  --tls-cert <file>       serve HTTPS and WSS with this PEM certificate (chain) …
  --tls-key <file>        … and this PEM private key (both or neither)
  --stop-servers-on-exit  on Ctrl+C / SIGTERM, stop every game server gracefully (by default the
                          manager saves their worlds and leaves them running)
  --log-level <level>     trace, debug, info, warn or error (default info)
  --print-service-unit    print a systemd unit that runs this command at boot, and exit
  --print-service-config <systemd|winsw>
                          print a systemd unit or a WinSW service XML (Windows), and exit
  -h, --help              show this help
`;
}

export interface CliArgs {
  host?: string;
  port?: number;
  portFallback: PortFallbackMode;
  dataDir?: string;
  staticDir?: string;
  token?: string;
  tlsCert?: string;
  tlsKey?: string;
  logLevel?: string;
  stopServersOnExit: boolean;
  printService: ServiceConfigKind | null;
  help: boolean;
}

export function parseCli(argv: string[], env: NodeJS.ProcessEnv = process.env): CliArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      host: { type: 'string' },
      port: { type: 'string' },
      'port-fallback': { type: 'boolean' },
      'data-dir': { type: 'string' },
      'static-dir': { type: 'string' },
      token: { type: 'string' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      'log-level': { type: 'string' },
      'stop-servers-on-exit': { type: 'boolean' },
      'print-service-unit': { type: 'boolean' },
      'print-service-config': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port <= 65535)) {
    throw new Error(`--port must be a number from 0 to 65535, not "${values.port}"`);
  }
  if (!values['tls-cert'] !== !values['tls-key']) throw new Error('--tls-cert and --tls-key go together');
  const kind = values['print-service-config'] ?? (values['print-service-unit'] ? 'systemd' : null);
  if (kind !== null && !SERVICE_CONFIG_KINDS.includes(kind as ServiceConfigKind)) {
    throw new Error(`--print-service-config must be one of ${SERVICE_CONFIG_KINDS.join(', ')}, not "${kind}"`);
  }
  return {
    host: values.host,
    port,
    // A port the user typed is what they want, or a clear refusal; a default may move.
    portFallback: values['port-fallback'] || port === undefined ? 'auto' : 'never',
    dataDir: values['data-dir'],
    staticDir: values['static-dir'],
    token: values.token ?? (env[TOKEN_ENV] || undefined),
    tlsCert: values['tls-cert'] && path.resolve(values['tls-cert']),
    tlsKey: values['tls-key'] && path.resolve(values['tls-key']),
    logLevel: values['log-level'],
    stopServersOnExit: values['stop-servers-on-exit'] ?? false,
    printService: kind as ServiceConfigKind | null,
    help: values.help ?? false,
  };
}

/** This very command, for a service manager to run: node, the tsx loader, app/cli.ts and the options. */
export function serviceInvocation(args: CliArgs, dataDir: string, kind: ServiceConfigKind): ServiceInvocation {
  // WinSW ends the whole process tree after the manager: servers must be stopped gracefully first.
  const stopServersOnExit = args.stopServersOnExit || kind === 'winsw';
  const options: string[] = [];
  if (args.host) options.push('--host', args.host);
  if (args.port !== undefined) options.push('--port', String(args.port));
  if (args.port !== undefined && args.portFallback === 'auto') options.push('--port-fallback');
  options.push('--data-dir', path.resolve(dataDir));
  if (args.tlsCert && args.tlsKey) options.push('--tls-cert', args.tlsCert, '--tls-key', args.tlsKey);
  if (args.logLevel) options.push('--log-level', args.logLevel);
  if (stopServersOnExit) options.push('--stop-servers-on-exit');
  return {
    nodePath: process.execPath,
    nodeArgs: ['--import', import.meta.resolve('tsx')],
    entry: fileURLToPath(new URL('./cli.ts', import.meta.url)),
    args: options,
    workingDirectory: path.resolve(import.meta.dirname, '..'),
    user: os.userInfo().username,
    stopServersOnExit,
  };
}
