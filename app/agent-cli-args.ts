import path from 'node:path';
import { parseArgs } from 'node:util';
import { AGENT_CHANNEL_PATH } from '@ark-asa/contracts';

/** Where `--token` may come from instead of the command line (which other users can read in `ps`). */
export const AGENT_TOKEN_ENV = 'ARK_AGENT_TOKEN';

export function agentHelpText(version: string): string {
  return `ARK ASA Server Manager ${version} — remote agent

Runs game servers on this machine for a control plane elsewhere. It dials out (works behind NAT),
keeps reconnecting, and opens no port to the network: the manager it runs for its servers listens
on 127.0.0.1 only, behind a token that exists only in this process's memory.

Usage: npm run agent -- --control-plane <http(s)://host:port> --token <token> --data-dir <dir> [options]

  --control-plane <url>   the manager's address, as a browser opens it (http:// or https://)
  --token <token>         the host's token from "Add host" (POST /api/v1/agents); also read from
                          the ${AGENT_TOKEN_ENV} environment variable
  --data-dir <dir>        this agent's state, logs and (by default) its servers' files
  --name <name>           the host's name, used when it first registers (default: the name given
                          when the host was added)
  --ca <file>             a PEM certificate to trust for an https:// control plane with a
                          self-signed certificate
  --steamcmd-path <file>  steamcmd on this machine, unless set on the control plane
  --log-level <level>     trace, debug, info, warn or error (default info)
  -h, --help              show this help
`;
}

export interface AgentCliArgs {
  /** ws:// or wss:// URL of the agent channel. */
  channelUrl: string;
  controlPlane: string;
  token: string;
  dataDir: string;
  name: string | null;
  caFile: string | null;
  steamcmdPath: string | null;
  logLevel: string;
}

/** The agent channel's URL on the control plane at `base` (a path prefix behind a reverse proxy is kept). */
export function channelUrlOf(base: string): string {
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    throw new Error(`--control-plane must be a URL such as http://192.168.1.10:3000, not "${base}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`--control-plane must start with http:// or https://, not "${url.protocol}"`);
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new Error('--control-plane must not contain a user, a query or a fragment');
  }
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.pathname = `${url.pathname.replace(/\/+$/, '')}${AGENT_CHANNEL_PATH}`;
  return url.toString();
}

function required(value: string | undefined, option: string): string {
  if (!value) throw new Error(`${option} is required`);
  return value;
}

/**
 * `--token <value>` as `--token=<value>`: a token is base64url, so one in 64 starts with `-`, which
 * parseArgs would otherwise refuse as "ambiguous" — on the command the Hosts page shows.
 */
const OPTION_NAMES = new Set(['-h', '--help', '--control-plane', '--token', '--data-dir', '--name', '--ca']);
const isOptionName = (arg: string) =>
  OPTION_NAMES.has(arg.split('=')[0]!) || /^--(steamcmd-path|log-level|print-service-config)(=|$)/.test(arg);

function withTokenJoined(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const next = argv[i + 1];
    if (argv[i] === '--token' && next !== undefined && next.startsWith('-') && !isOptionName(next)) {
      out.push(`--token=${next}`);
      i++;
    } else out.push(argv[i]!);
  }
  return out;
}

/** The agent's options, or `'help'`; throws an Error saying what is wrong. */
export function parseAgentCli(argv: string[], env: NodeJS.ProcessEnv = process.env): AgentCliArgs | 'help' {
  const { values } = parseArgs({
    args: withTokenJoined(argv),
    options: {
      'control-plane': { type: 'string' },
      token: { type: 'string' },
      'data-dir': { type: 'string' },
      name: { type: 'string' },
      ca: { type: 'string' },
      'steamcmd-path': { type: 'string' },
      'log-level': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help';
  const controlPlane = required(values['control-plane'], '--control-plane');
  const steamcmdPath = values['steamcmd-path'] ? path.resolve(values['steamcmd-path']) : null;
  const name = values.name?.trim() || null;
  if (name !== null && name.length > 64) throw new Error('--name must be at most 64 characters');
  return {
    channelUrl: channelUrlOf(controlPlane),
    controlPlane,
    token: required(values.token ?? (env[AGENT_TOKEN_ENV] || undefined), `--token (or ${AGENT_TOKEN_ENV})`),
    dataDir: path.resolve(required(values['data-dir'], '--data-dir')),
    name,
    caFile: values.ca ? path.resolve(values.ca) : null,
    steamcmdPath,
    logLevel: values['log-level'] ?? 'info',
  };
}
