// Reads the public server list (a JSON array, as Wildcard publishes it) and finds one server in it.
import { z } from 'zod';
import type { ServerListEntry } from '@ark-asa/contracts';

/** The real unofficial list is about 50 MB; a body past this is refused rather than parsed. */
const MAX_BYTES = 160 * 1024 * 1024;
const TIMEOUT_MS = 90_000;

const RawEntry = z.looseObject({
  Name: z.string(),
  IP: z.string().nullish(),
  Port: z.union([z.number(), z.string()]).nullish(),
  MapName: z.string().nullish(),
  NumPlayers: z.number().nullish(),
  MaxPlayers: z.number().nullish(),
  Platform: z.string().nullish(),
  PlatformType: z.string().nullish(),
  BuildId: z.union([z.number(), z.string()]).nullish(),
  MinorBuildId: z.union([z.number(), z.string()]).nullish(),
  HasPassword: z.union([z.boolean(), z.number()]).nullish(),
});

function toEntry(raw: z.infer<typeof RawEntry>): ServerListEntry {
  const port = raw.Port === null || raw.Port === undefined ? null : Number.parseInt(String(raw.Port), 10);
  const build = raw.BuildId === null || raw.BuildId === undefined ? null : String(raw.BuildId);
  const minor = raw.MinorBuildId === null || raw.MinorBuildId === undefined ? null : String(raw.MinorBuildId);
  return {
    name: raw.Name,
    ip: raw.IP ?? null,
    port: Number.isInteger(port) ? port : null,
    map: raw.MapName ?? null,
    players: raw.NumPlayers ?? null,
    maxPlayers: raw.MaxPlayers ?? null,
    platform: raw.PlatformType ?? raw.Platform ?? null,
    buildId: build === null ? null : minor === null ? build : `${build}.${minor}`,
    hasPassword: raw.HasPassword === null || raw.HasPassword === undefined ? null : Boolean(raw.HasPassword),
  };
}

/** Same session name: exact (case and outer spaces aside), or followed by a ` - (v…)` version suffix. */
export function sameName(listName: string, sessionName: string): boolean {
  const a = listName.trim().toLowerCase();
  const b = sessionName.trim().toLowerCase();
  return a === b || (a.startsWith(b) && /^\s*-\s*\(v[\d.]+\)\s*$/.test(a.slice(b.length)));
}

export interface ListMatch {
  entry: ServerListEntry | null;
  /** Entries with the name but another port (another server of the same name, or a wrong port). */
  sameNameOtherPort: ServerListEntry[];
  total: number;
}

export function findServer(list: unknown, sessionName: string, port: number): ListMatch {
  if (!Array.isArray(list)) throw new Error('The server list is not a JSON array');
  let entry: ServerListEntry | null = null;
  const others: ServerListEntry[] = [];
  for (const item of list) {
    const raw = RawEntry.safeParse(item);
    if (!raw.success || !sameName(raw.data.Name, sessionName)) continue;
    const e = toEntry(raw.data);
    if (e.port === port && entry === null) entry = e;
    else if (e.port !== port && others.length < 5) others.push(e);
  }
  return { entry, sameNameOtherPort: others, total: list.length };
}

/** GET the list (no retries: the user presses the button again), with a size cap and a timeout. */
export async function fetchServerList(url: string, fetchImpl: typeof fetch = fetch): Promise<unknown> {
  const res = await fetchImpl(url, {
    signal: AbortSignal.timeout(TIMEOUT_MS),
    headers: { accept: 'application/json' },
  });
  if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`);
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
    bytes += chunk.byteLength;
    if (bytes > MAX_BYTES) throw new Error(`the list is larger than ${MAX_BYTES / 1024 / 1024} MB`);
    chunks.push(chunk);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
}
