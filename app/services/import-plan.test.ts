import { describe, expect, it } from 'vitest';
import type { InstallScan } from '../agents/import/install-scanner.ts';
import { plannedSettings, toPreview } from './import-plan.ts';

const scan = (settings: InstallScan['settings']): InstallScan => ({
  root: '/srv/asa',
  savedDir: '/srv/asa/ShooterGame/Saved',
  hasServerExe: false,
  hasAsaApi: true,
  worlds: [],
  configFiles: [],
  playerLists: [],
  clusterDir: null,
  scripts: [],
  map: 'TheIsland_WP',
  settings,
  warnings: [],
});

describe('plannedSettings', () => {
  it('keeps a cluster folder in place but not in a copy, which would write into the old server', () => {
    const s = scan({ clusterId: 'c1', clusterDir: 'D:\\cluster' });
    const warnings: string[] = [];
    expect(plannedSettings(s, 'in-place', warnings)).toMatchObject({ clusterId: 'c1', clusterDir: 'D:\\cluster' });
    expect(plannedSettings(s, 'copy', warnings)).toMatchObject({ clusterId: 'c1', clusterDir: '' });
    expect(warnings).toHaveLength(1);
  });

  it('resets fields a cross-field rule refuses, with a warning, instead of failing the import', () => {
    const warnings: string[] = [];
    const settings = plannedSettings(scan({ gamePort: 7777, rconPort: 7777 }), 'copy', warnings);
    expect(settings.rconPort).toBe(27020);
    expect(warnings[0]).toContain('rconPort');
  });
});

describe('toPreview', () => {
  it('masks passwords and says what a folder without the server cannot do', () => {
    const preview = toPreview(scan({ adminPassword: 'secret', serverPassword: 'join' }));
    expect(preview.settings).toMatchObject({ adminPassword: '********', serverPassword: '********' });
    expect(JSON.stringify(preview)).not.toContain('secret');
    expect(preview.canRunInPlace).toBe(false);
    expect(preview.warnings.join(' ')).toMatch(/copy only.*AsaApi/s);
  });
});
