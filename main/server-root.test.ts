import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  askServerRoot,
  ensureServerRoot,
  formatBytes,
  measureDrives,
  suggestServerRoot,
  type StatFs,
} from './server-root.ts';
import { ShellStateStore } from './shell-state.ts';
import { FakeDialog, memoryLogger } from './testing/fake-electron.ts';

const GB = 1024 ** 3;
/** C: 40 GB free, D: 900 GB, E: (DVD) fails, the rest absent. */
const statfs: StatFs = (root) => {
  const free: Record<string, number> = { 'C:\\': 40 * GB, 'D:\\': 900 * GB };
  if (root === 'E:\\') return Promise.reject(new Error('EIO'));
  const bytes = free[root];
  return bytes === undefined
    ? Promise.reject(new Error('ENOENT'))
    : Promise.resolve({ bavail: bytes / 4096, bsize: 4096 });
};

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('choosing the server root', () => {
  it('measures the Windows drives that exist', async () => {
    expect(await measureDrives('win32', 'C:\\Users\\me', statfs)).toEqual([
      { root: 'C:\\', freeBytes: 40 * GB },
      { root: 'D:\\', freeBytes: 900 * GB },
    ]);
  });

  it('suggests the drive with the most free space', async () => {
    const drives = await measureDrives('win32', 'C:\\Users\\me', statfs);
    expect(suggestServerRoot(drives, 'win32', 'C:\\Users\\me')).toBe('D:\\ARK-ASA-Servers');
    expect(suggestServerRoot([], 'win32', 'C:\\Users\\me')).toBe('C:\\ARK-ASA-Servers');
    expect(suggestServerRoot([], 'linux', '/home/me')).toBe('/home/me/ARK-ASA-Servers');
    expect(formatBytes(900 * GB)).toBe('900.0 GB');
  });

  it('takes the suggestion by default, with the free space in the question', async () => {
    const dialog = new FakeDialog();
    expect(await askServerRoot({ dialog, platform: 'win32', home: 'C:\\Users\\me', statfs })).toBe(
      'D:\\ARK-ASA-Servers',
    );
    expect(dialog.messageBoxes[0]?.buttons?.[0]).toBe('Use D:\\ARK-ASA-Servers');
    expect(dialog.messageBoxes[0]?.detail).toContain('900.0 GB free');
  });

  it('lets the user pick another folder, and falls back to the suggestion when the picker is cancelled', async () => {
    const dialog = new FakeDialog();
    dialog.messageBoxAnswers.push(1, 1);
    dialog.openDialogAnswers.push({ canceled: false, filePaths: ['E:\\Games\\ARK'] });
    expect(await askServerRoot({ dialog, platform: 'win32', home: 'C:\\Users\\me', statfs })).toBe('E:\\Games\\ARK');
    expect(dialog.openDialogs[0]?.properties).toContain('openDirectory');
    expect(await askServerRoot({ dialog, platform: 'win32', home: 'C:\\Users\\me', statfs })).toBe(
      'D:\\ARK-ASA-Servers',
    );
  });
});

describe('first run', () => {
  function setup(dataRoot: string) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'server-root-'));
    dirs.push(dir);
    const settings = {
      value: { dataRoot },
      settings: () => Promise.resolve(settings.value),
      updateSettings: (p: { dataRoot: string }) => Promise.resolve(void (settings.value = p)),
    };
    const made: string[] = [];
    const deps = {
      dialog: new FakeDialog(),
      platform: 'win32' as const,
      home: 'C:\\Users\\me',
      statfs,
      state: new ShellStateStore(path.join(dir, 'state.json'), memoryLogger()),
      logger: memoryLogger(),
      dataDir: 'C:\\Users\\me\\AppData\\Roaming\\ARK ASA Server Manager',
      plane: settings,
      mkdir: (d: string) => void made.push(d),
    };
    return { deps, settings, made };
  }

  it('asks once, creates the folder and applies it to the dataRoot setting', async () => {
    const { deps, settings, made } = setup('C:\\Users\\me\\AppData\\Roaming\\ARK ASA Server Manager');
    await ensureServerRoot(deps);
    expect(made).toEqual(['D:\\ARK-ASA-Servers']);
    expect(settings.value.dataRoot).toBe('D:\\ARK-ASA-Servers');
    expect(deps.state.get().serverRoot).toBe('D:\\ARK-ASA-Servers');
    await ensureServerRoot(deps);
    expect(deps.dialog.messageBoxes).toHaveLength(1);
  });

  it('does not ask when a server root was set elsewhere (headless manager, Settings page)', async () => {
    const { deps } = setup('F:\\Servers');
    await ensureServerRoot(deps);
    expect(deps.dialog.messageBoxes).toHaveLength(0);
    expect(deps.state.get().serverRoot).toBe('F:\\Servers');
  });

  it('explains a folder it cannot use and asks again next time', async () => {
    const { deps, settings } = setup('C:\\Users\\me\\AppData\\Roaming\\ARK ASA Server Manager');
    deps.mkdir = () => {
      throw new Error('EPERM: operation not permitted');
    };
    await ensureServerRoot(deps);
    expect(deps.dialog.errors[0]?.content).toContain('EPERM');
    expect(settings.value.dataRoot).toBe('C:\\Users\\me\\AppData\\Roaming\\ARK ASA Server Manager');
    expect(deps.state.get().serverRoot).toBeUndefined();
  });
});
