import { promises as fsp } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { InstanceSettings } from '@ark-asa/contracts';
import { createLogger } from '../../logger.ts';
import type { InstanceRecord } from '../../store/instances-repo.ts';
import { InstanceLayout, type InstanceLayoutDeps } from './instance-layout.ts';

/** Shared by the layout's tests only: a data root in a temp dir, fake builds, instance records. */

export const EXE = path.join('ShooterGame', 'Binaries', 'Win64', 'ArkAscendedServer.exe');
export const MANIFEST = path.join('steamapps', 'appmanifest_2430930.acf');
export const CONFIG = path.join('ShooterGame', 'Saved', 'Config', 'WindowsServer');

/** A small build with the paths that matter (docs/ark-facts.md#file-layout). */
export const BUILD_A: Record<string, string> = {
  [EXE]: 'MZ exe of build A',
  [path.join('ShooterGame', 'Binaries', 'Win64', 'steam_api64.dll')]: 'steam api A',
  [path.join('ShooterGame', 'Content', 'Paks', 'ShooterGame-WindowsServer.pak')]: 'pak A',
  [path.join('ShooterGame', 'Content', 'Old', 'removed-in-b.uasset')]: 'asset only in A',
  [path.join('Engine', 'Binaries', 'ThirdParty', 'lib.dll')]: 'third party',
  [MANIFEST]: '"AppState"\n{\n\t"appid"\t\t"2430930"\n\t"buildid"\t\t"1001"\n}\n',
};

export async function tempDir(prefix: string): Promise<string> {
  return fsp.mkdtemp(path.join(os.tmpdir(), `${prefix}-`));
}

export async function writeTree(root: string, files: Record<string, string | Buffer>): Promise<void> {
  for (const [rel, content] of Object.entries(files)) {
    await fsp.mkdir(path.dirname(path.join(root, rel)), { recursive: true });
    await fsp.writeFile(path.join(root, rel), content);
  }
}

export function buildDir(dataRoot: string, buildId: string): string {
  return path.join(dataRoot, 'runtime', 'cache', 'server_builds', 'ASA', buildId);
}

export async function makeBuild(
  dataRoot: string,
  buildId: string,
  files: Record<string, string | Buffer>,
): Promise<string> {
  const root = buildDir(dataRoot, buildId);
  await writeTree(root, files);
  return root;
}

export function instanceRecord(overrides: Partial<InstanceRecord> = {}): InstanceRecord {
  return {
    id: '6f1c2d9e-1111-4a2b-9c3d-000000000001',
    name: 'Island',
    agentId: 'agent-1',
    status: 'STOPPED',
    buildId: '1001',
    installPath: null,
    settings: InstanceSettings.parse({ adminPassword: 'Adm1nPw', rconPort: 27020, sessionName: 'Ark Knights' }),
    process: null,
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
    ...overrides,
  };
}

export function makeLayout(dataRoot: string, extra: Partial<InstanceLayoutDeps> = {}): InstanceLayout {
  return new InstanceLayout({
    dataRoot: () => dataRoot,
    buildPath: (id) => buildDir(dataRoot, id),
    logger: createLogger({ silent: true }),
    ...extra,
  });
}
