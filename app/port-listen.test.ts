import http from 'node:http';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppError } from './domain/app-error.ts';
import { listenError, listenOnce, listenWithFallback, type ListenOnce } from './port-listen.ts';

const servers: net.Server[] = [];
const track = <T extends net.Server>(s: T): T => (servers.push(s), s);
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});
const errno = (code: string) => Object.assign(new Error(code), { code });

async function blockedPort(): Promise<number> {
  const blocker = track(net.createServer());
  await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
  return (blocker.address() as net.AddressInfo).port;
}

describe('listenError', () => {
  it('reports a port in use and a reserved port with the same code and a reason', () => {
    const inUse = listenError(errno('EADDRINUSE'), '127.0.0.1', 3000) as AppError;
    expect(inUse).toMatchObject({ code: 'port-in-use', details: { port: 3000, reason: 'in-use' } });
    const reserved = listenError(errno('EACCES'), '127.0.0.1', 3000, 'win32') as AppError;
    expect(reserved).toMatchObject({ code: 'port-in-use', details: { port: 3000, reason: 'reserved' } });
    expect(reserved.message).toMatch(
      /^Windows reserves port 3000 \(Hyper-V, WSL2 or Docker; .*excludedportrange.*\): choose another port/,
    );
    const privileged = listenError(errno('EACCES'), '0.0.0.0', 80, 'linux') as AppError;
    expect(privileged.message).toMatch(/^Port 80 needs administrator rights \(ports below 1024 are privileged\)/);
  });

  it('passes other failures through', () => {
    const other = errno('EMFILE');
    expect(listenError(other, '127.0.0.1', 3000)).toBe(other);
    expect(listenError(errno('EADDRNOTAVAIL'), '10.9.9.9', 3000)).toMatchObject({ code: 'conflict' });
  });
});

describe('listenWithFallback', () => {
  it('refuses a taken port in "never" mode', async () => {
    const port = await blockedPort();
    const server = track(http.createServer());
    await expect(listenWithFallback(server, '127.0.0.1', port, 'never')).rejects.toMatchObject({ code: 'port-in-use' });
  });

  it('moves to a free port in "auto" mode and says why', async () => {
    const port = await blockedPort();
    const server = track(http.createServer());
    const { port: chosen, fallback } = await listenWithFallback(server, '127.0.0.1', port, 'auto');
    expect(chosen).not.toBe(port);
    expect((server.address() as net.AddressInfo).port).toBe(chosen);
    expect(fallback).toEqual({
      requestedPort: port,
      reason: 'in-use',
      message: `Port ${port} is in use; listening on port ${chosen} instead`,
    });
  });

  it('treats a reserved port (EACCES, Hyper-V ranges on Windows) like one in use', async () => {
    const server = track(http.createServer());
    // Ports 4000–4010 "reserved": the first listen outside them goes through for real.
    const reservedUpTo = 4010;
    const listen: ListenOnce = (s, host, port) =>
      port !== 0 && port <= reservedUpTo ? Promise.reject(errno('EACCES')) : listenOnce(s, host, port);
    const { port, fallback } = await listenWithFallback(server, '127.0.0.1', 4000, 'auto', listen);
    expect(port).toBeGreaterThan(0);
    expect(port === 0 || port > reservedUpTo).toBe(true);
    expect(fallback).toMatchObject({
      requestedPort: 4000,
      reason: 'reserved',
      message: `Port 4000 is reserved or not allowed; listening on port ${port} instead`,
    });
  });

  it('does not hide a failure that another port would not cure', async () => {
    const server = track(http.createServer());
    const listen: ListenOnce = () => Promise.reject(errno('EADDRNOTAVAIL'));
    await expect(listenWithFallback(server, '10.9.9.9', 3000, 'auto', listen)).rejects.toMatchObject({
      code: 'conflict',
    });
  });
});
