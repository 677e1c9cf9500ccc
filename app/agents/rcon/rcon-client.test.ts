import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { isAppError } from '../../domain/app-error.ts';
import {
  encodeRconPacket,
  MAX_BODY_BYTES,
  RconDecoder,
  SERVERDATA_AUTH,
  SERVERDATA_AUTH_RESPONSE,
  SERVERDATA_EXECCOMMAND,
  SERVERDATA_RESPONSE_VALUE,
  type RconPacket,
} from '../../domain/rcon/rcon-codec.ts';
import { isNoResponse, NO_RESPONSE_TEXT, RconClient } from './rcon-client.ts';

/** What the test server does with a command: reply text, reply split into bodies, or misbehave. */
type Reply = { text: string } | { bodies: Buffer[] } | { action: 'silent' | 'close' };

interface ServerOptions {
  password?: string;
  /** SRCDS sends an empty RESPONSE_VALUE before AUTH_RESPONSE. */
  leadingEmpty?: boolean;
  replyDelayMs?: number;
  reply?: (command: string) => Reply;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A small ARK-like RCON server: one AUTH_RESPONSE (-1 on a bad password), replies end in " \n". */
class TestRconServer {
  connections = 0;
  outstanding = 0;
  maxOutstanding = 0;
  readonly commands: string[] = [];
  private readonly sockets = new Set<net.Socket>();
  private readonly server = net.createServer((socket) => this.accept(socket));

  constructor(private readonly options: ServerOptions) {}

  static async start(options: ServerOptions = {}): Promise<TestRconServer> {
    const server = new TestRconServer(options);
    await new Promise<void>((resolve) => server.server.listen(0, '127.0.0.1', resolve));
    return server;
  }

  get port(): number {
    const address = this.server.address();
    if (address === null || typeof address === 'string') throw new Error('not listening');
    return address.port;
  }

  dropConnections(): void {
    for (const socket of this.sockets) socket.destroy();
  }

  async stop(): Promise<void> {
    this.dropConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(socket: net.Socket): void {
    this.connections++;
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => undefined);
    const decoder = new RconDecoder();
    socket.on('data', (chunk: Buffer) => {
      for (const packet of decoder.push(chunk)) this.onPacket(socket, packet);
    });
  }

  private send(socket: net.Socket, packet: RconPacket): void {
    if (!socket.destroyed) socket.write(encodeRconPacket(packet));
  }

  private onPacket(socket: net.Socket, packet: RconPacket): void {
    if (packet.type === SERVERDATA_AUTH) {
      if (this.options.leadingEmpty) this.send(socket, { id: packet.id, type: SERVERDATA_RESPONSE_VALUE, body: '' });
      const ok = packet.body === (this.options.password ?? 'secret');
      this.send(socket, { id: ok ? packet.id : -1, type: SERVERDATA_AUTH_RESPONSE, body: '' });
      return;
    }
    if (packet.type !== SERVERDATA_EXECCOMMAND) return;
    this.commands.push(packet.body);
    this.outstanding++;
    this.maxOutstanding = Math.max(this.maxOutstanding, this.outstanding);
    setTimeout(() => void this.answer(socket, packet), this.options.replyDelayMs ?? 0);
  }

  private async answer(socket: net.Socket, packet: RconPacket): Promise<void> {
    const reply = (this.options.reply ?? defaultReply)(packet.body);
    if ('action' in reply) {
      // A silent command stays outstanding, as it would on a hung server.
      if (reply.action === 'silent') return;
      socket.destroy();
    } else if ('text' in reply) {
      this.send(socket, { id: packet.id, type: SERVERDATA_RESPONSE_VALUE, body: reply.text });
    } else {
      await this.sendBodies(socket, packet.id, reply.bodies);
    }
    this.outstanding--;
  }

