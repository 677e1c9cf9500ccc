import { ErrorCode } from '@ark-asa/contracts';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../domain/app-error.ts';
import { channelErrorToAppError, type RequestOptions } from './pending-requests.ts';
import { FORWARD_TIMEOUT_MS, RemoteAgentProxy } from './remote-agent-proxy.ts';

interface Sent {
  agentId: string;
  method: string;
  params: unknown;
  opts?: RequestOptions;
}

/** A proxy over a registry stand-in that records each request and answers `reply` (or throws it). */
function proxyAnswering(reply: unknown): { proxy: RemoteAgentProxy; sent: Sent[] } {
  const sent: Sent[] = [];
  const proxy = new RemoteAgentProxy({
    request: (agentId, method, params, opts) => {
      sent.push({ agentId, method, params, opts });
      return reply instanceof Error ? Promise.reject(reply) : Promise.resolve(reply);
    },
    nameOf: () => 'Cellar',
  });
  return { proxy, sent };
}

const call = {
  method: 'POST' as const,
  path: '/api/v1/instances/x/rcon',
  headers: { 'content-type': 'application/json' },
};

describe('RemoteAgentProxy', () => {
  it('sends the body base64-encoded with the default timeout and gives back the answer as bytes', async () => {
    const bytes = Buffer.from([0, 1, 2, 0xff, 0xfe]);
    const { proxy, sent } = proxyAnswering({
      status: 201,
      headers: { 'Content-Type': 'application/octet-stream' },
      body: bytes.toString('base64'),
    });
    const answer = await proxy.http('a1', { ...call, body: Buffer.from('{"command":"ListPlayers"}') });
    expect(sent).toEqual([
      {
        agentId: 'a1',
        method: 'http',
        params: { ...call, body: Buffer.from('{"command":"ListPlayers"}').toString('base64') },
        opts: { timeoutMs: FORWARD_TIMEOUT_MS },
      },
    ]);
    expect(answer).toEqual({ status: 201, headers: { 'content-type': 'application/octet-stream' }, body: bytes });
  });

  it('sends no body as null and keeps a longer timeout when asked', async () => {
    const { proxy, sent } = proxyAnswering({ status: 204, headers: {}, body: '' });
    const answer = await proxy.http('a1', { ...call, method: 'GET', body: null, timeoutMs: proxy.longTimeoutMs });
    expect(sent[0]!.params).toMatchObject({ body: null });
    expect(sent[0]!.opts).toEqual({ timeoutMs: 600_000 });
    expect(answer.body.length).toBe(0);
  });

  it('refuses an answer that is not an HTTP response, naming the host', async () => {
    const { proxy } = proxyAnswering({ status: 'fine' });
    await expect(proxy.http('a1', { ...call, body: null })).rejects.toMatchObject({
      code: ErrorCode.INTERNAL,
      message: 'Host "Cellar" gave an answer that is not HTTP',
    });
  });

  it('turns the agent errors too-large and agent-starting into plain answers, and passes the others on', async () => {
    const tooLarge = channelErrorToAppError({ code: 'too-large', message: 'body of 9000000 bytes' });
    await expect(proxyAnswering(tooLarge).proxy.http('a1', { ...call, body: null })).rejects.toMatchObject({
      code: ErrorCode.PAYLOAD_TOO_LARGE,
      message: expect.stringMatching(/answer of host "Cellar" is too large to relay .*about 6 MB/),
    });
    const starting = channelErrorToAppError({ code: 'agent-starting', message: 'starting' });
    await expect(proxyAnswering(starting).proxy.http('a1', { ...call, body: null })).rejects.toMatchObject({
      code: ErrorCode.AGENT_OFFLINE,
      message: 'Host "Cellar" is starting; try again in a moment',
    });
    const offline = new AppError(ErrorCode.AGENT_OFFLINE, 'Host "Cellar" is offline');
    await expect(proxyAnswering(offline).proxy.http('a1', { ...call, body: null })).rejects.toBe(offline);
  });
});
