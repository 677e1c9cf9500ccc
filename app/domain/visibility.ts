// The "is my server visible?" verdict: facts gathered by the service in, one check per question
// out, each failure with one sentence of cause and one of fix (docs/visibility.md). Pure.
import type { FirewallState, InstanceStatus, ServerListEntry, VisibilityCheck } from '@ark-asa/contracts';

export interface VisibilityFacts {
  status: InstanceStatus;
  gamePort: number;
  sessionName: string;
  /** `?MultiHome=` of the extra arguments, or null. */
  multiHome: string | null;
  hostAddresses: readonly string[];
  /** Empty: every platform (crossplay). */
  platforms: readonly string[];
  /** null: this OS cannot say who listens. */
  listening: { byServer: string[]; byOther: boolean } | null;
  firewall: FirewallState;
  list: {
    url: string;
    error: string | null;
    entry: ServerListEntry | null;
    sameNameOtherPort: ServerListEntry[];
  };
}

const WILDCARDS = new Set(['0.0.0.0', '::', '']);

/** The `MultiHome=<ip>` of `?`-arguments (case-insensitive key), or null. */
export function multiHomeOf(extraQueryArgs: readonly string[]): string | null {
  for (const arg of extraQueryArgs) {
    const eq = arg.indexOf('=');
    if (eq > 0 && arg.slice(0, eq).toLowerCase() === 'multihome') return arg.slice(eq + 1).trim() || null;
  }
  return null;
}

const check = (
  id: VisibilityCheck['id'],
  status: VisibilityCheck['status'],
  message: string,
  fix: string | null = null,
): VisibilityCheck => ({ id, status, message, fix });

function processCheck(f: VisibilityFacts): VisibilityCheck {
  if (f.status === 'RUNNING') return check('process', 'pass', 'The server is running.');
  if (f.status === 'STARTING')
    return check(
      'process',
      'warn',
      'The server is still starting; it lists itself once it advertises.',
      'Wait until it runs, then check again.',
    );
  return check(
    'process',
    'fail',
    `The server is not running (${f.status.toLowerCase()}).`,
    'Start it, then check again.',
  );
}

function listeningCheck(f: VisibilityFacts): VisibilityCheck {
  const port = `UDP ${f.gamePort}`;
  if (f.status !== 'RUNNING' && f.status !== 'STARTING')
    return check('listening', 'skip', 'Not checked: the server is not running.');
  if (f.listening === null)
    return check('listening', 'skip', 'This OS does not tell the manager who listens on a UDP port.');
  if (f.listening.byServer.length > 0)
    return check('listening', 'pass', `The server listens on ${port} (${f.listening.byServer.join(', ')}).`);
  if (f.listening.byOther)
    return check(
      'listening',
      'fail',
      `Another process holds ${port}, not this server.`,
      'Stop that program or give this server another game port.',
    );
  return check(
    'listening',
    'fail',
    `The server process does not listen on ${port}.`,
    'Read the server log for startup errors; on Windows, install the Amazon certificates the server needs (docs/visibility.md).',
  );
}

function firewallCheck(f: VisibilityFacts): VisibilityCheck {
  const fw = f.firewall;
  const game = fw.rules.find((r) => r.purpose === 'game');
  if (fw.status === 'unavailable') return check('firewall', 'skip', fw.message);
  if (game?.enabled) return check('firewall', 'pass', `The ${fw.backend} firewall allows UDP ${f.gamePort} inbound.`);
  if (game?.present)
    return check(
      'firewall',
      'fail',
      `The firewall rule for UDP ${f.gamePort} is disabled.`,
      'Enable it, or press "Open the game port".',
    );
  if (fw.status === 'needs-admin' && fw.rules.length === 0 && fw.backend !== 'windows')
    return check('firewall', 'warn', fw.message, 'Run the command shown as root, or check the rules yourself.');
  return check(
    'firewall',
    'fail',
    `No inbound rule opens UDP ${f.gamePort} in the ${fw.backend} firewall, so it drops players' packets.`,
    'Press "Open the game port" (administrator rights) or run the command shown as an administrator.',
  );
}

function multiHomeCheck(f: VisibilityFacts): VisibilityCheck {
  if (f.multiHome === null || WILDCARDS.has(f.multiHome))
    return check('multihome', 'pass', 'No MultiHome: the server binds to every address of this host.');
  if (f.hostAddresses.includes(f.multiHome))
    return check('multihome', 'pass', `MultiHome=${f.multiHome} is an address of this host.`);
  return check(
    'multihome',
    'fail',
    `MultiHome=${f.multiHome} is not an address of this host, so the server cannot bind to it.`,
    `Remove MultiHome or set it to one of this host's addresses (${f.hostAddresses.slice(0, 4).join(', ')}).`,
  );
}

function platformHint(platforms: readonly string[]): string {
  return platforms.length === 0
    ? 'in the game, tick "Show player servers" and clear the filters'
    : `only ${platforms.join(', ')} players see it (ServerPlatform), and in the game "Show player servers" must be ticked`;
}

function listCheck(f: VisibilityFacts): VisibilityCheck {
  const { list } = f;
  if (list.error !== null)
    return check(
      'server-list',
      'warn',
      `Could not read the server list at ${list.url}: ${list.error}.`,
      "Check the serverListUrl setting and this host's internet access.",
    );
  if (list.entry) {
    const e = list.entry;
    const where = e.ip ? `${e.ip}:${e.port}` : `port ${e.port}`;
    const players = e.players !== null && e.maxPlayers !== null ? `, ${e.players}/${e.maxPlayers} players` : '';
    return check(
      'server-list',
      'pass',
      `Listed as "${e.name}" at ${where}${players}; ${platformHint(f.platforms)} to find it.`,
    );
  }
  const other = list.sameNameOtherPort[0];
  if (other)
    return check(
      'server-list',
      'fail',
      `The list has "${other.name}" on port ${other.port}, not on the game port ${f.gamePort}.`,
      'If that is this server, your router forwards or rewrites another port: forward UDP ' +
        `${f.gamePort} to this host unchanged; otherwise pick a unique session name.`,
    );
  if (f.status !== 'RUNNING')
    return check('server-list', 'skip', `"${f.sessionName}" is not in the list; a stopped server never is.`);
  return check(
    'server-list',
    'fail',
    `"${f.sessionName}" on port ${f.gamePort} is not in the public server list.`,
    `Forward UDP ${f.gamePort} on your router to this host and wait a few minutes for the list to refresh; ${platformHint(f.platforms)}.`,
  );
}

export function visibilityChecks(f: VisibilityFacts): VisibilityCheck[] {
  return [processCheck(f), listeningCheck(f), firewallCheck(f), multiHomeCheck(f), listCheck(f)];
}

/** Visible: listed, and nothing failed on this host. */
export function isVisible(checks: readonly VisibilityCheck[]): boolean {
  return checks.every((c) => c.status !== 'fail') && checks.some((c) => c.id === 'server-list' && c.status === 'pass');
}
