import { SECRET_MASK, type InstanceStatus } from '@ark-asa/contracts';
import type {
  CurseForgeKeyState,
  InstanceMods,
  ModInfo,
  ModNotice,
  ModUpdate,
  ModUpdateCheck,
  PutCurseForgeKeyBody,
} from '@ark-asa/contracts';
import { CurseForgeError, type ModsLookup } from '../agents/curseforge/curseforge-client.ts';
import { readInstalledMods } from '../agents/curseforge/mod-library.ts';
import { AppError } from '../domain/app-error.ts';
import { isoNow, type Clock } from '../domain/clock.ts';
import { instanceModOf, isStale, toModInfo, unknownModInfo, type InstalledMod } from '../domain/mod-info.ts';
import type { NotificationEvent } from '../domain/notification-events.ts';
import type { Logger } from '../logger.ts';
import type { ModsRepo } from '../store/mods-repo.ts';

/** What the mods page needs of an instance (an InstanceRecord fits). */
export interface ModsInstance {
  id: string;
  name: string;
  status: InstanceStatus;
  installPath: string | null;
  settings: { mods: string[]; passiveMods: string[] };
}

export interface ModsServiceDeps {
  repo: ModsRepo;
  curseforge: { getMods(modIds: readonly string[]): Promise<ModsLookup> };
  clock: Clock;
  logger: Logger;
  findInstance(id: string): ModsInstance | null;
  instances(): ModsInstance[];
  /** The directory the server runs in (its Mods and ModsUserData live below it). */
  instanceDir(instance: ModsInstance): string;
  /** A manager line in the instance's log. */
  log(instanceId: string, message: string): void;
  notify(event: NotificationEvent): void;
  /** Cached details older than this are fetched again when shown (default 30 min). */
  staleAfterMs?: number;
  /** Period of the update check (default 30 min); read before each wait, so a change applies. */
  checkIntervalMs?: () => number;
}

export const DEFAULT_MOD_CHECK_MS = 30 * 60_000;
const FAILURE_PAUSE_MS = 60_000;
const NO_KEY: ModNotice = {
  code: 'no-api-key',
  message: 'Add a CurseForge API key in the settings to see mod names and updates',
};

/**
 * Mods per instance with CurseForge names, what is installed, and which have a newer file. ASA
 * installs mod updates itself at start, so an update of a running server is announced once (log
 * line + notification) and offered as a restart with a countdown; nothing here restarts anything.
 */
export class ModsService {
  private loop: AbortController | null = null;
  private readonly keyListeners: (() => void)[] = [];
  /** After a failed lookup, pages shown within a minute reuse its notice instead of waiting on CurseForge again. */
  private failure: { notice: ModNotice; untilMs: number } | null = null;

  constructor(private readonly deps: ModsServiceDeps) {}

  async list(instanceId: string): Promise<InstanceMods> {
    return this.view(this.instance(instanceId), false);
  }

  async refresh(instanceId: string): Promise<InstanceMods> {
    return this.view(this.instance(instanceId), true);
  }

  /** The periodic check, also run on demand: fetch everything, announce new files of running servers. */
  async checkNow(): Promise<ModUpdateCheck> {
    const checkedAt = isoNow(this.deps.clock);
    const instances = this.deps.instances().filter((i) => modIdsOf(i).length > 0);
    const ids = [...new Set(instances.flatMap(modIdsOf))];
    const { cache, notice } = await this.details(ids, true);
    const updates: ModUpdate[] = [];
    if (!notice) {
      for (const instance of instances.filter((i) => i.status === 'RUNNING')) {
        updates.push(...(await this.updatesOf(instance, cache)));
      }
    }
    return { checkedAt, modsChecked: notice ? 0 : ids.length, updates, notice };
  }

  startPeriodicCheck(): void {
    if (this.loop) return;
    const loop = new AbortController();
    this.loop = loop;
    void this.runChecks(loop.signal);
  }

  stopPeriodicCheck(): void {
    this.loop?.abort();
    this.loop = null;
  }

  keyState(): CurseForgeKeyState {
    const stored = this.deps.repo.apiKey();
    return { apiKey: stored ? SECRET_MASK : null, configured: stored !== null, updatedAt: stored?.updatedAt ?? null };
  }

  setKey(body: PutCurseForgeKeyBody): CurseForgeKeyState {
    if (body.apiKey !== SECRET_MASK) {
      this.deps.repo.setApiKey(body.apiKey, isoNow(this.deps.clock));
      this.failure = null;
      this.keyChanged();
    }
    return this.keyState();
  }

  /** Called after the key was stored or removed (the mask keeps it: no call); remote hosts get it so. */
  onKeyChanged(listener: () => void): void {
    this.keyListeners.push(listener);
  }

  private keyChanged(): void {
    for (const listener of this.keyListeners) {
      try {
        listener();
      } catch (err) {
        // The key is stored: a listener's failure is not the user's PUT's.
        this.deps.logger.error({ err }, 'a listener of the CurseForge key failed');
      }
    }
  }

