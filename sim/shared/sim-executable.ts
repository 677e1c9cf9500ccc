// Puts the simulator executable (one Node single executable application playing steamcmd and
// ArkAscendedServer.exe, see sim-build.ts) where a program is expected. The binary is ~100 MB,
// so each placement is a hard link to one cached file, not a copy.
import { chmod, copyFile, link, mkdir, rm } from 'node:fs/promises';
import { isSea } from 'node:sea';
import os from 'node:os';
import path from 'node:path';

export type SimProgram = 'steamcmd' | 'ark-server' | 'asa-api-loader';

/** The file name (without `.exe`) each program is started as. */
export const SIM_PROGRAMS: Readonly<Record<SimProgram, string>> = {
  steamcmd: 'steamcmd',
  'ark-server': 'ArkAscendedServer',
  'asa-api-loader': 'AsaApiLoader',
};

/** Which program a simulator executable plays, from its file name (Windows names ignore case). */
export function programOf(exePath: string): SimProgram | null {
  const name = path
    .basename(exePath)
    .replace(/\.exe$/i, '')
    .toLowerCase();
  for (const [program, base] of Object.entries(SIM_PROGRAMS) as [SimProgram, string][]) {
    if (base.toLowerCase() === name) return program;
  }
  return null;
}

/** `steamcmd` → `steamcmd.exe` on Windows, where only .exe files can be started directly. */
export function executableName(base: string, platform: NodeJS.Platform = process.platform): string {
  return platform === 'win32' ? `${base}.exe` : base;
}

/** Link errors that a copy can get around: another volume, no hard links, too many links. */
const COPY_INSTEAD = new Set(['EXDEV', 'EPERM', 'EACCES', 'EMLINK', 'ENOTSUP', 'ENOSYS']);

/** Hard-links `source` to `dest` (replacing it); returns the error code when only a copy can do. */
async function tryLink(source: string, dest: string): Promise<string | null> {
  await mkdir(path.dirname(dest), { recursive: true });
  await rm(dest, { force: true });
  try {
    await link(source, dest);
    return null;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? '';
    if (!COPY_INSTEAD.has(code)) throw err;
    return code;
  }
}

async function copyExecutable(source: string, dest: string): Promise<void> {
  await copyFile(source, dest);
  await chmod(dest, 0o755);
}

/**
 * Places the simulator executable at `dest`; its file name selects the program it plays. Inside
 * the simulator (steamcmd writing a server tree) the source is the running executable itself;
 * elsewhere the cached build, built on first use (sim-build.ts is imported lazily and kept out of
 * the executable's bundle: it needs esbuild and postject).
 */
export async function placeSimExecutable(dest: string): Promise<void> {
  if (programOf(dest) === null) throw new Error(`${dest}: not a simulator program name`);
  if (isSea()) {
    if ((await tryLink(process.execPath, dest)) !== null) await copyExecutable(process.execPath, dest);
    return;
  }
  const build = await import('./sim-build.ts');
  const cached = await build.ensureSimBinary();
  const failed = await tryLink(cached, dest);
  if (failed === null) return;
  if (failed === 'EXDEV') {
    // The repository and the temp dir on different volumes (D: and C: on GitHub's Windows runners):
    // one copy beside the temp dir serves every later link there.
    const spare = await build.ensureSpareCopy(cached, os.tmpdir());
    if ((await tryLink(spare, dest)) === null) return;
  }
  await copyExecutable(cached, dest);
}
