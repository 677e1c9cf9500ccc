// A local stand-in of Wildcard's public list of unofficial ASA servers
// (https://cdn2.arkdedicated.com/servers/asa/unofficialserverlist.json): one JSON array of server
// objects with the same field names, served over HTTP so the manager's visibility check reads it
// exactly as it reads the real one (docs/visibility.md).
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One server as the real list describes it (the fields the manager reads, and a few more). */
export interface ListedServer {
  Name: string;
  IP: string;
  Port: number;
  MapName?: string;
  NumPlayers?: number;
  MaxPlayers?: number;
  BuildId?: number;
  MinorBuildId?: number;
  IsOfficial?: string;
  SessionIsPve?: number;
  HasPassword?: boolean;
  PlatformType?: string;
  ClusterId?: string;
  ModIDs?: string;
  DayTime?: string;
}

/** A realistic entry for `name` on `port` (a documentation address, TEST-NET-3). */
export function listedServer(name: string, port: number, extra: Partial<ListedServer> = {}): ListedServer {
  return {
    Name: name,
    IP: '203.0.113.10',
    Port: port,
    MapName: 'TheIsland_WP',
    NumPlayers: 0,
    MaxPlayers: 70,
    BuildId: 82,
    MinorBuildId: 16,
    IsOfficial: '0',
    SessionIsPve: 1,
    HasPassword: false,
    PlatformType: 'All',
    ClusterId: '',
    ModIDs: '',
    DayTime: '123',
    ...extra,
  };
}

export interface ServerListStandIn {
  /** Where the list is served, e.g. http://127.0.0.1:41234/servers/asa/unofficialserverlist.json */
  readonly url: string;
  /** Replaces the list (the real one is rebuilt every few minutes). */
  set(servers: ListedServer[]): void;
  /** Answer with this HTTP status instead of the list (null: serve the list). */
  fail(status: number | null): void;
  readonly requests: number;
  close(): Promise<void>;
}

export const LIST_PATH = '/servers/asa/unofficialserverlist.json';

export async function startServerListStandIn(servers: ListedServer[] = [], port = 0): Promise<ServerListStandIn> {
  let list = servers;
  let failWith: number | null = null;
  let requests = 0;
  const server = http.createServer((req, res) => {
    requests += 1;
    if (req.method !== 'GET' || !req.url?.startsWith(LIST_PATH)) {
      res.writeHead(404).end();
      return;
    }
    if (failWith !== null) {
      res.writeHead(failWith, { 'content-type': 'text/plain' }).end('unavailable');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(list));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}${LIST_PATH}`,
    set: (next) => void (list = next),
    fail: (status) => void (failWith = status),
    get requests() {
      return requests;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
