import { vi } from 'vitest';
import type { DesktopBridge, UpdateStatus } from '@ark-asa/contracts';

/** A scripted desktop bridge for component tests: `push` plays the shell sending a status. */
export function fakeBridge(initial: UpdateStatus = { state: 'idle' }) {
  const listeners = new Set<(s: UpdateStatus) => void>();
  let current = initial;
  const bridge = {
    appVersion: vi.fn(() => Promise.resolve('1.4.0')),
    pickFolder: vi.fn(() => Promise.resolve<string | null>('D:\\ARK')),
    openLogsFolder: vi.fn(() => Promise.resolve()),
    updateStatus: vi.fn(() => Promise.resolve(current)),
    onUpdateStatus: vi.fn((listener: (s: UpdateStatus) => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    }),
    downloadUpdate: vi.fn(() => Promise.resolve()),
    installUpdate: vi.fn(() => Promise.resolve()),
  } satisfies DesktopBridge;
  const push = (s: UpdateStatus) => {
    current = s;
    for (const l of listeners) l(s);
  };
  return { bridge, push, listeners };
}
