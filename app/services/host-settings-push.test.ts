import { ErrorCode } from '@ark-asa/contracts';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { ForwardedCall, RelayedAnswer } from '../agents/remote/remote-agent-proxy.ts';
import { AppError } from '../domain/app-error.ts';
import { HostSettingsPush } from './host-settings-push.ts';

const KEY = 'cf-secret-key-0123456789';
const ALPHA = '11111111-1111-4111-8111-111111111111';
const BRAVO = '22222222-2222-4222-8222-222222222222';

interface Sent {
  agentId: string;
  call: ForwardedCall;
  answer: (a: RelayedAnswer | Error) => void;
}

/** A push with a fake channel: each call waits until the test answers it. */
function setup(connected: string[] = [ALPHA]) {
  const lines: string[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void lines.push(line) });
  const sent: Sent[] = [];
  const state = { key: KEY as string | null };
  const push = new HostSettingsPush({
    logger,
    curseforgeKey: () => state.key,
    connectedIds: () => connected,
    http: (agentId, call) =>
      new Promise<RelayedAnswer>((resolve, reject) => {
        sent.push({ agentId, call, answer: (a) => (a instanceof Error ? reject(a) : resolve(a)) });
      }),
  });
  return { push, sent, state, lines };
}

const ok: RelayedAnswer = { status: 200, headers: { 'content-type': 'application/json' }, body: Buffer.from('{}') };
const bodyOf = (s: Sent | undefined) => JSON.parse(s!.call.body!.toString('utf8')) as unknown;
const settle = () => new Promise((r) => setImmediate(r));

describe('HostSettingsPush', () => {
  it("sends the key to the host's own PUT /api/v1/mods/curseforge-key, as JSON", async () => {
    const { push, sent } = setup();
    const done = push.pushTo(ALPHA);
    await settle();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      agentId: ALPHA,
      call: { method: 'PUT', path: '/api/v1/mods/curseforge-key', headers: { 'content-type': 'application/json' } },
    });
    expect(bodyOf(sent[0])).toEqual({ apiKey: KEY });
    sent[0]!.answer(ok);
    await done;
  });

  it('clears the host key when none is set here', async () => {
    const { push, sent, state } = setup();
    state.key = null;
    const done = push.pushTo(ALPHA);
    await settle();
    expect(bodyOf(sent[0])).toEqual({ apiKey: null });
    sent[0]!.answer(ok);
    await done;
  });

  it('pushes to every connected host', async () => {
    const { push, sent } = setup([ALPHA, BRAVO]);
    const done = push.pushAll();
    await settle();
    expect(sent.map((s) => s.agentId).sort()).toEqual([ALPHA, BRAVO]);
    for (const s of sent) s.answer(ok);
    await done;
  });

  it('sends one push to a host at a time, each with the key as it is then: the last change wins', async () => {
    const { push, sent, state } = setup();
    const first = push.pushTo(ALPHA);
    state.key = null;
    const second = push.pushTo(ALPHA);
    await settle();
    // The second waits for the first: two PUTs in flight could reach the host's manager out of order.
    expect(sent).toHaveLength(1);
    sent[0]!.answer(ok);
    await first;
    await settle();
    expect(sent).toHaveLength(2);
    expect(bodyOf(sent[1])).toEqual({ apiKey: null });
    sent[1]!.answer(ok);
    await second;
  });

  it('logs a failure as a warning, without the key, and never rejects', async () => {
    const { push, sent, lines } = setup();
    const offline = push.pushTo(ALPHA);
    await settle();
    sent[0]!.answer(new AppError(ErrorCode.AGENT_OFFLINE, 'Host "Alpha" is offline'));
    await expect(offline).resolves.toBeUndefined();
    const refused = push.pushTo(ALPHA);
    await settle();
    const envelope = { error: { code: 'validation-failed', message: 'Invalid request' } };
    sent[1]!.answer({ status: 400, headers: {}, body: Buffer.from(JSON.stringify(envelope)) });
    await expect(refused).resolves.toBeUndefined();
    const warnings = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.level === 40);
    expect(warnings).toEqual([
      expect.objectContaining({ agentId: ALPHA, configured: true, code: 'agent-offline' }),
      expect.objectContaining({ agentId: ALPHA, status: 400, code: 'validation-failed' }),
    ]);
    expect(lines.join('\n')).not.toContain(KEY);
  });
});
