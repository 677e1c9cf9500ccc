import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isAppError } from '../../domain/app-error.ts';
import { createLogger } from '../../logger.ts';
import { SimEnv } from '../../../test/helpers/sim-env.ts';
import { SteamcmdClient } from './steamcmd-client.ts';

let dir: string;
let sim: SimEnv | null;
let steamcmdPath: string | null;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ark-scc-'));
  sim = null;
  steamcmdPath = null;
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
  if (sim) fs.rmSync(sim.steamcmdDir, { recursive: true, force: true });
});

async function simClient(control: Parameters<SimEnv['steamcmd']>[0] = {}): Promise<SteamcmdClient> {
  sim = await SimEnv.create({ durationMs: 150, payloadBytes: 64 * 1024, ...control });
  steamcmdPath = sim.steamcmdPath;
  return client();
}

function client(platform: NodeJS.Platform = 'linux'): SteamcmdClient {
  return new SteamcmdClient({
    settings: () => ({ steamcmdPath, dataRoot: path.join(dir, 'data') }),
    logger: createLogger({ silent: true }),
    platform,
    homeDir: path.join(dir, 'home'),
  });
}

const signal = () => new AbortController().signal;

async function failure(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  const err: unknown = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!isAppError(err)) throw new Error(`expected an AppError, got ${String(err)}`);
  return { code: err.code, message: err.message };
}

describe('SteamcmdClient.install', () => {
  it('installs with rising progress and checks the manifest; a second run is "already up to date"', async () => {
    const steamcmd = await simClient();
    const installDir = path.join(dir, 'install');
    const reports: [number, string][] = [];
    const first = await steamcmd.install({
      installDir,
      validate: false,
      signal: signal(),
      onProgress: (p, m) => reports.push([p, m]),
    });
    expect(first.outcome).toBe('installed');
    expect(first.manifest).toMatchObject({ buildId: '12345678', fullyInstalled: true });
    const percents = reports.map(([p]) => p);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    expect(percents.at(-1)).toBe(100);
    expect(reports.map(([, m]) => m)).toEqual(
      expect.arrayContaining(['Logging in to Steam…', 'Downloading… 10%', 'Installed']),
    );
    const second = await steamcmd.install({ installDir, validate: false, signal: signal() });
    expect(second.outcome).toBe('up-to-date');
  });

  it('runs a fresh SteamCMD again after it updated itself and quit (exit 7)', async () => {
    const steamcmd = await simClient({ mode: 'self-update-first-run' });
    const messages: string[] = [];
    const result = await steamcmd.install({
      installDir: path.join(dir, 'install'),
      validate: false,
      signal: signal(),
      onProgress: (_p, m) => messages.push(m),
    });
    expect(result.outcome).toBe('installed');
    expect(messages).toContain('Updating SteamCMD…');
    expect(messages).toContain('SteamCMD updated itself; running it again…');
  });

  it('gives progress with comma decimals and with output buffered in large chunks', async () => {
    const steamcmd = await simClient({ decimalComma: true, bufferedChunks: true, chunkBytes: 512, stallRepeats: 20 });
    const percents: number[] = [];
    await steamcmd.install({
      installDir: path.join(dir, 'install'),
      validate: false,
      signal: signal(),
      onProgress: (p) => percents.push(p),
    });
    expect(percents.filter((p) => p > 10 && p < 85).length).toBeGreaterThan(3);
  });

  it('validates an existing install when asked', async () => {
    const steamcmd = await simClient();
    const installDir = path.join(dir, 'install');
    await steamcmd.install({ installDir, validate: false, signal: signal() });
    const messages: string[] = [];
    await steamcmd.install({ installDir, validate: true, signal: signal(), onProgress: (_p, m) => messages.push(m) });
    expect(messages.some((m) => m.startsWith('Verifying installation…'))).toBe(true);
  });

  it('refuses a success line when the manifest does not show a complete install', async () => {
    const steamcmd = await simClient();
    const installDir = path.join(dir, 'install');
    await steamcmd.install({ installDir, validate: false, signal: signal() });
    const manifest = path.join(installDir, 'steamapps', 'appmanifest_2430930.acf');
    fs.writeFileSync(
      manifest,
      fs.readFileSync(manifest, 'utf8').replace(/"BytesDownloaded"\s+"\d+"/, '"BytesDownloaded"\t\t"1"'),
    );
    const err = await failure(steamcmd.install({ installDir, validate: false, signal: signal() }));
    expect(err.code).toBe('steamcmd-failed');
    expect(err.message).toMatch(/does not show a complete install/);
  });
});

describe('SteamcmdClient.latestBuildId', () => {
  it("reads the public build id and clears SteamCMD's appinfo cache before every question", async () => {
    const steamcmd = await simClient({ latestBuildId: '22222222' });
    expect(await steamcmd.latestBuildId({ signal: signal() })).toBe('22222222');
    expect(fs.existsSync(path.join(sim!.steamcmdDir, 'appcache', 'appinfo.vdf'))).toBe(true);
    await sim!.steamcmd({ latestBuildId: '33333333' });
    expect(await steamcmd.latestBuildId({ signal: signal() })).toBe('33333333');
  });

  it('fails clearly when Steam answers an empty app info', async () => {
    const steamcmd = await simClient({ appInfoEmpty: true });
    const err = await failure(steamcmd.latestBuildId({ signal: signal() }));
    expect(err).toMatchObject({ code: 'steamcmd-failed' });
    expect(err.message).toMatch(/no build information/);
  });

  it('fails clearly when the app info request times out', async () => {
    const steamcmd = await simClient({ mode: 'appinfo-timeout' });
    const err = await failure(steamcmd.latestBuildId({ signal: signal() }));
    expect(err.message).toMatch(/timed out waiting for app information/i);
  });
});

describe('SteamcmdClient.locate', () => {
  it('asks for steamcmdPath when it is not set on Linux', async () => {
    const err = await failure(client('linux').latestBuildId({ signal: signal() }));
    expect(err.code).toBe('steamcmd-not-found');
    expect(err.message).toMatch(
      /^Set steamcmdPath in the settings to your steamcmd executable \(e\.g\. \/usr\/games\/steamcmd/,
    );
  });

  it('on Windows uses the SteamCMD the manager installed, or says how to install it', () => {
    expect(() => client('win32').locate()).toThrow(
      /SteamCMD is not installed yet: install it \(POST \/api\/v1\/steamcmd\/install/,
    );
    const bundled = path.join(dir, 'data', 'runtime', 'steamcmd', 'steamcmd.exe');
    fs.mkdirSync(path.dirname(bundled), { recursive: true });
    fs.writeFileSync(bundled, '');
    expect(client('win32').locate()).toBe(bundled);
  });

  it('prefers steamcmdPath when it is set', () => {
    steamcmdPath = '/opt/steamcmd/steamcmd.sh';
    expect(client('win32').locate()).toBe('/opt/steamcmd/steamcmd.sh');
  });
});
