import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fetchServerList, findServer, sameName } from './server-list-client.ts';

// The real list's field names (sim/server-list/ serves the same shape to the end-to-end tests).
const entry = (Name: string, Port: number, extra: Record<string, unknown> = {}) => ({
  Name,
  IP: '203.0.113.10',
  Port,
  MapName: 'TheIsland_WP',
  NumPlayers: 0,
  MaxPlayers: 70,
  BuildId: 82,
  MinorBuildId: 16,
  IsOfficial: '0',
  ...extra,
});
const LIST = [
  entry('Other Server', 7777),
  entry('My Home Server', 7790, { NumPlayers: 3, MaxPlayers: 20 }),
  entry('My Home Server', 7777),
];
let status = 200;
let url = '';
const server = http.createServer((_req, res) => {
  res.writeHead(status, { 'content-type': 'application/json' }).end(status === 200 ? JSON.stringify(LIST) : 'down');
});
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/servers/asa/unofficialserverlist.json`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('server list client', () => {
  it('matches a session name exactly, case aside, or with a version suffix', () => {
    expect(sameName('My Home Server', ' my home server ')).toBe(true);
    expect(sameName('My Home Server - (v51.10)', 'My Home Server')).toBe(true);
    expect(sameName('My Home Server 2', 'My Home Server')).toBe(false);
  });

  it('reads the stand-in over HTTP and finds the entry by name and port', async () => {
    const list = await fetchServerList(url);
    const match = findServer(list, 'My Home Server', 7790);
    expect(match.total).toBe(3);
    expect(match.entry).toMatchObject({
      name: 'My Home Server',
      ip: '203.0.113.10',
      port: 7790,
      players: 3,
      maxPlayers: 20,
      buildId: '82.16',
    });
    expect(match.sameNameOtherPort.map((e) => e.port)).toEqual([7777]);
    expect(findServer(list, 'Nobody', 7777)).toMatchObject({ entry: null, sameNameOtherPort: [] });
  });

  it('reports an HTTP failure and a body that is not a list', async () => {
    status = 503;
    await expect(fetchServerList(url)).rejects.toThrow(/HTTP 503/);
    status = 200;
    expect(() => findServer({ servers: [] }, 'x', 1)).toThrow(/not a JSON array/);
  });
});
