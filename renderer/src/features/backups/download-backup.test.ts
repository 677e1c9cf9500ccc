// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setToken } from '../../api/auth.ts';
import { downloadPath, downloadWithToken } from './download-backup.ts';

const b = { id: 'b1', instanceId: 'i1', fileName: 'x.zip' };
// URL's static methods are replaced for a test and put back after it: the class outlives this file
// in the worker's process, and the next file must find them as they were (Node's own, or none).
const urlStatics = (['createObjectURL', 'revokeObjectURL'] as const).map(
  (name) => [name, Object.getOwnPropertyDescriptor(URL, name)] as const,
);

afterEach(() => {
  for (const [name, descriptor] of urlStatics) {
    if (descriptor) Object.defineProperty(URL, name, descriptor);
    else delete (URL as unknown as Record<string, unknown>)[name];
  }
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
