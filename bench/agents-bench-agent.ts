/**
 * A simulated remote agent: a bare `ws` client that speaks the agent channel as `npm run agent`
 * does (hello → welcome, heartbeats at the interval it is given, its snapshot right after welcome),
 * without an embedded manager behind it, so that dozens of them cost the bench process little.
 */
import {
  AGENT_CHANNEL_PATH,
  AGENT_CHANNEL_VERSION,
  ControlPlaneMessage,
  type AgentMessage,
  type Instance,
  type InstanceStatus,
} from '@ark-asa/contracts';
import WebSocket from 'ws';
import { rawText } from '../app/agents/ws-raw-text.ts';
import {
  heartbeatMessage,
  helloMessage,
  logEvent,
  snapshotMessage,
  stampText,
  statusEvent,
  type Phase,
} from './agents-bench-messages.ts';

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** A restart cycle, one step per status event. */
const CYCLE: InstanceStatus[] = ['RUNNING', 'STOPPING', 'STOPPED', 'STARTING'];
/** Every STATUS_EVERY-th event of a server is an instance:status_changed, the others instance:log. */
export const STATUS_EVERY = 50;

export class SimAgent {
  private ws: WebSocket | null = null;
  private heartbeatTimer: NodeJS.Timeout | null = null;
  private heartbeats = 0;
  private readonly seq: number[];
  private readonly statusStep: number[];
  /** Why the channel closed before the bench closed it (the control plane cut it), or null. */
  lost: string | null = null;
  private closing = false;
  /** Events handed to the socket, per phase. */
  readonly sent: Record<Phase, number> = { warm: 0, measure: 0 };

  constructor(
    readonly index: number,
    readonly agentId: string,
    private readonly token: string,
    readonly servers: Instance[],
    /** Where in the heartbeat interval this agent's heartbeats fall (0 to 1). */
    private readonly phase = 0,
  ) {
    this.seq = servers.map(() => 0);
    this.statusStep = servers.map(() => 0);
  }

  /** Connects, says hello, and resolves on `welcome` once the first heartbeat and the snapshot are sent. */
  async connect(port: number): Promise<void> {
    const ws = new WebSocket(`ws://127.0.0.1:${port}${AGENT_CHANNEL_PATH}`, {
      headers: { authorization: `Bearer ${this.token}` },
      perMessageDeflate: false,
    });
    this.ws = ws;
    ws.on('close', (code, reason) => {
      this.stopHeartbeats();
      if (!this.closing) this.lost ??= `${code} ${reason.toString()}`.trim();
    });
    // A socket error is followed by 'close'; without a listener it would throw out of the bench.
    ws.on('error', () => undefined);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, res) => reject(new Error(`agent channel: HTTP ${res.statusCode}`)));
    });
    this.send(helloMessage(this.index, this.servers));
    const welcome = await new Promise<number>((resolve, reject) => {
      ws.on('message', (raw) => {
        const parsed = ControlPlaneMessage.safeParse(parseJson(rawText(raw)));
        if (!parsed.success) return;
        const m = parsed.data;
        if (m.type === 'welcome') resolve(m.heartbeatIntervalSec);
        else if (m.type === 'refused') reject(new Error(`agent ${this.index + 1} refused: ${m.message}`));
        else if (m.type === 'request') this.unsupported(m.id);
      });
      ws.once('close', (code) => reject(new Error(`agent ${this.index + 1}: channel closed (${code})`)));
    });
    this.heartbeat();
    this.send(snapshotMessage(this.servers));
    // Agents that connected at different times heartbeat at different moments: spread over the
    // interval, instead of all of them in the same millisecond as agents welcomed together would.
    const ms = welcome * 1000;
    this.heartbeatTimer = setTimeout(
      () => {
        this.heartbeat();
        this.heartbeatTimer = setInterval(() => this.heartbeat(), ms);
      },
      ms * (1 + this.phase),
    );
  }

  /** One event of server `i`, stamped with the moment it is handed to the socket. */
  emit(i: number, phase: Phase): void {
    const server = this.servers[i]!;
    const seq = ++this.seq[i]!;
    const text = stampText(phase, seq, performance.now());
    if (seq % STATUS_EVERY === 0) {
      const step = this.statusStep[i]!;
      this.statusStep[i] = step + 1;
      const previous = CYCLE[step % CYCLE.length]!;
      this.send(statusEvent(server.id, CYCLE[(step + 1) % CYCLE.length]!, previous, text));
    } else {
      this.send(logEvent(server.id, seq, text));
    }
    this.sent[phase]++;
  }

  async close(): Promise<void> {
    this.closing = true;
    this.stopHeartbeats();
    const ws = this.ws;
    if (!ws || ws.readyState === ws.CLOSED) return;
    const closed = new Promise((resolve) => ws.once('close', resolve));
    ws.close(1000, 'bench done');
    const cut = setTimeout(() => ws.terminate(), 1000);
    await closed;
    clearTimeout(cut);
  }

  private stopHeartbeats(): void {
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    this.heartbeatTimer = null;
  }

  private heartbeat(): void {
    this.send(heartbeatMessage(this.servers, ++this.heartbeats));
    // A real agent pings with each heartbeat; the control plane's pong costs it a little too.
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.ping();
  }

  /** The bench answers no request (a real agent would); saying so keeps the control plane from waiting. */
  private unsupported(id: string): void {
    this.send({
      v: AGENT_CHANNEL_VERSION,
      type: 'response',
      id,
      ok: false,
      error: { code: 'unsupported-method', message: 'The bench agent answers no request' },
    });
  }

  private send(message: AgentMessage): void {
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(message));
  }
}
