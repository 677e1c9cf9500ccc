import type { ModNoticeCode } from '@ark-asa/contracts';
import type { Clock } from '../../domain/clock.ts';
import { ASA_GAME_ID, type CurseForgeModData } from '../../domain/mod-info.ts';
import { TokenBucket } from '../../domain/notification-rate-limit.ts';
import { CurseForgeModsResponse } from './curseforge-schema.ts';

export const CURSEFORGE_API = 'https://api.curseforge.com';
/** CurseForge's largest page; also used as the batch size of POST /v1/mods. */
export const CURSEFORGE_BATCH = 50;

/** A CurseForge call that failed, with the notice code the mods page shows. Never carries the key. */
export class CurseForgeError extends Error {
  constructor(
    readonly code: ModNoticeCode,
    message: string,
    readonly status: number | null = null,
  ) {
    super(message);
    this.name = 'CurseForgeError';
  }
}

export interface CurseForgeClientOptions {
  /** Read at each call: the user may set, change or remove the key at any time. */
  apiKey: () => string | null;
  clock: Clock;
  /** Tests point this at a fake CurseForge. */
  baseUrl?: string;
  timeoutMs?: number;
  /** CurseForge allows about 200 requests a minute; stay below it (default 180). */
  requestsPerMinute?: number;
  fetch?: typeof fetch;
}

export interface ModsLookup {
  mods: CurseForgeModData[];
  /** Ids CurseForge does not know as ASA mods. */
  unknown: string[];
}

/** The CurseForge API (docs/ark-facts.md#mods): x-api-key header, ASA's game id 83374, mods by id in batches. */
export class CurseForgeClient {
  private readonly bucket: TokenBucket;
  private readonly fetch: typeof fetch;

  constructor(private readonly opts: CurseForgeClientOptions) {
    const perMinute = opts.requestsPerMinute ?? 180;
    this.bucket = new TokenBucket(Math.max(1, Math.floor(perMinute / 10)), perMinute, opts.clock.now().getTime());
    this.fetch = opts.fetch ?? globalThis.fetch;
  }

  async getMods(modIds: readonly string[], signal?: AbortSignal): Promise<ModsLookup> {
    const key = this.opts.apiKey();
    if (!key)
      throw new CurseForgeError('no-api-key', 'Add a CurseForge API key in the settings to see mod names and updates');
    const result: ModsLookup = { mods: [], unknown: [] };
    const ids = [...new Set(modIds)];
    for (let i = 0; i < ids.length; i += CURSEFORGE_BATCH) {
      const batch = ids.slice(i, i + CURSEFORGE_BATCH);
      const found = await this.batch(key, batch, signal);
      const asa = found.filter((m) => m.gameId === undefined || m.gameId === ASA_GAME_ID);
      result.mods.push(...asa);
      const known = new Set(asa.map((m) => String(m.id)));
      result.unknown.push(...batch.filter((id) => !known.has(id)));
    }
    return result;
  }

  private async batch(key: string, modIds: string[], signal?: AbortSignal): Promise<CurseForgeModData[]> {
    await this.takeToken(signal);
    const res = await this.post('/v1/mods', key, { modIds: modIds.map(Number) }, signal);
    // An id list with none CurseForge knows can come back as 404: all of them are unknown.
    if (res.status === 404) return [];
    if (res.status === 401 || res.status === 403) {
      throw new CurseForgeError(
        'api-key-refused',
        `CurseForge refused the API key (HTTP ${res.status}): check the key in the settings`,
        res.status,
      );
    }
    if (res.status === 429)
      throw new CurseForgeError(
        'curseforge-unavailable',
        'CurseForge asks the manager to slow down (HTTP 429); it will try again later',
        429,
      );
    if (!res.ok)
      throw new CurseForgeError(
        'curseforge-unavailable',
        `CurseForge failed (HTTP ${res.status}); the manager will try again later`,
        res.status,
      );
    const parsed = CurseForgeModsResponse.safeParse(await res.json().catch(() => null));
    if (!parsed.success)
      throw new CurseForgeError(
        'curseforge-unavailable',
        'CurseForge sent an answer the manager does not understand',
        res.status,
      );
    return parsed.data.data;
  }

  private async post(route: string, key: string, body: unknown, signal?: AbortSignal): Promise<Response> {
    const timeout = AbortSignal.timeout(this.opts.timeoutMs ?? 10_000);
    try {
      return await this.fetch(`${this.opts.baseUrl ?? CURSEFORGE_API}${route}`, {
        method: 'POST',
        headers: { 'x-api-key': key, 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(body),
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
    } catch (err) {
      if (signal?.aborted) throw err;
      const what =
        err instanceof Error && err.name === 'TimeoutError' ? 'did not answer in time' : 'could not be reached';
      throw new CurseForgeError('curseforge-unavailable', `CurseForge ${what}; the manager will try again later`);
    }
  }

  private async takeToken(signal?: AbortSignal): Promise<void> {
    for (;;) {
      const now = this.opts.clock.now().getTime();
      if (this.bucket.tryTake(now)) return;
      await this.opts.clock.sleep(this.bucket.waitMs(now), signal);
    }
  }
}