  private instance(id: string): ModsInstance {
    const instance = this.deps.findInstance(id);
    if (!instance) throw AppError.notFound('Instance', id);
    return instance;
  }

  private async view(instance: ModsInstance, force: boolean): Promise<InstanceMods> {
    const { cache, notice } = await this.details(modIdsOf(instance), force);
    const installed = await this.installed(instance);
    const rows = (ids: string[]) => ids.map((id) => instanceModOf(id, cache.get(id), installed.get(id)));
    const mods = rows(instance.settings.mods);
    const passiveMods = rows(instance.settings.passiveMods);
    const updatesAvailable = [...mods, ...passiveMods].filter((m) => m.updateAvailable).length;
    return {
      instanceId: instance.id,
      instanceStatus: instance.status,
      mods,
      passiveMods,
      apiKeyConfigured: this.deps.repo.apiKey() !== null,
      notice,
      updatesAvailable,
      restartSuggested: instance.status === 'RUNNING' && updatesAvailable > 0,
    };
  }

  /** Cached details, fetched first when stale (or always when forced) and a key is there. */
  private async details(
    ids: string[],
    force: boolean,
  ): Promise<{ cache: Map<string, ModInfo>; notice: ModNotice | null }> {
    const cache = this.deps.repo.getMany(ids);
    if (!this.deps.repo.apiKey()) return { cache, notice: NO_KEY };
    const now = this.deps.clock.now().getTime();
    const wanted = force
      ? ids
      : ids.filter((id) => isStale(cache.get(id), now, this.deps.staleAfterMs ?? DEFAULT_MOD_CHECK_MS));
    if (!wanted.length) return { cache, notice: null };
    if (!force && this.failure && now < this.failure.untilMs) return { cache, notice: this.failure.notice };
    try {
      const { mods, unknown } = await this.deps.curseforge.getMods(wanted);
      const at = isoNow(this.deps.clock);
      const fresh = [...mods.map((m) => toModInfo(m, at)), ...unknown.map((id) => unknownModInfo(id, at))];
      this.deps.repo.upsertMany(fresh);
      for (const info of fresh) cache.set(info.modId, info);
      this.failure = null;
      return { cache, notice: null };
    } catch (err) {
      if (!(err instanceof CurseForgeError)) throw err;
      this.deps.logger.warn({ code: err.code, status: err.status }, `CurseForge lookup failed: ${err.message}`);
      const notice: ModNotice = { code: err.code, message: err.message };
      this.failure = { notice, untilMs: this.deps.clock.now().getTime() + FAILURE_PAUSE_MS };
      return { cache, notice };
    }
  }

  private async installed(instance: ModsInstance): Promise<Map<string, InstalledMod>> {
    return readInstalledMods(this.deps.instanceDir(instance));
  }

  private async updatesOf(instance: ModsInstance, cache: Map<string, ModInfo>): Promise<ModUpdate[]> {
    const installed = await this.installed(instance);
    const updates: ModUpdate[] = [];
    for (const modId of modIdsOf(instance)) {
      const row = instanceModOf(modId, cache.get(modId), installed.get(modId));
      if (!row.updateAvailable || !row.latestFileId) continue;
      const newlyNoticed = this.deps.repo.noticedFile(instance.id, modId) !== row.latestFileId;
      const update: ModUpdate = {
        instanceId: instance.id,
        instanceName: instance.name,
        modId,
        name: row.name,
        installedFileId: row.installedFileId,
        latestFileId: row.latestFileId,
        latestFileName: row.latestFileName,
        newlyNoticed,
      };
      if (newlyNoticed) this.announce(update);
      updates.push(update);
    }
    return updates;
  }

  private announce(u: ModUpdate): void {
    const at = isoNow(this.deps.clock);
    const mod = u.name ? `"${u.name}" (${u.modId})` : u.modId;
    const file = u.latestFileName ? `${u.latestFileName} (file ${u.latestFileId})` : `file ${u.latestFileId}`;
    const detail = `Mod ${mod} has an update: ${file}, installed ${u.installedFileId ?? 'unknown'}. The server installs it at its next start: restart it with a countdown.`;
    this.deps.log(u.instanceId, detail);
    this.deps.notify({
      kind: 'mod-update-available',
      instanceId: u.instanceId,
      instanceName: u.instanceName,
      at,
      detail,
    });
    this.deps.repo.recordNotice(u.instanceId, u.modId, u.latestFileId, at);
  }

  private async runChecks(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      try {
        await this.deps.clock.sleep(this.deps.checkIntervalMs?.() ?? DEFAULT_MOD_CHECK_MS, signal);
      } catch {
        return;
      }
      try {
        await this.checkNow();
      } catch (err) {
        this.deps.logger.error({ err }, 'the mod update check failed');
      }
    }
  }
}

function modIdsOf(instance: ModsInstance): string[] {
  return [...instance.settings.mods, ...instance.settings.passiveMods];
}
