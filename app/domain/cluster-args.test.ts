import path from 'node:path';
import { InstanceSettings, TransferRules, type InstanceSettingsInput } from '@ark-asa/contracts';
import { describe, expect, it } from 'vitest';
import { clusterDirFor, transferQueryOptions } from './cluster-args.ts';
import { buildServerCommandLine } from './command-line.ts';

const settings = (input: InstanceSettingsInput) => InstanceSettings.parse({ adminPassword: 'Adm1n', ...input });
const cluster = (rules: Partial<TransferRules> = {}) => ({
  gameClusterId: '0f3c9a5e1b7d42c8a6e9d0b1',
  clusterDir: '/data/runtime/clusters/c1',
  transferRules: TransferRules.parse(rules),
});

describe('command line of a cluster member', () => {
  it("takes the cluster's id and folder over the instance's own free-text fields", () => {
    const args = buildServerCommandLine(settings({ clusterId: 'default', clusterDir: '/old/dir' }), cluster());
    expect(args.filter((a) => /^-cluster/i.test(a))).toEqual([
      '-clusterid=0f3c9a5e1b7d42c8a6e9d0b1',
      '-ClusterDirOverride=/data/runtime/clusters/c1',
    ]);
  });

  it('keeps the instance fields for a server outside a managed cluster', () => {
    const args = buildServerCommandLine(settings({ clusterId: 'mine', clusterDir: '/old/dir' }));
    expect(args).toContain('-clusterid=mine');
    expect(args).toContain('-ClusterDirOverride=/old/dir');
  });

  it('writes the transfer rules as ? options and -NoTransferFromFiltering, replacing the same extras', () => {
    const args = buildServerCommandLine(
      settings({
        extraQueryArgs: ['PreventDownloadItems=False', 'ServerCrosshair=true'],
        extraDashArgs: ['-NoTransferFromFiltering', '-ForceAllowCaveFlyers'],
      }),
      cluster({
        preventDownloadItems: true,
        preventUploadDinos: true,
        tributeCharacterExpirationSeconds: 0,
        noTransferFromFiltering: false,
      }),
    );
    expect(args[0]).toMatch(
      /\?ServerCrosshair=true\?PreventDownloadItems=True\?PreventUploadDinos=True\?TributeCharacterExpirationSeconds=0$/,
    );
    expect(args[0]).not.toContain('PreventDownloadItems=False');
    expect(args).not.toContain('-NoTransferFromFiltering');
    expect(args).toContain('-ForceAllowCaveFlyers');
    expect(buildServerCommandLine(settings({}), cluster({ noTransferFromFiltering: true }))).toContain(
      '-NoTransferFromFiltering',
    );
  });

  it("writes nothing for rules left at the game's default", () => {
    expect(transferQueryOptions(TransferRules.parse({}))).toEqual([]);
  });
});

describe('cluster folder', () => {
  it('lies under the data root, in runtime/clusters', () => {
    expect(clusterDirFor('/srv/ark', 'c1')).toBe(path.join('/srv/ark', 'runtime', 'clusters', 'c1'));
  });

  it('is refused with the way out when the data root has a space', () => {
    expect(() => clusterDirFor('/home/me/ARK data', 'c1')).toThrow(/without spaces|junction/);
  });
});
