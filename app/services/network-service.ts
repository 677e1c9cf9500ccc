import os from 'node:os';
import type {
  FirewallOpenBody,
  FirewallState,
  Instance,
  ManagerSettings,
  VisibilityReport,
  WSEvent,
} from '@ark-asa/contracts';
import type { FirewallChange, FirewallInspection, FirewallPort } from '../agents/firewall/firewall-port.ts';
import { rulePrefix, wantedRules } from '../agents/firewall/firewall-port.ts';
import { findServer, fetchServerList, type ListMatch } from '../agents/network/server-list-client.ts';
import { udpPortReport, type UdpPortReport } from '../agents/network/udp-listeners.ts';
import { AppError } from '../domain/app-error.ts';
import { isoNow, type Clock } from '../domain/clock.ts';
import { isVisible, multiHomeOf, visibilityChecks } from '../domain/visibility.ts';
import type { Logger } from '../logger.ts';

type Ports = { gamePort: number; rconPort: number };

export interface NetworkServiceDeps {
  instance: (id: string) => Instance;
  /** The agent in this process: the firewall and sockets read here are its host's. */
  localAgentId: () => string;
  allInstances: () => Instance[];
  settings: () => Pick<ManagerSettings, 'serverListUrl'>;
  firewall: FirewallPort;
  clock: Clock;
  logger: Logger;
  subscribe: (listener: (event: WSEvent) => void) => () => void;
  /** Tests may script these; the defaults read this host. */
  udpReport?: (port: number, pids: readonly number[]) => Promise<UdpPortReport | null>;
  hostAddresses?: () => string[];
  fetchList?: (url: string) => Promise<unknown>;
}

/** How long a downloaded list is reused: the real one is ~50 MB and refreshes every few minutes. */
const LIST_CACHE_MS = 60_000;

/**
 * The instance's firewall rules and the visibility check (docs/visibility.md). Rules follow the
 * instance: a port change replaces them and deleting the instance removes them. Changes made on
 * events never ask for elevation (nobody may be at the desktop); a failure there is logged and
 * shows in the firewall state.
 */
export class NetworkService {
  private readonly ports = new Map<string, Ports>();
  private readonly listCache = new Map<string, { at: number; list: unknown }>();
  /** Servers of remote hosts, so their deletion touches no rule of this host. */
  private readonly remote = new Set<string>();

  constructor(private readonly deps: NetworkServiceDeps) {
    for (const i of deps.allInstances()) this.track(i);
    deps.subscribe((event) => this.onEvent(event));
  }

  async firewallState(id: string, change?: FirewallChange): Promise<FirewallState> {
    const inst = this.local(id);
    const inspection = await this.deps.firewall.inspect(id, wantedRules(id, portsOf(inst), true));
    const openRcon = inspection.rules.some((r) => r.name === rconRuleName(id, inst));
    return this.state(inst, inspection, openRcon, change);
  }

  async openFirewall(id: string, body: FirewallOpenBody): Promise<FirewallState> {
    const inst = this.local(id);
    const rules = wantedRules(id, portsOf(inst), body.openRcon);
    const change = await this.deps.firewall.apply(id, rules, { elevate: body.elevate });
    return this.firewallState(id, change);
  }

  async closeFirewall(id: string): Promise<FirewallState> {
    const inst = this.local(id);
    const change = await this.deps.firewall.remove(id, wantedRules(id, portsOf(inst), true), { elevate: false });
    return this.firewallState(id, change);
  }

  async checkVisibility(id: string): Promise<VisibilityReport> {
    const inst = this.local(id);
    const { gamePort, sessionName, extraQueryArgs, platforms } = inst.settings;
    const pid = inst.runtime?.pid ?? null;
    const [firewall, listening, list] = await Promise.all([
      this.firewallState(id),
      pid === null ? Promise.resolve(null) : (this.deps.udpReport ?? udpPortReport)(gamePort, [pid]),
      this.readList(sessionName, gamePort),
    ]);
    const url = this.deps.settings().serverListUrl;
    const checks = visibilityChecks({
      ...{ status: inst.status, gamePort, sessionName, platforms, firewall },
      multiHome: multiHomeOf(extraQueryArgs),
      hostAddresses: (this.deps.hostAddresses ?? hostAddresses)(),
      listening: pid === null ? { byServer: [], byOther: false } : listening,
      list: {
        url,
        error: list.error,
        entry: list.match?.entry ?? null,
        sameNameOtherPort: list.match?.sameNameOtherPort ?? [],
      },
    });
    return {
      instanceId: id,
      checkedAt: isoNow(this.deps.clock),
      visible: isVisible(checks),
      checks,
      listUrl: url,
      listEntry: list.match?.entry ?? null,
      sameNameEntries: list.match?.sameNameOtherPort ?? [],
    };
  }

  /** Remote agents' hosts have their own firewall and sockets, which this process cannot see. */
  private local(id: string): Instance {
    const inst = this.deps.instance(id);
    if (inst.agentId !== this.deps.localAgentId())
      throw AppError.invalidState(
        `"${inst.name}" runs on a remote host: its firewall and visibility are checked on that host, not here`,
      );
    return inst;
  }

