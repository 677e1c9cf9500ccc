// The files app_update "downloads": the ASA server tree (docs/ark-facts.md#file-layout). ArkAscendedServer.exe
// is the simulator executable, hard-linked; the .pak carries the bulk bytes. No ShooterGame/Saved:
// the real depot does not ship it, the server creates it on first start.
import { createHash } from 'node:crypto';
import { mkdir, open, rename, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { writeServerLauncher } from '../ark-server/install.ts';
import type { SteamcmdSimControl } from './control.ts';

export const EXE_REL = 'ShooterGame/Binaries/Win64/ArkAscendedServer.exe';
export const PAK_REL = 'ShooterGame/Content/Paks/ShooterGame-WindowsServer.pak';

interface TreeFile {
  rel: string;
  data: Buffer;
}

/** Deterministic pseudo-random bytes, so different builds have different content (and hashes). */
function patternBytes(seed: string, size: number): Buffer {
  const out = Buffer.alloc(size);
  let block = createHash('sha256').update(seed).digest();
  for (let off = 0; off < size; off += block.length) {
    block.copy(out, off, 0, Math.min(block.length, size - off));
    block = createHash('sha256').update(block).digest();
  }
  return out;
}

/** Small engine files that exist in a real install, next to the bulk pak. */
export function smallFiles(control: SteamcmdSimControl, buildId: string): TreeFile[] {
  const seed = `asa-sim-${buildId}`;
  return [
    { rel: 'ShooterGame/Binaries/Win64/version.txt', data: Buffer.from(`${control.arkVersion}\r\n`) },
    {
      rel: 'Engine/Binaries/ThirdParty/Steamworks/Steamv153/Win64/steam_api64.dll',
      data: patternBytes(seed + 'a', 4096),
    },
    { rel: 'Engine/Binaries/ThirdParty/Ogg/Win64/VS2015/libogg_64.dll', data: patternBytes(seed + 'b', 2048) },
    { rel: 'Engine/Config/BaseEngine.ini', data: Buffer.from('[Core.System]\r\nPaths=../../../Engine/Content\r\n') },
    { rel: 'ShooterGame/Content/Paks/ShooterGame-WindowsServer.sig', data: patternBytes(seed + 'c', 1024) },
  ];
}

/** Bytes reported as the download total and recorded in the manifest. */
export function downloadTotal(control: SteamcmdSimControl, buildId: string): number {
  return control.payloadBytes + smallFiles(control, buildId).reduce((sum, f) => sum + f.data.length, 0);
}

/** Writes the pak progressively with real bytes (never sparse), so disk use and timing are genuine. */
export class PayloadWriter {
  private written = 0;
  private readonly block: Buffer;

  private constructor(
    private readonly handle: Awaited<ReturnType<typeof open>>,
    private readonly total: number,
    buildId: string,
  ) {
    this.block = patternBytes(`pak-${buildId}`, 1024 * 1024);
  }

  static async create(file: string, total: number, buildId: string): Promise<PayloadWriter> {
    await mkdir(path.dirname(file), { recursive: true });
    return new PayloadWriter(await open(file, 'w'), total, buildId);
  }

  /** Writes until `target` bytes (capped at the total) are on disk. */
  async writeUpTo(target: number): Promise<void> {
    const end = Math.min(target, this.total);
    while (this.written < end) {
      const n = Math.min(this.block.length, end - this.written);
      await this.handle.write(this.block, 0, n, this.written);
      this.written += n;
    }
  }

  async close(): Promise<void> {
    await this.handle.close();
  }
}

/** Writes the small files and the exe into the staging dir (the pak is already there). */
export async function stageSmallFiles(staging: string, control: SteamcmdSimControl, buildId: string): Promise<void> {
  for (const f of smallFiles(control, buildId)) {
    const dest = path.join(staging, f.rel);
    await mkdir(path.dirname(dest), { recursive: true });
    await writeFile(dest, f.data);
  }
  await writeServerLauncher(path.join(staging, EXE_REL));
}

/** Whether both paths name one file (two hard links of it). */
async function sameFile(a: string, b: string): Promise<boolean> {
  const [sa, sb] = await Promise.all([stat(a, { bigint: true }), stat(b, { bigint: true }).catch(() => null)]);
  return sb !== null && sa.dev === sb.dev && sa.ino === sb.ino;
}

/**
 * Moves every staged file into the install dir. rename() gives each file a new inode, so hard links
 * that instances hold to the previous build keep the old content, as with real steamcmd. The exe
 * is a hard link of the one simulator executable, often already in place: POSIX rename() between
 * two links of one file does nothing, so the staged link is dropped instead, the same on Windows.
 */
export async function commitStaged(staging: string, installDir: string, rels: readonly string[]): Promise<void> {
  for (const rel of rels) {
    const staged = path.join(staging, rel);
    const dest = path.join(installDir, rel);
    await mkdir(path.dirname(dest), { recursive: true });
    if (await sameFile(staged, dest)) await unlink(staged);
    else await rename(staged, dest);
  }
}

export function allRels(control: SteamcmdSimControl, buildId: string): string[] {
  return [PAK_REL, EXE_REL, ...smallFiles(control, buildId).map((f) => f.rel)];
}

async function sizeOf(file: string): Promise<number | null> {
  try {
    return (await stat(file)).size;
  } catch {
    return null;
  }
}

/** What `validate` checks: every file present with its expected size. */
export async function treeIsIntact(installDir: string, control: SteamcmdSimControl, buildId: string): Promise<boolean> {
  if ((await sizeOf(path.join(installDir, PAK_REL))) !== control.payloadBytes) return false;
  if ((await sizeOf(path.join(installDir, EXE_REL))) === null) return false;
  for (const f of smallFiles(control, buildId)) {
    if ((await sizeOf(path.join(installDir, f.rel))) !== f.data.length) return false;
  }
  return true;
}

/** Bytes of the existing tree, the total of the `0x5 verifying install` pass. */
export async function existingTreeBytes(
  installDir: string,
  control: SteamcmdSimControl,
  buildId: string,
): Promise<number> {
  let total = 0;
  for (const rel of [PAK_REL, ...smallFiles(control, buildId).map((f) => f.rel)]) {
    total += (await sizeOf(path.join(installDir, rel))) ?? 0;
  }
  return total;
}
