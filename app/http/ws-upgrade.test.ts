import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { TestWsClient } from '../../test/helpers/ws-client.ts';
import { createLogger } from '../logger.ts';
import { WsHub } from '../ws/ws-hub.ts';
import { SecurityGuard } from './security.ts';
import { createUpgradeHandler } from './ws-upgrade.ts';

let server: http.Server;
let hub: WsHub;
afterEach(async () => {
  await hub.close();
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

async function setup(): Promise<number> {
  const logger = createLogger({ silent: true });
  hub = new WsHub({ logger });
  const guard = new SecurityGuard({ exposed: false, token: 'a-token-of-sixteen-chars' });
  server = http.createServer((_req, res) => res.end());
  server.on('upgrade', createUpgradeHandler({ guard, hub, logger }));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return (server.address() as AddressInfo).port;
}

/** The status line the server answers a raw upgrade request for `target` with. */
function upgradeStatus(port: number, target: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('data', (d) => {
      resolve(d.toString().split('\r\n')[0]!);
      socket.destroy();
    });
    socket.once('error', reject);
    socket.write(
      `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
    );
  });
}

describe('the /ws upgrade listener', () => {
  it('answers request targets that are not URLs with 400 and keeps serving', async () => {
    const port = await setup();
    expect(await upgradeStatus(port, '//x:99999/ws')).toMatch(/^HTTP\/1.1 400/);
    expect(await upgradeStatus(port, '//[::1/ws')).toMatch(/^HTTP\/1.1 400/);
    expect(await upgradeStatus(port, '/other')).toMatch(/^HTTP\/1.1 404/);
    expect(await upgradeStatus(port, '/ws?token=%zz')).toMatch(/^HTTP\/1.1 401/);
    const ok = await TestWsClient.connect(`ws://127.0.0.1:${port}/ws?token=a-token-of-sixteen-chars`);
    ok.close();
  });
});
