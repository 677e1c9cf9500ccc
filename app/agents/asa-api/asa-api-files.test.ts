import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AsaApiPluginConfig, AsaApiPluginName, jsonProblem } from '@ark-asa/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  checkedPluginName,
  disabledPluginsDir,
  listPlugins,
  pluginsDir,
  readPluginConfig,
  setPluginEnabled,
  writePluginConfig,
} from './asa-api-files.ts';
import { parseAsaApiLine } from './asa-api-log.ts';

describe('plugin names', () => {
  it.each(['ArkShop', 'Permissions', 'Shop_Rewards&Stats', 'PvpPlus', 'a.b-c+d'])('accepts %s', (name) => {
    expect(checkedPluginName(name)).toBe(name);
  });
  it.each(['', '.', '..', '../x', '..\\x', 'a/b', 'a\\b', 'C:', 'x.', ' lead', 'a b', 'x'.repeat(101)])(
    'refuses %j',
    (name) => {
      expect(AsaApiPluginName.safeParse(name).success).toBe(false);
      expect(() => checkedPluginName(name)).toThrow(/not a plugin folder name/);
    },
  );
});

describe('plugin config JSON', () => {
  it('accepts JSON and names the problem otherwise', () => {
    expect(jsonProblem('{"a":[1,2]}')).toBeNull();
    expect(jsonProblem('{"a":')).toMatch(/^Not valid JSON/);
    const bad = AsaApiPluginConfig.safeParse({ config: '{,}' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['config']);
  });
  it('refuses more than 1 MB', () => {
    expect(AsaApiPluginConfig.safeParse({ config: `"${'x'.repeat(1024 * 1024)}"` }).success).toBe(false);
  });
});

describe('AsaApi log lines', () => {
  it('reads the level and drops the timestamp', () => {
    expect(parseAsaApiLine('[2024-01-02 03:04:05.678] [API] [info] Loaded plugin ArkShop V1.0 (Shop)')).toEqual({
      level: 'INFO',
      message: '[API] [info] Loaded plugin ArkShop V1.0 (Shop)',
    });
    expect(parseAsaApiLine('[2024-01-02 03:04:05.678][API][warning] (LoadAllPlugins) x').level).toBe('WARN');
    expect(parseAsaApiLine('[API][error] boom').level).toBe('ERROR');
  });
});

describe('plugin folders', () => {
  let root: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'asaapi-'));
    fs.mkdirSync(path.join(pluginsDir(root), 'ArkShop'), { recursive: true });
    fs.writeFileSync(path.join(pluginsDir(root), 'ArkShop', 'ArkShop.dll'), '');
    fs.mkdirSync(path.join(pluginsDir(root), 'NoConfig'), { recursive: true });
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('lists, writes a config atomically, disables and enables', async () => {
    expect(await listPlugins(root)).toEqual([
      { name: 'ArkShop', enabled: true, hasConfig: false, hasDll: true },
      { name: 'NoConfig', enabled: true, hasConfig: false, hasDll: false },
    ]);
    expect(await readPluginConfig(root, 'ArkShop')).toBe('');
    await writePluginConfig(root, 'ArkShop', '{"x":1}');
    expect(await readPluginConfig(root, 'ArkShop')).toBe('{"x":1}');
    await setPluginEnabled(root, 'ArkShop', false);
    expect(fs.existsSync(path.join(disabledPluginsDir(root), 'ArkShop', 'config.json'))).toBe(true);
    expect((await listPlugins(root))[0]).toMatchObject({ name: 'ArkShop', enabled: false, hasConfig: true });
    await setPluginEnabled(root, 'ArkShop', false);
    await setPluginEnabled(root, 'ArkShop', true);
    expect(fs.existsSync(path.join(pluginsDir(root), 'ArkShop', 'config.json'))).toBe(true);
  });

  it('answers 404 for an unknown plugin and refuses both folders at once', async () => {
    await expect(readPluginConfig(root, 'Nope')).rejects.toMatchObject({ code: 'not-found' });
    fs.mkdirSync(path.join(disabledPluginsDir(root), 'ArkShop'), { recursive: true });
    await expect(setPluginEnabled(root, 'ArkShop', false)).rejects.toMatchObject({ code: 'conflict' });
  });
});
