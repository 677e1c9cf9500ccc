/**
 * Checks a packaged app (electron-builder's unpacked output): what must be in app.asar, what must
 * be unpacked beside it, and the Electron fuses of its executable. Used by the offline smoke test
 * (a Linux `--dir` build with a stand-in Electron) and, through check-package.ts, on the real
 * Windows build in CI.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as asar from '@electron/asar';
import { bareSpecifiers } from './runtime-modules.ts';

/** The marker @electron/fuses looks for in the Electron binary; the fuse wire follows it. */
export const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
export const FUSE_ON = 0x31;
export const FUSE_OFF = 0x30;
/** Fuse positions on wire version 1 (electron/fuses FuseV1Options). */
export const FUSE = {
  runAsNode: 0,
  cookieEncryption: 1,
  nodeOptions: 2,
  nodeCliInspect: 3,
  embeddedAsarIntegrityValidation: 4,
  onlyLoadAppFromAsar: 5,
  browserProcessV8Snapshot: 6,
  fileProtocolExtraPrivileges: 7,
} as const;

/** The fuse bytes of an Electron binary, or null when it has no fuse wire. */
export function readFuseWire(binary: Buffer): number[] | null {
  const at = binary.indexOf(FUSE_SENTINEL);
  if (at < 0) return null;
  const start = at + FUSE_SENTINEL.length;
  const length = binary[start + 1] ?? 0;
  return [...binary.subarray(start + 2, start + 2 + length)];
}

const posix = (p: string) => p.split(path.sep).join('/');
const native = (p: string) => p.split('/').join(path.sep);

export interface PackageReport {
  /** Every path in app.asar, POSIX-style without the leading slash. */
  files: Set<string>;
  /** Packages the main bundles import from node_modules. */
  externals: string[];
  problems: string[];
}

/** Bare package names a bundle imports (`pino/file` counts as `pino`), without Node built-ins and electron. */
export function externalImports(code: string): string[] {
  const names = bareSpecifiers(code).map((s) =>
    s.startsWith('@') ? s.split('/').slice(0, 2).join('/') : s.split('/')[0]!,
  );
  return [...new Set(names)].sort();
}

function asarText(archive: string, file: string): string {
  return asar.extractFile(archive, native(file)).toString('utf8');
}

function isUnpacked(archive: string, file: string): boolean {
  const entry = asar.statFile(archive, native(file), false);
  return 'unpacked' in entry && entry.unpacked === true;
}

