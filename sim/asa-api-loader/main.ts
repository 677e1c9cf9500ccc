// Stand-in of AsaApiLoader.exe (docs/asa-api.md): started with the server's own arguments, it
// starts ArkAscendedServer.exe beside it as a child with those arguments, as the real loader does,
// writes AsaApi's log (ShooterGame/Binaries/Win64/logs/ArkApi_<pid>_<date>.log) with one
// "Loaded plugin" line per folder in ArkApi/Plugins, and exits with the server's exit code.
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';

/** spdlog's default pattern, as AsaApi's logger writes it. */
function apiLine(level: 'info' | 'warning', text: string): string {
  const ts = new Date().toISOString().replace('T', ' ').replace('Z', '');
  return `[${ts}] [API] [${level}] ${text}\n`;
}

function pluginNames(win64: string): string[] {
  const dir = path.join(win64, 'ArkApi', 'Plugins');
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

function writeApiLog(win64: string, serverPid: number): void {
  const logs = path.join(win64, 'logs');
  mkdirSync(logs, { recursive: true });
  const stamp = new Date().toISOString().slice(0, 16).replace('T', '_').replace(':', '-');
  const file = path.join(logs, `ArkApi_${serverPid}_${stamp}.log`);
  appendFileSync(file, apiLine('info', 'ARK:SA Api V1.19 (simulated)'));
  for (const name of pluginNames(win64)) {
    const hasDll = existsSync(path.join(win64, 'ArkApi', 'Plugins', name, `${name}.dll`));
    appendFileSync(
      file,
      hasDll
        ? apiLine('info', `Loaded plugin ${name} V1.0 (No description)`)
        : apiLine('warning', `(LoadAllPlugins) Plugin ${name} does not exist`),
    );
  }
  appendFileSync(file, apiLine('info', 'Loaded all plugins'));
}

export function runAsaApiLoaderSim(exe: string): void {
  const win64 = path.dirname(exe);
  const server = path.join(win64, 'ArkAscendedServer.exe');
  if (!existsSync(server)) {
    console.error(`AsaApiLoader: ${server} not found`);
    process.exit(1);
  }
  const child = spawn(server, process.argv.slice(2), { cwd: win64, stdio: 'inherit', windowsHide: true });
  child.once('spawn', () => writeApiLog(win64, child.pid ?? process.pid));
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => child.kill(signal));
  child.once('error', (err) => {
    console.error(`AsaApiLoader: cannot start ${server}: ${err.message}`);
    process.exit(1);
  });
  child.once('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
