// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setToken } from '../../api/auth.ts';
import { downloadPath, downloadWithToken } from './download-backup.ts';

const b = { id: 'b1', instanceId: 'i1', fileName: 'x.zip' };

afterEach(() => {
  setToken(null);
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('downloadWithToken', () => {
  it('fetches the zip with the bearer token and saves it under its own name', async () => {
    setToken('secret');
    const fetchMock = vi.fn((_url: string, _init?: RequestInit) =>
      Promise.resolve(new Response('zip', { status: 200 })),
    );
    vi.stubGlobal('fetch', fetchMock);
    Object.assign(URL, { createObjectURL: () => 'blob:x', revokeObjectURL: () => {} });
    const clicked: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this.download);
    });
    await downloadWithToken(b);
    expect(fetchMock.mock.calls[0]?.[0]).toBe('/api/v1/instances/i1/backups/b1/download');
    expect(new Headers(fetchMock.mock.calls[0]?.[1]?.headers).get('authorization')).toBe('Bearer secret');
    expect(clicked).toEqual(['x.zip']);
  });

  it('says when the file is gone', async () => {
    setToken('secret');
    vi.stubGlobal('fetch', () => Promise.resolve(new Response('', { status: 404 })));
    await expect(downloadWithToken(b)).rejects.toThrow('The backup file is missing');
    expect(downloadPath(b)).toBe('/api/v1/instances/i1/backups/b1/download');
  });
});
