import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { HostedProcess, ProcessExit, ProcessHost } from '../process/process-host.ts';
import { loaderOrFail, serverBelowLoader } from './loader-launch.ts';

const host = { inspect: () => Promise.resolve(null), killTree: () => Promise.resolve() } as unknown as ProcessHost;
const hosted = (exePath: string, exited: Promise<ProcessExit>): HostedProcess => ({
  pid: 999_999_999,
  exePath,
  startTimeMs: 1,
  exited,
});

describe('starting through AsaApiLoader.exe', () => {
  it('refuses a start without the loader, naming the folder and the fix', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'asaapi-launch-'));
    await expect(loaderOrFail(dir, 'My Server')).rejects.toMatchObject({
      code: 'start-failed',
      message: expect.stringMatching(/AsaApiLoader\.exe is not in .*Win64: install AsaApi into the server folder/),
    });
    fs.mkdirSync(path.join(dir, 'ShooterGame', 'Binaries', 'Win64'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'ShooterGame', 'Binaries', 'Win64', 'AsaApiLoader.exe'), '');
    expect(await loaderOrFail(dir, 'My Server')).toBe(
      path.join(dir, 'ShooterGame', 'Binaries', 'Win64', 'AsaApiLoader.exe'),
    );
  });

  it('takes a process that already is the server as it is (a runner host found it below Proton)', async () => {
    const server = hosted('Z:\\asa\\ShooterGame\\Binaries\\Win64\\ArkAscendedServer.exe', new Promise(() => undefined));
    expect(await serverBelowLoader(host, server)).toBe(server);
  });

  it('fails plainly when the loader exits before any server appears', async () => {
    const loader = hosted('/asa/AsaApiLoader.exe', Promise.resolve({ code: 3, signal: null }));
    await expect(serverBelowLoader(host, loader, { pollMs: 10, platform: 'linux' })).rejects.toMatchObject({
      code: 'start-failed',
      message: expect.stringContaining('AsaApiLoader.exe exited with code 3 before ArkAscendedServer.exe started'),
    });
  });
});
