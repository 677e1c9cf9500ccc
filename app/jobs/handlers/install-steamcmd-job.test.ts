import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import type { WSEvent } from '@ark-asa/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SteamcmdInstaller } from '../../agents/steamcmd/steamcmd-installer.ts';
import { createStore, openDatabase, type Store } from '../../store/index.ts';
import { installSteamcmdJob } from './install-steamcmd-job.ts';
import { jobTestbed } from '../../../test/helpers/job-testbed.ts';

/** A minimal zip (deflated entries, no zip64): what yazl would write, by hand, for a few small files. */
function zipBytes(entries: { name: string; data: Buffer }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const { name, data } of entries) {
    const nameBytes = Buffer.from(name, 'utf8');
    const packed = zlib.deflateRawSync(data);
    const crc = zlib.crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(0, 10); // time
    local.writeUInt16LE(0x21, 12); // 1980-01-01
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // version made by
    local.copy(central, 6, 4, 26); // version needed … uncompressed size
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, packed);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const EXE = Buffer.from('MZ pretend steamcmd.exe '.repeat(2000));
let zip: Buffer;
let server: http.Server;
let baseUrl: string;
let dir: string;
let dataRoot: string;
let store: Store;
let events: WSEvent[];
let saved: string[];

beforeEach(async () => {
  server = http.createServer((req, res) => {
    if (req.url !== '/steamcmd.zip') return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'application/zip', 'content-length': zip.length });
    res.end(zip);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ark-isc-'));
  dataRoot = path.join(dir, 'data');
  store = createStore(openDatabase(dir));
  events = [];
  saved = [];
});
afterEach(async () => {
  store.close();
  await new Promise((resolve) => server.close(resolve));
  fs.rmSync(dir, { recursive: true, force: true });
});

async function runJob(opts: { url?: string; allowAnyPlatform?: boolean } = {}) {
  const { runner, logger, events: published } = jobTestbed(store, { concurrency: 1, progressIntervalMs: 5 });
  events = published;
  const installer = new SteamcmdInstaller({
    dataRoot: () => dataRoot,
    logger,
    url: opts.url ?? `${baseUrl}/steamcmd.zip`,
    platform: 'linux',
    allowAnyPlatform: opts.allowAnyPlatform ?? true,
  });
  runner.register(installSteamcmdJob({ installer, saveSteamcmdPath: (p) => saved.push(p) }));
  const job = runner.enqueue({ type: 'INSTALL_STEAMCMD' });
  const done = await runner.waitFor(job.id);
  await runner.shutdown();
  const run = store.jobRuns.listForJob(job.id)[0];
  const progress = events.flatMap((e) => (e.event === 'job:progress' ? [e.data] : []));
  return { status: done.status, result: run?.result ?? null, error: run?.error ?? null, progress };
}

const steamcmdDir = () => path.join(dataRoot, 'runtime', 'steamcmd');

describe('INSTALL_STEAMCMD', () => {
  it("downloads Valve's zip with progress, unpacks it and sets steamcmdPath", async () => {
    zip = zipBytes([
      { name: 'steamcmd.exe', data: EXE },
      { name: 'docs/readme.txt', data: Buffer.from('hello') },
    ]);
    const { status, result, progress } = await runJob();
    const exe = path.join(steamcmdDir(), 'steamcmd.exe');
    expect(status).toBe('COMPLETED');
    expect(result).toEqual({ steamcmdPath: exe });
    expect(saved).toEqual([exe]);
    expect(fs.readFileSync(exe)).toEqual(EXE);
    expect(fs.readFileSync(path.join(steamcmdDir(), 'docs', 'readme.txt'), 'utf8')).toBe('hello');
    expect(progress.some((p) => /^Downloading SteamCMD… \d+%$/.test(p.message))).toBe(true);
    expect(fs.readdirSync(path.dirname(steamcmdDir()))).toEqual(['steamcmd']);
    expect(fs.readdirSync(steamcmdDir()).sort()).toEqual(['docs', 'steamcmd.exe']);
  });

  it.each(['../escaped.txt', '/tmp/absolute.txt'])(
    'refuses a zip with the unsafe entry %s and installs nothing',
    async (name) => {
      zip = zipBytes([
        { name: 'steamcmd.exe', data: EXE },
        { name, data: Buffer.from('evil') },
      ]);
      const { status, error } = await runJob();
      expect(status).toBe('FAILED');
      expect(error?.code).toBe('unsafe-archive');
      expect(error?.message).toContain(name);
      expect(fs.existsSync(path.join(steamcmdDir(), 'steamcmd.exe'))).toBe(false);
      expect(fs.existsSync(path.join(dataRoot, 'runtime', 'escaped.txt'))).toBe(false);
      expect(saved).toEqual([]);
    },
  );

  it('fails clearly when the download answers an HTTP error', async () => {
    const { status, error } = await runJob({ url: `${baseUrl}/missing.zip` });
    expect(status).toBe('FAILED');
    expect(error).toEqual({
      code: 'steamcmd-failed',
      message: `Could not download SteamCMD from ${baseUrl}/missing.zip: the server answered HTTP 404`,
    });
  });

  it('explains that it installs SteamCMD on Windows only', async () => {
    const { status, error } = await runJob({ allowAnyPlatform: false });
    expect(status).toBe('FAILED');
    expect(error?.message).toMatch(/^The manager installs SteamCMD by itself on Windows only: .*set steamcmdPath/);
  });
});