  /** Raw bodies, each in its own write a little apart, so that the client sees separate TCP reads. */
  private async sendBodies(socket: net.Socket, id: number, bodies: Buffer[]): Promise<void> {
    for (const body of bodies) {
      const frame = Buffer.alloc(14 + body.length);
      frame.writeInt32LE(10 + body.length, 0);
      frame.writeInt32LE(id, 4);
      frame.writeInt32LE(SERVERDATA_RESPONSE_VALUE, 8);
      body.copy(frame, 12);
      if (!socket.destroyed) socket.write(frame);
      await sleep(10);
    }
  }
}

function defaultReply(command: string): Reply {
  if (command === 'ListPlayers') return { text: 'No Players Connected \n' };
  if (command.startsWith('Broadcast')) return { text: `${NO_RESPONSE_TEXT} \n ` };
  if (command.startsWith('Echo ')) return { text: `${command.slice(5)} \n` };
  if (command === 'Hang') return { action: 'silent' };
  if (command === 'Close') return { action: 'close' };
  return { text: `${NO_RESPONSE_TEXT} \n` };
}

async function rejection(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (err) {
    if (isAppError(err)) return { code: err.code, message: err.message };
    throw err;
  }
  throw new Error('expected a rejection');
}

/** Splits `bytes` into full-size packets and the remainder, as a server that splits replies does. */
function chunked(bytes: Buffer): Buffer[] {
  const bodies: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += MAX_BODY_BYTES) bodies.push(bytes.subarray(at, at + MAX_BODY_BYTES));
  return bodies;
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(options: ServerOptions = {}, clientOptions: { password?: string; timeoutMs?: number } = {}) {
  const server = await TestRconServer.start(options);
  const client = new RconClient({
    host: '127.0.0.1',
    port: server.port,
    password: clientOptions.password ?? 'secret',
    timeoutMs: clientOptions.timeoutMs ?? 2_000,
    quietMs: 100,
    reconnectDelayMs: 20,
  });
  cleanups.push(
    () => server.stop(),
    () => client.close(),
  );
  return { server, client };
}

describe('RconClient', () => {
  it('logs in and returns a reply without the trailing whitespace', async () => {
    const { client, server } = await setup();
    await client.connect();
    expect(await client.send('ListPlayers')).toBe('No Players Connected');
    expect(server.connections).toBe(1);
  });

  it('returns the no-response text as it is', async () => {
    const { client } = await setup();
    const reply = await client.send('Broadcast Hello World');
    expect(reply).toBe(NO_RESPONSE_TEXT);
    expect(isNoResponse(reply)).toBe(true);
    expect(isNoResponse('World Saved')).toBe(false);
  });

  it('skips a leading empty RESPONSE_VALUE during the login', async () => {
    const { client } = await setup({ leadingEmpty: true });
    expect(await client.send('ListPlayers')).toBe('No Players Connected');
  });

  it('fails with rcon-auth-failed on a wrong password', async () => {
    const { client } = await setup({}, { password: 'wrong' });
    expect(await rejection(client.connect())).toMatchObject({ code: 'rcon-auth-failed' });
    expect(await rejection(client.send('ListPlayers'))).toMatchObject({ code: 'rcon-auth-failed' });
  });

  it('collects a reply sent in several packets', async () => {
    const text = `${'0. Player, 0002214a4a6742d9a347bd449b2dc143\n'.repeat(250)}Ł done`;
    const bytes = Buffer.from(text, 'utf8');
    // Put the two-byte Ł across the first packet boundary.
    const shifted = Buffer.concat([Buffer.from('x'.repeat(MAX_BODY_BYTES - 1)), bytes]);
    const { client } = await setup({ reply: () => ({ bodies: chunked(shifted) }) });
    const reply = await client.send('GetGameLog');
    expect(reply).toBe(`${'x'.repeat(MAX_BODY_BYTES - 1)}${text}`);
    expect(chunked(shifted).length).toBeGreaterThan(2);
  });

  it('takes a 20 KB reply sent as one packet, as ASA does, without waiting for more', async () => {
    const text = `${'12. Survivor, 0002214a4a6742d9a347bd449b2dc143\n'.repeat(450)} \n`;
    expect(Buffer.byteLength(text)).toBeGreaterThan(20_000);
    const { client } = await setup({ reply: () => ({ bodies: [Buffer.from(text)] }) });
    expect((await client.send('ListPlayers')).trimEnd()).toBe(text.trimEnd());
    // The connection survived the oversized packet and still answers.
    expect(await client.send('Echo')).toBeTypeOf('string');
  });

  it('ends a reply made only of full packets after a quiet gap', async () => {
    const body = Buffer.from('y'.repeat(MAX_BODY_BYTES * 2));
    const { client } = await setup({ reply: () => ({ bodies: chunked(body) }) });
    expect(await client.send('GetChat')).toBe('y'.repeat(MAX_BODY_BYTES * 2));
  });

  it('runs concurrent commands one at a time, in order', async () => {
    const { client, server } = await setup({ replyDelayMs: 15 });
    const commands = Array.from({ length: 8 }, (_, i) => `Echo reply ${i}`);
    const replies = await Promise.all(commands.map((c) => client.send(c)));
    expect(replies).toEqual(commands.map((_, i) => `reply ${i}`));
    expect(server.commands).toEqual(commands);
    expect(server.maxOutstanding).toBe(1);
  });

  it('times out, resets the connection and works again on the next command', async () => {
    const { client, server } = await setup();
    expect(await rejection(client.send('Hang', { timeoutMs: 150 }))).toMatchObject({ code: 'rcon-timeout' });
    expect(await client.send('ListPlayers')).toBe('No Players Connected');
    expect(server.connections).toBe(2);
  });

  it('reconnects after the server closed the connection', async () => {
    const { client, server } = await setup();
    expect(await rejection(client.send('Close'))).toMatchObject({ code: 'rcon-unavailable' });
    expect(await client.send('ListPlayers')).toBe('No Players Connected');
    server.dropConnections();
    await sleep(50);
    expect(await client.send('Echo back')).toBe('back');
    expect(server.connections).toBe(3);
  });

  it('fails queued commands with rcon-unavailable when the server is gone', async () => {
    const { client, server } = await setup();
    await client.connect();
    await server.stop();
    const results = await Promise.all(['ListPlayers', 'SaveWorld', 'DoExit'].map((c) => rejection(client.send(c))));
    expect(results.map((r) => r.code)).toEqual(['rcon-unavailable', 'rcon-unavailable', 'rcon-unavailable']);
  });

  it('reports a refused port clearly', async () => {
    const probe = net.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const address = probe.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const client = new RconClient({ host: '127.0.0.1', port, password: 'secret', timeoutMs: 2_000 });
    cleanups.push(() => client.close());
    const error = await rejection(client.send('ListPlayers'));
    expect(error.code).toBe('rcon-unavailable');
    expect(error.message).toMatch(/refused the connection/);
  });

  it('fails pending and later commands after close()', async () => {
    const { client } = await setup({ replyDelayMs: 200 });
    const pending = [client.send('Echo a'), client.send('Echo b')].map(rejection);
    await sleep(50);
    await client.close();
    expect((await Promise.all(pending)).map((r) => r.code)).toEqual(['rcon-unavailable', 'rcon-unavailable']);
    expect(await rejection(client.send('Echo c'))).toMatchObject({ code: 'rcon-unavailable' });
  });

  it('rejects a command too long for one packet', async () => {
    const { client } = await setup();
    expect(await rejection(client.send('x'.repeat(MAX_BODY_BYTES + 1)))).toMatchObject({ code: 'validation-failed' });
  });
});
