// The AsaApi files inside one server install (docs/asa-api.md): AsaApiLoader.exe beside
// ArkAscendedServer.exe, plugins as ArkApi/Plugins/<Name>/<Name>.dll with their config.json,
// and the disabled plugins parked in ArkApi/Plugins.disabled, where AsaApi does not look.
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AsaApiPluginName, ErrorCode, type AsaApiPlugin } from '@ark-asa/contracts';
import { AppError } from '../../domain/app-error.ts';

export const WIN64_DIR = ['ShooterGame', 'Binaries', 'Win64'] as const;
export const ASA_API_LOADER = 'AsaApiLoader.exe';

export const win64Dir = (installDir: string) => path.join(installDir, ...WIN64_DIR);
export const loaderPath = (installDir: string) => path.join(win64Dir(installDir), ASA_API_LOADER);
export const pluginsDir = (installDir: string) => path.join(win64Dir(installDir), 'ArkApi', 'Plugins');
export const disabledPluginsDir = (installDir: string) => path.join(win64Dir(installDir), 'ArkApi', 'Plugins.disabled');
/** AsaApi writes ArkApi_<pid>_<date>.log here (its logger lives in Win64/logs). */
export const asaApiLogsDir = (installDir: string) => path.join(win64Dir(installDir), 'logs');

/** The name as a safe single path segment, or a 400 naming it. */
export function checkedPluginName(name: string): string {
  const parsed = AsaApiPluginName.safeParse(name);
  if (!parsed.success || path.basename(name) !== name) {
    throw new AppError(ErrorCode.VALIDATION_FAILED, `"${name}" is not a plugin folder name`, [
      { field: 'name', message: 'A plugin folder name: letters, digits, . _ - + & only' },
    ]);
  }
  return name;
}

async function isFile(p: string): Promise<boolean> {
  return (await stat(p).catch(() => null))?.isFile() ?? false;
}

async function isDir(p: string): Promise<boolean> {
  return (await stat(p).catch(() => null))?.isDirectory() ?? false;
}

export function loaderInstalled(installDir: string): Promise<boolean> {
  return isFile(loaderPath(installDir));
}

/**
 * The AsaApi version when a release left it in a readable place: AsaApi's releases carry no
 * version file of their own, so only a `version.txt` beside the loader (as some installers write) counts.
 */
export async function readLoaderVersion(installDir: string): Promise<string | null> {
  const text = await readFile(path.join(win64Dir(installDir), 'ArkApi', 'version.txt'), 'utf8').catch(() => null);
  const line = text?.trim().split(/\r?\n/)[0]?.trim();
  return line && line.length <= 40 ? line : null;
}

async function pluginsIn(dir: string, enabled: boolean): Promise<AsaApiPlugin[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const plugins: AsaApiPlugin[] = [];
  for (const e of entries) {
    if (!e.isDirectory() || !AsaApiPluginName.safeParse(e.name).success) continue;
    const folder = path.join(dir, e.name);
    plugins.push({
      name: e.name,
      enabled,
      hasConfig: await isFile(path.join(folder, 'config.json')),
      hasDll: await isFile(path.join(folder, `${e.name}.dll`)),
    });
  }
  return plugins;
}

/** Every plugin, loaded or parked, by name. */
export async function listPlugins(installDir: string): Promise<AsaApiPlugin[]> {
  const all = [
    ...(await pluginsIn(pluginsDir(installDir), true)),
    ...(await pluginsIn(disabledPluginsDir(installDir), false)),
  ];
  return all.sort((a, b) => a.name.localeCompare(b.name));
}

/** The folder of an existing plugin, enabled or not; 404 when there is none. */
export async function pluginFolder(installDir: string, name: string): Promise<string> {
  const safe = checkedPluginName(name);
  for (const dir of [pluginsDir(installDir), disabledPluginsDir(installDir)]) {
    if (await isDir(path.join(dir, safe))) return path.join(dir, safe);
  }
  throw AppError.notFound('AsaApi plugin', safe);
}

export async function readPluginConfig(installDir: string, name: string): Promise<string> {
  const folder = await pluginFolder(installDir, name);
  return readFile(path.join(folder, 'config.json'), 'utf8').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return '';
    throw err;
  });
}

/** Written beside and renamed into place, so a crash mid-write never leaves half a config. */
export async function writePluginConfig(installDir: string, name: string, text: string): Promise<void> {
  const folder = await pluginFolder(installDir, name);
  const target = path.join(folder, 'config.json');
  const temp = `${target}.${process.pid}.tmp`;
  await writeFile(temp, text, 'utf8');
  try {
    await rename(temp, target);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
}

/** Moves the plugin's folder between Plugins and Plugins.disabled; a no-op when it is already there. */
export async function setPluginEnabled(installDir: string, name: string, enabled: boolean): Promise<void> {
  const folder = await pluginFolder(installDir, name);
  const targetDir = enabled ? pluginsDir(installDir) : disabledPluginsDir(installDir);
  const target = path.join(targetDir, path.basename(folder));
  if (target === folder) return;
  if (await isDir(target)) {
    throw new AppError(
      ErrorCode.CONFLICT,
      `Both Plugins and Plugins.disabled hold a "${name}" folder; remove one of them`,
    );
  }
  await mkdir(targetDir, { recursive: true });
  await rename(folder, target);
}
