/** Loopback names a browser may use for the manager; another machine cannot reach them. */
const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/i;

export interface AgentCommands {
  linux: string;
  windows: string;
  /** True when the address the browser uses is this PC only: the user must put its LAN address in. */
  loopback: boolean;
}

/**
 * The one command to run on the new host (docs/agent-channel.md#adding-a-host), for a POSIX shell
 * and for PowerShell. The token travels in an environment variable rather than on the command
 * line, where other users of the machine could read it in the process list.
 */
export function agentCommands(origin: string, token: string, name: string): AgentCommands {
  const url = new URL(origin);
  const quotedName = name.replaceAll("'", "''");
  const common = `--control-plane ${url.origin}`;
  return {
    linux:
      `ARK_AGENT_TOKEN='${token}' npm run agent -- ${common} --data-dir "$HOME/ark-agent"` +
      ` --name '${name.replaceAll("'", "'\\''")}'`,
    windows:
      `$env:ARK_AGENT_TOKEN='${token}'; npm run agent -- ${common} --data-dir "$env:USERPROFILE\\ark-agent"` +
      ` --name '${quotedName}'`,
    loopback: LOOPBACK.test(url.hostname),
  };
}
