import { promises as fsp } from 'node:fs';
import path from 'node:path';
import type { InstanceStatus } from '@ark-asa/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InstanceLayout } from '../agents/instances/instance-layout.ts';
import { BUILD_A, instanceRecord, makeBuild, makeLayout, tempDir } from '../agents/instances/test-fixtures.ts';
import { AppError } from '../domain/app-error.ts';
import type { InstanceRecord } from '../store/index.ts';
import { ConfigFilesService } from './config-files-service.ts';
import type { InstanceFiles } from './instances-service.ts';

/** 65 player levels, one line each, order significant (docs/ark-facts.md#config-files), plus a comment and odd spacing. */
const GAME_INI = [
  '[/script/shootergame.shootergamemode]',
  '; engram points per level, do not sort',
  ...Array.from({ length: 65 }, (_, i) => `OverridePlayerLevelEngramPoints=${(i * 7) % 23}`),
  'ConfigOverrideItemMaxQuantity=(ItemClassString="PrimalItemResource_Stone_C",Quantity=(MaxItemQuantity=999,bIgnoreMultiplier=true))',
  'bAllowUnlimitedRespecs = true  ',
  '',
].join('\r\n');

let dataRoot: string;
let layout: InstanceLayout;
let record: InstanceRecord;
let service: ConfigFilesService;

beforeEach(async () => {
  dataRoot = await tempDir('config-files');
  await makeBuild(dataRoot, '1001', BUILD_A);
  layout = makeLayout(dataRoot);
  record = instanceRecord();
  record.installPath = await layout.create(record);
  service = new ConfigFilesService({
    instance: (id) => {
      if (id !== record.id) throw AppError.notFound('Instance', id);
      return record;
    },
    layout,
  });
});
afterEach(() => fsp.rm(dataRoot, { recursive: true, force: true }));

describe('ConfigFilesService', () => {
  it('is the InstanceFiles the instances service expects', () => {
    const files: InstanceFiles = layout;
    expect(typeof files.create).toBe('function');
  });

  it('round-trips a Game.ini with repeated keys byte for byte', async () => {
    await expect(service.write(record.id, 'Game.ini', GAME_INI)).resolves.toBe(GAME_INI);
    await expect(service.read(record.id, 'Game.ini')).resolves.toBe(GAME_INI);
    const onDisk = await fsp.readFile(layout.configPath(record, 'Game.ini'));
    expect(onDisk.equals(Buffer.from(GAME_INI, 'utf8'))).toBe(true);
  });

  it('stores any GameUserSettings.ini text as is, BOM and all, leaving no temp files', async () => {
    const text = '\uFEFF[ServerSettings]\nno equals sign here\r\n[[weird]]\rRCONPort=1\n;end';
    await expect(service.write(record.id, 'GameUserSettings.ini', text)).resolves.toBe(text);
    const onDisk = await fsp.readFile(layout.configPath(record, 'GameUserSettings.ini'));
    expect(onDisk.equals(Buffer.from(text, 'utf8'))).toBe(true);
    expect(await fsp.readdir(path.dirname(layout.configPath(record, 'Game.ini')))).toEqual([
      'Game.ini',
      'GameUserSettings.ini',
    ]);
  });

  it('reads what the layout wrote, and "" for a file that does not exist', async () => {
    expect(await service.read(record.id, 'GameUserSettings.ini')).toContain('RCONPort=27020');
    await fsp.rm(layout.configPath(record, 'Game.ini'));
    await expect(service.read(record.id, 'Game.ini')).resolves.toBe('');
  });

  it.each(['RUNNING', 'STARTING', 'STOPPING'] as InstanceStatus[])(
    'refuses writes while %s and leaves the file alone',
    async (status) => {
      record.status = status;
      const err = await service.write(record.id, 'GameUserSettings.ini', 'x').catch((e: unknown) => e);
      expect(err).toMatchObject({
        code: 'instance-running',
        message: expect.stringContaining(
          'stop the server first: it rewrites GameUserSettings.ini when it exits, so your changes would be lost',
        ),
      });
      expect(await service.read(record.id, 'GameUserSettings.ini')).toContain('RCONPort=27020');
    },
  );

  it('allows writes after a crash, refuses them while updating or while a job holds the instance', async () => {
    record.status = 'CRASHED';
    await expect(service.write(record.id, 'Game.ini', 'a')).resolves.toBe('a');
    record.status = 'UPDATING';
    await expect(service.write(record.id, 'Game.ini', 'b')).rejects.toMatchObject({ code: 'invalid-state' });
    record.status = 'STOPPED';
    const busy = new ConfigFilesService({ instance: () => record, layout, isBusy: () => true });
    await expect(busy.write(record.id, 'Game.ini', 'c')).rejects.toMatchObject({ code: 'invalid-state' });
    expect(await service.read(record.id, 'Game.ini')).toBe('a');
  });

  it('says not-installed for an instance without files, not-found for an unknown one', async () => {
    record = instanceRecord({ status: 'NOT_INSTALLED', buildId: null });
    await expect(service.write(record.id, 'Game.ini', 'x')).rejects.toMatchObject({ code: 'not-installed' });
    await expect(service.read(record.id, 'Game.ini')).resolves.toBe('');
    await expect(service.read('nope', 'Game.ini')).rejects.toMatchObject({ code: 'not-found' });
  });

  it('refuses other file names and texts over 2 MB', async () => {
    await expect(service.read(record.id, '../../x' as 'Game.ini')).rejects.toMatchObject({ code: 'validation-failed' });
    await expect(service.write(record.id, 'Game.ini', 'x'.repeat(2 * 1024 * 1024 + 1))).rejects.toMatchObject({
      code: 'payload-too-large',
    });
  });
});
