import { describe, expect, it, vi } from 'vitest';
import type { InvokeEvent } from './electron-facade.ts';
import { IpcChannel } from './ipc-channels.ts';
import { isTrustedSender, parsePickFolderOptions, registerIpcHandlers, type BridgeActions } from './ipc-handlers.ts';
import { FakeIpcMain, memoryLogger } from './testing/fake-electron.ts';

const ORIGIN = 'http://127.0.0.1:3000';
const WINDOW_ID = 7;

const from = (url: string | null, id = WINDOW_ID): InvokeEvent => ({
  sender: { id },
  senderFrame: url === null ? null : { url },
});

function setup() {
  const ipcMain = new FakeIpcMain();
  const logger = memoryLogger();
  // A plain object of mocks (not typed as the interface), so assertions can hold its functions.
  const actions = {
    appVersion: vi.fn(() => '1.2.3'),
    pickFolder: vi.fn(() => Promise.resolve('D:\\ARK')),
    openLogsFolder: vi.fn(() => Promise.resolve()),
    updateStatus: vi.fn(() => ({ state: 'idle' as const })),
    downloadUpdate: vi.fn(() => Promise.resolve()),
    installUpdate: vi.fn(() => Promise.resolve()),
  };
  const bridge: BridgeActions = actions;
  const remove = registerIpcHandlers({
    ipcMain,
    origin: ORIGIN,
    windowContentsId: () => WINDOW_ID,
    logger,
    actions: bridge,
  });
  return { ipcMain, logger, actions, remove };
}

describe('IPC sender validation', () => {
  it('trusts only the shell window showing a control plane page', () => {
    expect(isTrustedSender(from(`${ORIGIN}/instances`), ORIGIN, WINDOW_ID)).toBe(true);
    expect(isTrustedSender(from(`${ORIGIN}/`, 8), ORIGIN, WINDOW_ID)).toBe(false);
    expect(isTrustedSender(from('https://evil.example/'), ORIGIN, WINDOW_ID)).toBe(false);
    expect(isTrustedSender(from('http://127.0.0.1:30001/'), ORIGIN, WINDOW_ID)).toBe(false);
    expect(isTrustedSender(from(null), ORIGIN, WINDOW_ID)).toBe(false);
    expect(isTrustedSender(from(`${ORIGIN}/`), ORIGIN, null)).toBe(false);
  });

  it('registers one handler per bridge method and answers trusted calls', async () => {
    const { ipcMain, actions } = setup();
    expect([...ipcMain.handlers.keys()].sort()).toEqual(Object.values(IpcChannel).sort());
    await expect(ipcMain.invoke(IpcChannel.APP_VERSION, from(`${ORIGIN}/`))).resolves.toBe('1.2.3');
    await expect(ipcMain.invoke(IpcChannel.PICK_FOLDER, from(`${ORIGIN}/`), { title: 'Server root' })).resolves.toBe(
      'D:\\ARK',
    );
    expect(actions.pickFolder).toHaveBeenCalledWith({ title: 'Server root' });
    await expect(ipcMain.invoke(IpcChannel.UPDATE_STATUS, from(`${ORIGIN}/`))).resolves.toEqual({ state: 'idle' });
  });

  it('refuses every channel to an untrusted frame without running the action', async () => {
    const { ipcMain, actions, logger } = setup();
    for (const channel of Object.values(IpcChannel)) {
      await expect(ipcMain.invoke(channel, from('https://evil.example/'))).rejects.toThrow('Not allowed');
    }
    expect(actions.appVersion).not.toHaveBeenCalled();
    expect(actions.installUpdate).not.toHaveBeenCalled();
    expect(logger.lines.filter((l) => l.msg.includes('untrusted'))).toHaveLength(Object.values(IpcChannel).length);
  });

  it('removes its handlers', () => {
    const { ipcMain, remove } = setup();
    remove();
    expect(ipcMain.handlers.size).toBe(0);
  });
});

describe('pickFolder arguments', () => {
  it('accepts nothing, a title and an absolute Windows or POSIX path', () => {
    expect(parsePickFolderOptions(undefined)).toEqual({});
    expect(parsePickFolderOptions({ title: 'Pick', defaultPath: 'D:\\ARK' })).toEqual({
      title: 'Pick',
      defaultPath: 'D:\\ARK',
    });
    expect(parsePickFolderOptions({ defaultPath: '/srv/ark' })).toEqual({ defaultPath: '/srv/ark' });
  });

  it('rejects anything else', () => {
    expect(() => parsePickFolderOptions('D:\\')).toThrow();
    expect(() => parsePickFolderOptions([1])).toThrow();
    expect(() => parsePickFolderOptions({ defaultPath: 'relative\\dir' })).toThrow(/absolute/);
    expect(() => parsePickFolderOptions({ title: 'x'.repeat(201) })).toThrow();
    expect(() => parsePickFolderOptions({ title: 5 })).toThrow();
    expect(() => parsePickFolderOptions({ properties: ['openFile'] })).toThrow(/Unknown/);
  });

  it('rejects bad arguments over IPC too', async () => {
    const { ipcMain, actions } = setup();
    await expect(
      ipcMain.invoke(IpcChannel.PICK_FOLDER, from(`${ORIGIN}/`), { defaultPath: '..\\..' }),
    ).rejects.toThrow();
    expect(actions.pickFolder).not.toHaveBeenCalled();
  });
});
