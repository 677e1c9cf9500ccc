// Small JSON file helpers shared by both simulators' control files.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads a JSON object; missing file → {}. A half-written or invalid file → null (caller keeps its last view). */
export function readJsonObjectSync(file: string): JsonObject | null {
  if (!existsSync(file)) return {};
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return isObject(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

async function readJsonObject(file: string): Promise<JsonObject> {
  try {
    const parsed: unknown = JSON.parse(await readFile(file, 'utf8'));
    return isObject(parsed) ? parsed : {};
  } catch {
    return {};
  }
}

let tmpCounter = 0;

/** Temp name unique per process and call, so concurrent writers never share a temp file. */
export function tempNameFor(file: string): string {
  tmpCounter += 1;
  return `${file}.${process.pid}.${tmpCounter}.tmp`;
}

/**
 * Merges `partial` into the JSON object stored at `file` and writes it atomically (temp + rename)
 * because the simulators poll these files while running and must never read half a file.
 */
export async function mergeJsonFile(file: string, partial: object): Promise<JsonObject> {
  await mkdir(path.dirname(file), { recursive: true });
  const merged = { ...(await readJsonObject(file)), ...partial };
  const tmp = tempNameFor(file);
  await writeFile(tmp, `${JSON.stringify(merged, null, 2)}\n`);
  await rename(tmp, file);
  return merged;
}

/** Synchronous atomic write of a text file (used where the writer is about to exit). */
export function writeFileAtomicSync(file: string, data: string | Uint8Array): void {
  const tmp = tempNameFor(file);
  writeFileSync(tmp, data);
  renameSync(tmp, file);
}

// Typed field readers: a control file is hand-written JSON, so a wrong type falls back to the default
// instead of crashing the simulator.
export function readNumber(src: JsonObject, key: string, fallback: number): number {
  const v = src[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
}

export function readNullableNumber(src: JsonObject, key: string, fallback: number | null): number | null {
  const v = src[key];
  if (v === null) return null;
  return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
}

export function readString(src: JsonObject, key: string, fallback: string): string {
  const v = src[key];
  return typeof v === 'string' ? v : fallback;
}

export function readNullableString(src: JsonObject, key: string, fallback: string | null): string | null {
  const v = src[key];
  if (v === null) return null;
  return typeof v === 'string' ? v : fallback;
}

export function readBoolean(src: JsonObject, key: string, fallback: boolean): boolean {
  const v = src[key];
  return typeof v === 'boolean' ? v : fallback;
}

export function readStringRecord(src: JsonObject, key: string): Record<string, string> {
  const v = src[key];
  if (!isObject(v)) return {};
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(v)) if (typeof val === 'string') out[k] = val;
  return out;
}

export type { JsonObject };
export { isObject };
