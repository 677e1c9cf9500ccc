import type { AgentHttpRequest, AgentHttpResponse, ChannelError, ControlPlaneMessage } from '@ark-asa/contracts';
import WebSocket from 'ws';

/** What the fake agent answers to one `http` request: a response, or a channel error. */
export type FakeAnswer = AgentHttpResponse | { error: ChannelError };

/**
 * A process-less remote agent on a real agent channel: it says hello with the host's token and
 * answers `http` requests with canned responses, recording what it was asked.
 */
export class FakeChannelAgent {
  readonly calls: AgentHttpRequest[] = [];
  /** May answer later (a promise), or never (a promise that never settles). */
  answer: (call: AgentHttpRequest) => FakeAnswer | Promise<FakeAnswer> = () => json(200, {});

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (raw: Buffer) => void this.onMessage(JSON.parse(raw.toString()) as ControlPlaneMessage));
  }

  /** Connects to `planeUrl`'s /agent-channel and resolves once the control plane welcomed it. */
  static async connect(planeUrl: string, token: string): Promise<FakeChannelAgent> {
    const ws = new WebSocket(`${planeUrl.replace('http', 'ws')}/agent-channel`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const agent = new FakeChannelAgent(ws);
    const welcomed = new Promise<void>((resolve, reject) => {
      ws.on('message', (raw: Buffer) => {
        if ((JSON.parse(raw.toString()) as ControlPlaneMessage).type === 'welcome') resolve();
      });
      ws.once('close', (code) => reject(new Error(`closed ${code} before welcome`)));
    });
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    ws.send(JSON.stringify(hello()));
    await welcomed;
    return agent;
  }

  /** The bodies it received, decoded. */
  bodyOf(call: AgentHttpRequest): Buffer | null {
    return call.body ? Buffer.from(call.body, 'base64') : null;
  }

  close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      this.ws.once('close', () => resolve());
      this.ws.close();
    });
  }

  private async onMessage(message: ControlPlaneMessage): Promise<void> {
    if (message.type !== 'request' || message.method !== 'http') return;
    const call = message.params as AgentHttpRequest;
    this.calls.push(call);
    const answer = await this.answer(call);
    if (this.ws.readyState !== WebSocket.OPEN) return;
    const base = { v: 1, type: 'response', id: message.id };
    this.ws.send(
      JSON.stringify(
        'error' in answer ? { ...base, ok: false, error: answer.error } : { ...base, ok: true, result: answer },
      ),
    );
  }
}

export function json(status: number, body: unknown): AgentHttpResponse {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: Buffer.from(JSON.stringify(body)).toString('base64'),
  };
}

function hello() {
  return {
    v: 1,
    type: 'hello',
    name: null,
    hostname: 'fake-host',
    platform: 'linux',
    version: '0.1.0',
    startedAt: new Date().toISOString(),
    defaults: {},
    instances: [],
  };
}
