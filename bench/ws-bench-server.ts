/**
 * The server side of the /ws benchmark: one http server whose upgrades go either to our WsHub
 * (/ws, fed by an EventBus exactly as the control plane wires it) or to a bare `ws`
 * WebSocketServer (/bare), plus the four broadcast paths that are compared.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { WSEvent, WSEventData } from '@ark-asa/contracts';
import { WebSocket, WebSocketServer } from 'ws';
import { EventBus } from '../app/events/event-bus.ts';
import { createLogger } from '../app/logger.ts';
import { WsHub } from '../app/ws/ws-hub.ts';
import { GROUP_PATHS, type Group } from './ws-bench-protocol.ts';

export type PathId = 'hub-bus' | 'hub-direct' | 'bare-once' | 'bare-naive';

export interface BroadcastPath {
  id: PathId;
  label: string;
  group: Group;
  send(data: WSEventData<'job:progress'>): void;
}

export interface BenchServer {
  port: number;
  paths: BroadcastPath[];
  /** Open connections of a group as the server sees them (a drop lowers it). */
  connected(group: Group): number;
  /** Largest user-space send buffer over the group's sockets: what `bufferedAmount` reports. */
  maxBufferedBytes(group: Group): number;
  close(): Promise<void>;
}

export async function startBenchServer(maxClients: number): Promise<BenchServer> {
  const logger = createLogger({ silent: true });
  const bus = new EventBus(logger);
  // No pings during a run: the drain clients never answer them, and a ping would be an extra frame.
  const hub = new WsHub({ logger, maxClients, pingIntervalMs: 3_600_000 });
  hub.attach(bus);
  // The bare server as the `ws` README writes it (perMessageDeflate is off by default on a server).
  const bare = new WebSocketServer({ noServer: true });
  const sockets: Record<Group, Set<Duplex>> = { hub: new Set(), bare: new Set() };

  const server = http.createServer((_req, res) => res.writeHead(404).end());
  server.on('upgrade', (req, socket, head) => {
    const group = req.url === GROUP_PATHS.hub ? 'hub' : req.url === GROUP_PATHS.bare ? 'bare' : null;
    if (!group) return socket.destroy();
    // The upgraded socket is the one `ws` writes frames to, so its writableLength is bufferedAmount.
    sockets[group].add(socket);
    socket.once('close', () => sockets[group].delete(socket));
    if (group === 'hub') hub.accept(req, socket, head);
    else bare.handleUpgrade(req, socket, head, (ws) => bare.emit('connection', ws, req));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

  return {
    port: (server.address() as AddressInfo).port,
    paths: broadcastPaths(bus, hub, bare),
    connected: (group) => (group === 'hub' ? hub.clientCount : bare.clients.size),
    maxBufferedBytes: (group) => {
      let max = 0;
      for (const s of sockets[group]) max = Math.max(max, s.writableLength);
      return max;
    },
    close: async () => {
      await hub.close();
      for (const ws of bare.clients) ws.terminate();
      bare.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

function broadcastPaths(bus: EventBus, hub: WsHub, bare: WebSocketServer): BroadcastPath[] {
  const event = (data: WSEventData<'job:progress'>): WSEvent => ({ event: 'job:progress', data });
  return [
    {
      id: 'hub-bus',
      label: 'hub: bus.publish -> WsHub (product path)',
      group: 'hub',
      send: (data) => bus.publish('job:progress', data),
    },
    {
      id: 'hub-direct',
      label: 'hub: hub.broadcast (no validation)',
      group: 'hub',
      send: (data) => hub.broadcast(event(data)),
    },
    {
      id: 'bare-once',
      label: 'bare ws: stringify once (BASELINE)',
      group: 'bare',
      send: (data) => {
        const text = JSON.stringify(event(data));
        for (const c of bare.clients) if (c.readyState === WebSocket.OPEN) c.send(text);
      },
    },
    {
      id: 'bare-naive',
      label: 'bare ws: stringify per client (naive)',
      group: 'bare',
      send: (data) => {
        const msg = event(data);
        for (const c of bare.clients) if (c.readyState === WebSocket.OPEN) c.send(JSON.stringify(msg));
      },
    },
  ];
}
