/**
 * Start-at-boot configurations for a remote agent (`npm run agent -- --print-service-config
 * systemd|winsw`): the same systemd unit and WinSW XML builders as the headless manager's
 * (service-unit.ts), running app/agent-cli.ts with this agent's options. The token is never
 * written into them: it comes from ARK_AGENT_TOKEN, set in a root-only env file (systemd) or an
 * `<env>` line of the WinSW file. docs/headless-service.md ("A remote host as a service").
 */
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAgentCli } from './agent-cli-args.ts';
import {
  SERVICE_CONFIG_KINDS,
  serviceConfig,
  type ServiceConfigKind,
  type ServiceIdentity,
  type ServiceInvocation,
} from './service-unit.ts';

/**
 * The agent's token variable. The same name as agent-cli-args.ts's AGENT_TOKEN_ENV (a test checks),
 * spelt out here so that module may import this one without an import cycle at load.
 */
const AGENT_TOKEN_ENV = 'ARK_AGENT_TOKEN';
const PRINT_OPTION = '--print-service-config';

export const AGENT_SERVICE: ServiceIdentity = {
  id: 'ark-asa-agent',
  name: 'ARK ASA Server Manager agent',
  noun: 'agent',
  description: 'ARK ASA Server Manager agent (a remote host of a control plane)',
  printedBy: 'npm run agent',
  tokenEnv: AGENT_TOKEN_ENV,
  tokenRequired: true,
  // 2: bad arguments, 3: refused for good by the control plane (revoked, replaced, another version).
  finalExitCodes: [2, 3],
  // Its embedded manager stops without a SaveWorld round (runAgent): WinSW's tree kill is not a save.
  savesWorldsOnStop: false,
};

/** The agent's own options that go into the service's command line (never its token). */
export interface AgentServiceOptions {
  controlPlane: string;
  dataDir: string;
  name?: string | null;
  caFile?: string | null;
  steamcmdPath?: string | null;
  logLevel?: string | null;
}

/** The agent's command line for a service manager: paths made absolute, defaults left out. */
export function agentServiceArgs(options: AgentServiceOptions): string[] {
  const args = ['--control-plane', options.controlPlane, '--data-dir', path.resolve(options.dataDir)];
  if (options.name) args.push('--name', options.name);
  if (options.caFile) args.push('--ca', path.resolve(options.caFile));
  if (options.steamcmdPath) args.push('--steamcmd-path', path.resolve(options.steamcmdPath));
  if (options.logLevel && options.logLevel !== 'info') args.push('--log-level', options.logLevel);
  return args;
}

/** This checkout's agent, run by this very node with the tsx loader (as `npm run serve`'s service is). */
export function agentServiceInvocation(options: AgentServiceOptions): ServiceInvocation {
  return {
    nodePath: process.execPath,
    nodeArgs: ['--import', import.meta.resolve('tsx')],
    entry: fileURLToPath(new URL('./agent-cli.ts', import.meta.url)),
    args: agentServiceArgs(options),
    workingDirectory: path.resolve(import.meta.dirname, '..'),
    user: os.userInfo().username,
    // Ctrl+C or SIGTERM: the agent stops; its servers keep running (systemd) or end with the
    // service's process tree (WinSW).
    stopServersOnExit: false,
    service: AGENT_SERVICE,
  };
}

export function isServiceConfigKind(kind: string): kind is ServiceConfigKind {
  return (SERVICE_CONFIG_KINDS as readonly string[]).includes(kind);
}

/**
 * What `--print-service-config <kind>` prints for the agent; throws an Error naming the option for
 * an unknown kind (the caller's usual "bad arguments", exit code 2).
 */
export function agentServiceConfig(kind: string, options: AgentServiceOptions): string {
  if (!isServiceConfigKind(kind))
    throw new Error(`--print-service-config must be one of ${SERVICE_CONFIG_KINDS.join(', ')}, not "${kind}"`);
  return serviceConfig(kind, agentServiceInvocation(options));
}

export interface AgentServicePrintout {
  text: string;
  /** For stderr: a --token on the command line is not written into the configuration. */
  warning: string | null;
}

/**
 * `--print-service-config <kind>` anywhere in the agent's arguments: what to print (the other
 * options taken as the agent takes them, with no token needed), or null when it was not asked for.
 * Throws an Error saying what is wrong (bad arguments: exit code 2). The agent's entry calls this
 * before starting anything.
 */
export function agentServicePrintout(argv: readonly string[]): AgentServicePrintout | null {
  const at = argv.findIndex((a) => a === PRINT_OPTION || a.startsWith(`${PRINT_OPTION}=`));
  if (at < 0) return null;
  const inline = argv[at]!.startsWith(`${PRINT_OPTION}=`);
  const kind = inline ? argv[at]!.slice(PRINT_OPTION.length + 1) : argv[at + 1];
  if (!kind || kind.startsWith('--')) throw new Error(`${PRINT_OPTION} needs systemd or winsw`);
  const rest = [...argv.slice(0, at), ...argv.slice(at + (inline ? 1 : 2))];
  // The token is never written into the file: a stand-in satisfies the parser.
  const parsed = parseAgentCli(rest, { [AGENT_TOKEN_ENV]: 'not-written' });
  if (parsed === 'help') throw new Error(`${PRINT_OPTION} and --help do not go together`);
  const tokenGiven = rest.some((a) => a === '--token' || a.startsWith('--token='));
  return {
    text: agentServiceConfig(kind, parsed),
    warning: tokenGiven
      ? `The token is not written into the ${kind} configuration: give it as ${AGENT_TOKEN_ENV} (see the comments).`
      : null,
  };
}

/** One line for the agent's --help. */
export const AGENT_SERVICE_HELP = `  --print-service-config <systemd|winsw>
                          print a systemd unit or a WinSW service XML (Windows) that runs this
                          agent at boot (the token is not written into it), and exit
`;
