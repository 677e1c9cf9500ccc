// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { fakeApi, installDomShims, json, renderInApp } from '../test/harness.tsx';
import { DiskBanner } from './DiskBanner.tsx';

const health = (low: boolean, free: number | null) => ({
  status: 'ok',
  version: '0.1.0',
  protocolVersion: 'V1',
  uptimeSec: 10,
  disk: { dataRootFreeBytes: free, low },
});

beforeAll(installDomShims);
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('DiskBanner', () => {
  it('says the disk is almost full, with the space left and what to do', async () => {
    fakeApi(() => json(200, health(true, 300 * 1024 ** 2)));
    renderInApp(<DiskBanner />);
    const banner = await screen.findByTestId('disk-banner');
    expect(banner.textContent).toContain('almost full');
    expect(banner.textContent).toContain('300');
    expect(banner.textContent).toContain('delete old backups');
  });

  it('stays out of the way while there is room', async () => {
    const calls = fakeApi(() => json(200, health(false, 500 * 1024 ** 3)));
    renderInApp(<DiskBanner />);
    await vi.waitFor(() => expect(calls.length).toBe(1));
    expect(screen.queryByTestId('disk-banner')).toBeNull();
  });
});