  private async readList(
    sessionName: string,
    port: number,
  ): Promise<{ match: ListMatch | null; error: string | null }> {
    const url = this.deps.settings().serverListUrl;
    try {
      const cached = this.listCache.get(url);
      const now = Date.now();
      const list =
        cached && now - cached.at < LIST_CACHE_MS ? cached.list : await (this.deps.fetchList ?? fetchServerList)(url);
      if (!cached || cached.list !== list) this.listCache.set(url, { at: now, list });
      return { match: findServer(list, sessionName, port), error: null };
    } catch (err) {
      return { match: null, error: err instanceof Error ? err.message : String(err) };
    }
  }

  private state(
    inst: Instance,
    inspection: FirewallInspection,
    openRcon: boolean,
    change?: FirewallChange,
  ): FirewallState {
    const wanted = wantedRules(inst.id, portsOf(inst), openRcon);
    const rules = wanted.map((w) => {
      const hits = inspection.rules.filter((r) => r.port === w.port && r.protocol === w.protocol);
      return { ...w, present: hits.length > 0, enabled: hits.some((r) => r.enabled) };
    });
    const open = rules.every((r) => r.enabled);
    let status: FirewallState['status'] = open ? 'open' : rules.some((r) => r.present) ? 'partial' : 'closed';
    if (!inspection.available) status = 'unavailable';
    else if (!open && (!inspection.canChange || (change && !change.ok && change.reason === 'needs-admin')))
      status = 'needs-admin';
    const message =
      change && !change.ok ? change.message : (inspection.message ?? describe(status, this.deps.firewall.backend));
    return {
      instanceId: inst.id,
      backend: this.deps.firewall.backend,
      status,
      message,
      rules,
      command: this.deps.firewall.manualCommand(inst.id, wanted),
    };
  }

  private onEvent(event: WSEvent): void {
    if (event.event === 'instance:deleted') {
      if (this.remote.delete(event.data.instanceId)) return;
      const known = this.ports.get(event.data.instanceId);
      this.ports.delete(event.data.instanceId);
      const rules = known ? wantedRules(event.data.instanceId, known, true) : [];
      void this.background('remove', this.deps.firewall.remove(event.data.instanceId, rules, { elevate: false }));
    } else if (event.event === 'instance:updated' || event.event === 'instance:created') {
      const inst = event.data.instance;
      const before = this.ports.get(inst.id);
      if (!this.track(inst)) return;
      const now = portsOf(inst);
      if (before && (before.gamePort !== now.gamePort || before.rconPort !== now.rconPort))
        void this.follow(inst.id, before, now);
    }
  }

  /**
   * Remembers a server's ports when it runs on this host; a remote host's server is only noted
   * (its firewall is that host's business, never this one's). True for a server of this host.
   */
  private track(inst: Instance): boolean {
    if (inst.agentId !== this.deps.localAgentId()) {
      this.remote.add(inst.id);
      return false;
    }
    this.ports.set(inst.id, portsOf(inst));
    return true;
  }

  /** A port changed: rules the instance had move to the new port; nothing is opened that was not. */
  private async follow(id: string, before: Ports, now: Ports): Promise<void> {
    try {
      const had = await this.deps.firewall.inspect(id, wantedRules(id, before, true));
      const mine = had.rules.filter((r) => r.name.startsWith(rulePrefix(id)));
      if (mine.length === 0) return;
      const openRcon = mine.some((r) => r.name.includes(' rcon ('));
      await this.background('move', this.deps.firewall.apply(id, wantedRules(id, now, openRcon), { elevate: false }));
    } catch (err) {
      this.deps.logger.warn({ err, instanceId: id }, 'Could not move the firewall rules to the new port');
    }
  }

  private async background(what: string, change: Promise<FirewallChange>): Promise<void> {
    try {
      const result = await change;
      if (!result.ok)
        this.deps.logger.warn({ reason: result.reason }, `Firewall rules not changed (${what}): ${result.message}`);
    } catch (err) {
      this.deps.logger.warn({ err }, `Firewall rules not changed (${what})`);
    }
  }
}

const portsOf = (i: Instance): Ports => ({ gamePort: i.settings.gamePort, rconPort: i.settings.rconPort });
const rconRuleName = (id: string, i: Instance) => wantedRules(id, portsOf(i), true)[1]?.name;

function describe(status: FirewallState['status'], backend: string): string {
  switch (status) {
    case 'open':
      return `The ${backend} firewall lets players in on the game port.`;
    case 'partial':
      return 'Some of the rules are missing or disabled.';
    case 'needs-admin':
      return 'Changing firewall rules needs administrator rights.';
    case 'unavailable':
      return 'No firewall the manager can manage.';
    default:
      return `No ${backend} rule opens the game port yet.`;
  }
}

/** Every address of this host's interfaces, for the MultiHome check. */
function hostAddresses(): string[] {
  return Object.values(os.networkInterfaces())
    .flat()
    .flatMap((a) => (a ? [a.address] : []));
}
