import { existsSync, readFileSync, statSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort, waitFor } from '../test-support/process.ts';
import { frame, RconTestClient } from '../test-support/rcon-test-client.ts';
import { ADVERTISING, messages, serverArgs, serverFixture } from '../test-support/server-fixture.ts';
import type { ServerFixture } from '../test-support/server-fixture.ts';
import type { ServerSimControl } from './install.ts';

let fx: ServerFixture | null = null;
const clients: RconTestClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await fx?.cleanup();
  fx = null;
});

const NO_RESPONSE = 'Server received, But no response!! \n';
const EOS_ID = '0002214a4a6742d9a347bd449b2dc143';

async function startServer(control: Partial<ServerSimControl> = {}): Promise<{ fx: ServerFixture; port: number }> {
  const port = await freePort();
  fx = await serverFixture(control);
  fx.start(serverArgs({ rconPort: port, password: 'secret' }));
  await fx.waitLog(ADVERTISING);
  return { fx, port };
}

async function connect(port: number, auth = true): Promise<RconTestClient> {
  const client = await RconTestClient.connect(port);
  clients.push(client);
  if (auth) await client.auth('secret');
  return client;
}

describe('ASA server simulator: RCON', () => {
  it('answers AUTH with one AUTH_RESPONSE: same id when good, -1 when bad', async () => {
    const { port } = await startServer();
    const good = await connect(port, false);
    expect(await good.auth('secret', 77)).toEqual({ id: 77, type: 2, body: '' });
    const bad = await connect(port, false);
    expect(await bad.auth('wrong', 78)).toEqual({ id: -1, type: 2, body: '' });
    expect(bad.packets).toHaveLength(1);
  });

  it('can send the SRCDS leading empty RESPONSE_VALUE', async () => {
    const { port } = await startServer({ authLeadingEmptyResponse: true });
    const client = await connect(port, false);
    client.write(frame(9, 3, 'secret'));
    expect(await client.waitPackets(2)).toEqual([
      { id: 9, type: 0, body: '' },
      { id: 9, type: 2, body: '' },
    ]);
  });

  it('drops a connection that sends a command before authenticating', async () => {
    const { port } = await startServer();
    const client = await connect(port, false);
    client.write(frame(1, 2, 'ListPlayers'));
    await waitFor(() => client.closed, 'connection closed');
    expect(client.packets).toHaveLength(0);
  });

  it('ListPlayers without and with players; KickPlayer and BanPlayer', async () => {
    const { fx: server, port } = await startServer();
    const client = await connect(port);
    expect(await client.command('ListPlayers')).toBe('No Players Connected \n');
    await server.control({
      players: [
        { name: 'Alice', id: EOS_ID, joinAfterSec: 0 },
        { name: 'Bob Two', id: '0002aaaabbbbccccddddeeeeffff0000', joinAfterSec: 0 },
      ],
    });
    await server.waitLog('Bob Two [UniqueNetId');
    expect(await client.command('ListPlayers')).toBe(
      `0. Alice, ${EOS_ID}\n1. Bob Two, 0002aaaabbbbccccddddeeeeffff0000 \n`,
    );
    expect(await client.command(`BanPlayer ${EOS_ID}`)).toBe(NO_RESPONSE);
    expect(
      messages(server.log()).some((m) => m.endsWith(`Alice [UniqueNetId:${EOS_ID} Platform:None] left this ARK!`)),
    ).toBe(true);
    expect(await client.command('KickPlayer 0002aaaabbbbccccddddeeeeffff0000')).toBe(NO_RESPONSE);
    expect(await client.command('ListPlayers')).toBe('No Players Connected \n');
    // A banned id cannot join; others still can.
    const banned = '0002bbbbbbbbbbbbbbbbbbbbbbbbbbbb';
    expect(await client.command(`BanPlayer ${banned}`)).toBe(NO_RESPONSE);
    await server.control({
      players: [
        { name: 'Banned', id: banned, joinAfterSec: 0 },
        { name: 'Carol', id: '0002cccccccccccccccccccccccccccc', joinAfterSec: 0 },
      ],
    });
    await server.waitLog('Carol [UniqueNetId');
    expect(await client.command('ListPlayers')).toBe('0. Carol, 0002cccccccccccccccccccccccccccc \n');
    expect(server.log()).not.toContain('Banned [UniqueNetId');
  });

  it('SaveWorld writes the .ark through a rename and logs World Save Complete', async () => {
    const { fx: server, port } = await startServer();
    const client = await connect(port);
    expect(await client.command('SaveWorld')).toBe('World Saved \n');
    const ark = path.join(server.saved, 'SavedArks', 'TheIsland_WP', 'TheIsland_WP.ark');
    expect(statSync(ark).size).toBe(65536);
    expect(existsSync(`${ark}.tmp`)).toBe(false);
    expect(messages(server.log()).some((m) => /^World Save Complete\. Took: \d+\.\d\d$/.test(m))).toBe(true);
    await server.control({ saveWorldReply: 'no-response' });
    // The control file is polled; repeat until the live process has picked the change up.
    let reply = '';
    for (let i = 0; i < 100 && reply !== NO_RESPONSE; i += 1) reply = await client.command('SaveWorld', 20 + 2 * i);
    expect(reply).toBe(NO_RESPONSE);
  });

  it('Broadcast, ServerChat and unknown commands get the no-response text', async () => {
    const { port } = await startServer();
    const client = await connect(port);
    expect(await client.command('Broadcast Hello World')).toBe(NO_RESPONSE);
    expect(await client.command('ServerChat hi there', 20)).toBe(NO_RESPONSE);
    expect(await client.command('ping', 30)).toBe(NO_RESPONSE);
    expect(await client.command('GetGameLog', 40)).toMatch(/^\d{4}\.\d\d\.\d\d_\d\d\.\d\d\.\d\d: SERVER: hi there \n$/);
  });

  it('GetChat returns the chat lines said since the last GetChat, players and SERVER alike', async () => {
    const { fx: server, port } = await startServer();
    const client = await connect(port);
    expect(await client.command('GetChat', 10)).toBe(NO_RESPONSE);
    await server.control({
      chat: [
        { afterSec: 0, name: 'Alice', character: 'Ally', message: 'hello all' },
        { afterSec: 0, name: 'Bob', message: 'hi' },
      ],
    });
    await server.waitLog('Bob (Bob): hi');
    expect(await client.command('ServerChat welcome', 11)).toBe(NO_RESPONSE);
    expect(await client.command('GetChat', 12)).toBe('Alice (Ally): hello all\nBob (Bob): hi\nSERVER: welcome \n');
    expect(await client.command('GetChat', 13)).toBe(NO_RESPONSE);
    expect(await client.command('ServerChat again', 14)).toBe(NO_RESPONSE);
    expect(await client.command('GetChat', 15)).toBe('SERVER: again \n');
  });

  it('sends a long reply as one packet, as ASA does', async () => {
    const { port } = await startServer();
    const client = await connect(port);
    for (let i = 0; i < 60; i += 1) await client.command(`ServerChat ${i} ${'y'.repeat(320)}`, 100 + i * 2);
    const from = client.packets.length;
    const log = await client.command('GetGameLog', 500);
    expect(Buffer.byteLength(log)).toBeGreaterThan(20_000);
    expect(client.packets.slice(from).filter((p) => p.id === 500)).toHaveLength(1);
  });

  it('binds RCON to the MultiHome address only when one is given', async () => {
    const port = await freePort();
    fx = await serverFixture({});
    fx.start([...serverArgs({ rconPort: port, password: 'secret', query: ['MultiHome=127.0.0.2'] })]);
    await fx.waitLog(ADVERTISING);
    const client = await RconTestClient.connect(port, '127.0.0.2');
    clients.push(client);
    expect(await client.auth('secret', 5)).toEqual({ id: 5, type: 2, body: '' });
    await expect(RconTestClient.connect(port, '127.0.0.1')).rejects.toThrow(/ECONNREFUSED/);
  });

  it('splits long replies into packets of at most 4096 bytes when told to (SRCDS behaviour)', async () => {
    const { port } = await startServer({ rconSplitReplies: true });
    const client = await connect(port);
    const text = 'x'.repeat(100);
    for (let i = 0; i < 60; i += 1) await client.command(`ServerChat ${i} ${text}`, 100 + i * 2);
    const from = client.packets.length;
    const log = await client.command('GetGameLog', 500);
    expect(log.split('\n').filter((l) => l.includes(': SERVER: '))).toHaveLength(60);
    const replyPackets = client.packets.slice(from).filter((p) => p.id === 500);
    expect(replyPackets.length).toBeGreaterThan(1);
    expect(Math.max(...client.wireSizes)).toBeLessThanOrEqual(4096);
  });

  it('handles coalesced and split TCP reads, and several connections', async () => {
    const { port } = await startServer();
    const a = await connect(port, false);
    // AUTH and two commands in one write.
    a.write(Buffer.concat([frame(1, 3, 'secret'), frame(2, 2, 'ListPlayers'), frame(3, 2, 'Broadcast x')]));
    const got = await a.waitPackets(3);
    expect(got.map((p) => [p.id, p.type])).toEqual([
      [1, 2],
      [2, 0],
      [3, 0],
    ]);
    // One packet delivered byte by byte.
    const b = await connect(port);
    const bytes = frame(42, 2, 'ListPlayers');
    for (const byte of bytes) {
      b.write(Buffer.from([byte]));
      await new Promise((r) => setImmediate(r));
    }
    const reply = await b.waitPackets(2);
    expect(reply[1]).toEqual({ id: 42, type: 0, body: 'No Players Connected \n' });
    expect(await a.command('ListPlayers', 50)).toBe('No Players Connected \n');
  });

  it('DoExit saves, replies Exiting..., rewrites GameUserSettings.ini and exits 0', async () => {
    const port = await freePort();
    fx = await serverFixture();
    const configDir = path.join(fx.saved, 'Config', 'WindowsServer');
    await mkdir(configDir, { recursive: true });
    const ini =
      '; my comment\n[ServerSettings]\nDifficultyOffset=1.0\nXPMultiplier=2.5\nRCONPort=27020\nServerAdminPassword=1.5\n\n[SessionSettings]\nPort=7777\n';
    await writeFile(path.join(configDir, 'GameUserSettings.ini'), ini);
    const proc = fx.start(serverArgs({ rconPort: port, password: 'secret', session: 'Exit Test' }));
    await fx.waitLog(ADVERTISING);
    const client = await connect(port);
    await client.command('Broadcast Server is stopping');
    expect(await client.command('SaveWorld', 20)).toBe('World Saved \n');
    expect(await client.command('DoExit', 30)).toBe('Exiting... \n');
    const result = await proc.done;
    expect(result.code).toBe(0);

    const events = fx.journal().map((j) => (j.event === 'rcon' ? `rcon:${String(j['command'])}` : j.event));
    expect(events).toEqual([
      'started',
      'rcon-listening',
      'ready',
      'rcon-auth',
      'rcon:Broadcast Server is stopping',
      'rcon:SaveWorld',
      'saved',
      'rcon:DoExit',
      'saved',
      'exit',
    ]);
    const msgs = messages(fx.log());
    const tail = msgs.slice(-3);
    expect(tail[0]).toMatch(/^World Save Complete\. Took: /);
    expect(tail[1]).toBe('LogExit: Game engine shut down');
    expect(tail[2]).toMatch(/^Log file closed, \d\d\/\d\d\/\d\d \d\d:\d\d:\d\d$/);
    const rewritten = readFileSync(path.join(configDir, 'GameUserSettings.ini'), 'utf8');
    expect(rewritten).toBe(
      '[ServerSettings]\r\nDifficultyOffset=1.000000\r\nXPMultiplier=2.500000\r\nRCONPort=27020\r\nServerAdminPassword=1.5\r\n\r\n' +
        '[SessionSettings]\r\nPort=7777\r\nSessionName=Exit Test\r\n',
    );
  });

  it('ignoreDoExit and the no-response reply variant: saves and replies but keeps running', async () => {
    const { fx: server, port } = await startServer({ ignoreDoExit: true, doExitReply: 'no-response' });
    const client = await connect(port);
    expect(await client.command('DoExit')).toBe(NO_RESPONSE);
    await waitFor(() => server.journal().some((j) => j.event === 'exit-ignored'), 'exit-ignored');
    expect(server.running[0]?.child.exitCode).toBeNull();
    expect(await client.command('ListPlayers', 20)).toBe('No Players Connected \n');
  });
});
