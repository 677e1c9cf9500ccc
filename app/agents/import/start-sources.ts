import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { parseServerArguments } from '../../domain/command-line-parse.ts';
import { redactSecrets } from '../../domain/command-line.ts';
import { settingsFromProfile } from '../../domain/import-settings.ts';
import { parseStartScript } from '../../domain/start-script.ts';

export interface FoundScript {
  path: string;
  kind: 'batch' | 'profile';
  /** Passwords masked. */
  commandLine: string;
  used: boolean;
}

/** Start scripts and profiles are small; anything bigger is not one. */
const MAX_BYTES = 256 * 1024;
const MAX_FILES = 200;

async function candidates(dir: string, ext: RegExp): Promise<string[]> {
  const entries = await fsp.readdir(dir, { withFileTypes: true }).catch(() => []);
  const files = entries.filter((e) => e.isFile() && ext.test(e.name)).slice(0, MAX_FILES);
  const out: string[] = [];
  for (const e of files.sort((a, b) => a.name.localeCompare(b.name))) {
    const abs = path.join(dir, e.name);
    if ((await fsp.stat(abs)).size <= MAX_BYTES) out.push(abs);
  }
  return out;
}

/** The script's executable is in this install, or named without a folder (run from it). */
function runsThisInstall(exe: string, root: string): boolean {
  const normalized = exe.replace(/\\/g, '/');
  if (!/^([A-Za-z]:)?\//.test(normalized)) return true;
  // A Windows path read on Linux (a folder copied from a Windows host) cannot be compared.
  if (/^[A-Za-z]:/.test(normalized) && process.platform !== 'win32') return true;
  const installRoot = normalized.replace(/\/ShooterGame\/Binaries\/Win64\/[^/]+$/i, '');
  return path.resolve(installRoot).toLowerCase() === path.resolve(root).toLowerCase() || installRoot === normalized;
}

/** The folders searched: the install folder and the one above it (where many people keep start.bat). */
const searchDirs = (root: string) => [root, path.dirname(root)].filter((d, i, all) => all.indexOf(d) === i);

async function readScripts(root: string, warnings: string[]) {
  const found: { script: FoundScript; raw: Record<string, unknown>; warnings: string[] }[] = [];
  for (const dir of searchDirs(root)) {
    for (const abs of await candidates(dir, /\.(bat|cmd)$/i)) {
      const command = parseStartScript(await fsp.readFile(abs, 'latin1'));
      if (!command) continue;
      if (!runsThisInstall(command.exe, root)) {
        warnings.push(`${abs} starts a server in another folder (${command.exe}); it was not read`);
        continue;
      }
      const parsed = parseServerArguments(command.args);
      found.push({
        script: { path: abs, kind: 'batch', commandLine: redactSecrets(command.line), used: false },
        raw: parsed.raw,
        warnings: [...command.warnings, ...parsed.warnings],
      });
    }
  }
  return found;
}

async function readProfiles(root: string) {
  const found: { script: FoundScript; raw: Record<string, unknown> }[] = [];
  for (const dir of searchDirs(root)) {
    for (const abs of await candidates(dir, /\.json$/i)) {
      let json: unknown;
      try {
        json = JSON.parse((await fsp.readFile(abs, 'utf8')).replace(/^\uFEFF/, ''));
      } catch {
        continue;
      }
      const raw = settingsFromProfile(json);
      if (!raw) continue;
      const shown = JSON.stringify({ ...raw, adminPassword: undefined, serverPassword: undefined });
      found.push({ script: { path: abs, kind: 'profile', commandLine: shown, used: false }, raw });
    }
  }
  return found;
}

/**
 * The start arguments of the server: a .bat/.cmd that runs it wins (it is what really ran); else a
 * JSON profile of another manager. With several scripts the first by name is used, and the
 * preview lists the others so the user can see which one it was.
 */
export async function findStartArguments(
  root: string,
  warnings: string[],
): Promise<{ scripts: FoundScript[]; raw: Record<string, unknown> }> {
  const batches = await readScripts(root, warnings);
  const profiles = await readProfiles(root);
  const chosen = batches[0] ?? profiles[0];
  if (chosen) chosen.script.used = true;
  if (batches[0]) warnings.push(...batches[0].warnings);
  if (batches.length > 1)
    warnings.push(
      `${batches.length} start scripts were found; the arguments of ${batches[0]!.script.path} are imported`,
    );
  if (!chosen)
    warnings.push(
      'No start script (.bat/.cmd) or manager profile was found; the settings come from GameUserSettings.ini and the defaults',
    );
  return { scripts: [...batches, ...profiles].map((f) => f.script), raw: chosen?.raw ?? {} };
}