function checkEntry(archive: string, files: Set<string>, problems: string[]): string | null {
  if (!files.has('package.json')) {
    problems.push('app.asar has no package.json');
    return null;
  }
  const pkg = JSON.parse(asarText(archive, 'package.json')) as { main?: string };
  const main = (pkg.main ?? '').replace(/^\.\//, '');
  if (main !== 'out/main/main.js') problems.push(`package.json "main" is "${pkg.main}", not out/main/main.js`);
  if (!files.has(main)) {
    problems.push(`the entry ${main} is not in app.asar`);
    return null;
  }
  return asarText(archive, main);
}

/** The entries main.js starts in a utilityProcess: the control plane (window mode) and the agent (`--agent`). */
export const CHILD_ENTRIES = ['out/main/control-plane.js', 'out/main/agent.js'];

/** main.js, the control plane's and the agent's bundles (run in a utilityProcess) and their shared chunks. */
function mainBundles(archive: string, files: Set<string>): string {
  return [...files]
    .filter((f) => f.startsWith('out/main/') && /\.(c|m)?js$/.test(f))
    .map((f) => asarText(archive, f))
    .join('\n');
}

function checkMainBundles(code: string, files: Set<string>, problems: string[]): string[] {
  // The contracts (zod schemas, event names) are TypeScript sources: bundled, never imported at runtime.
  if (!code.includes('"instance:status_changed"'))
    problems.push('the main bundles do not contain the contracts (event names)');
  const externals = externalImports(code);
  if (externals.includes('@ark-asa/contracts')) problems.push('a main bundle imports @ark-asa/contracts at runtime');
  for (const name of externals) {
    if (!files.has(`node_modules/${name}/package.json`))
      problems.push(`the main bundles import ${name}, which is not packaged`);
  }
  return externals;
}

function checkPreload(archive: string, files: Set<string>, problems: string[]): void {
  if (!files.has('out/preload/preload.cjs'))
    return void problems.push('the preload out/preload/preload.cjs is not in app.asar');
  const code = asarText(archive, 'out/preload/preload.cjs');
  const required = [...code.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
  // A sandboxed preload can only require('electron'): anything else (or ESM syntax) fails at runtime.
  if (required.some((r) => r !== 'electron') || /^\s*import\s/m.test(code))
    problems.push('the preload is not a single CommonJS file requiring only electron');
}

/** better-sqlite3's prebuilt N-API binding for the platform the app is for, as lib/binding.js looks it up. */
export function sqliteBinding(platform: string, arch = 'x64'): string {
  return `node_modules/better-sqlite3/prebuilds/${platform}-${arch}.node`;
}

function checkNative(
  archive: string,
  files: Set<string>,
  resourcesDir: string,
  platform: string,
  problems: string[],
): void {
  const binding = sqliteBinding(platform);
  if (!files.has(binding)) return void problems.push(`${binding} is not packaged`);
  if (!isUnpacked(archive, binding)) problems.push(`${binding} is inside app.asar: native modules must be unpacked`);
  if (!fs.existsSync(path.join(resourcesDir, 'app.asar.unpacked', native(binding))))
    problems.push(`${binding} is missing from app.asar.unpacked`);
  const others = [...files].filter((f) => /^node_modules\/better-sqlite3\/(prebuilds|build)\/.*\.node$/.test(f));
  for (const f of others.filter((f) => f !== binding)) problems.push(`${f}: only the ${platform} binding is shipped`);
}

function checkExclusions(files: Set<string>, problems: string[]): void {
  for (const f of files) {
    if (/^node_modules\/(tsx|esbuild|@esbuild|@ark-asa)\//.test(f)) problems.push(`${f} should not be packaged`);
    if (f.endsWith('.map')) problems.push(`${f}: source maps are not shipped`);
  }
}

/** Inspects `<appOutDir>/resources` of an unpacked build for `platform` (win32 for the installer). */
export function inspectResources(resourcesDir: string, platform: string = process.platform): PackageReport {
  const archive = path.join(resourcesDir, 'app.asar');
  const problems: string[] = [];
  if (!fs.existsSync(archive)) return { files: new Set(), externals: [], problems: [`${archive} does not exist`] };
  const files = new Set(asar.listPackage(archive, { isPack: false }).map((f) => posix(f).replace(/^\//, '')));
  const externals =
    checkEntry(archive, files, problems) === null ? [] : checkMainBundles(mainBundles(archive, files), files, problems);
  for (const entry of CHILD_ENTRIES.filter((f) => !files.has(f)))
    problems.push(`${entry} is not in app.asar: the shell could not start it`);
  checkPreload(archive, files, problems);
  if (!files.has('renderer/dist/index.html')) problems.push('the UI (renderer/dist/index.html) is not in app.asar');
  checkNative(archive, files, resourcesDir, platform, problems);
  checkExclusions(files, problems);
  const updateConfig = path.join(resourcesDir, 'app-update.yml');
  if (!fs.existsSync(updateConfig) || !fs.readFileSync(updateConfig, 'utf8').includes('provider: github'))
    problems.push('app-update.yml (GitHub provider) is missing');
  return { files, externals, problems };
}

/** The fuses the app must ship with (electron-builder.yml electronFuses). */
export function checkFuses(executable: string): string[] {
  const wire = readFuseWire(fs.readFileSync(executable));
  if (!wire) return [`${executable} has no Electron fuse wire`];
  const want: [keyof typeof FUSE, number][] = [
    ['runAsNode', FUSE_OFF],
    ['nodeOptions', FUSE_OFF],
    ['nodeCliInspect', FUSE_OFF],
    ['onlyLoadAppFromAsar', FUSE_ON],
    ['fileProtocolExtraPrivileges', FUSE_OFF],
  ];
  return want
    .filter(([name, state]) => wire[FUSE[name]] !== state)
    .map(([name, state]) => `fuse ${name} is not ${state === FUSE_ON ? 'on' : 'off'}`);
}
