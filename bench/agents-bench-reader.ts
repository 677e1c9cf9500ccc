/**
 * The /ws client of the bench: it receives what the control plane publishes and, for every event a
 * simulated agent stamped, records the time from the agent's send to this receive. Both run in the
 * bench process, so one clock (performance.now()) measures both ends.
 */
import WebSocket from 'ws';
import { rawText } from '../app/agents/ws-raw-text.ts';
import { readStamp, type Phase } from './agents-bench-messages.ts';

interface WsMessage {
  event?: string;
  data?: { message?: string; reason?: string; agentId?: string };
}

export class WsReader {
  readonly received: Record<Phase, number> = { warm: 0, measure: 0 };
  /** Latencies (ms) of the measured events, in the order they arrived. */
  readonly latenciesMs: number[] = [];
  /** agent:heartbeat events of the simulated agents (those in `agentIds`), not of the local agent. */
  heartbeats = 0;
  readonly agentIds = new Set<string>();
  /** Messages of any kind received (a sign the control plane publishes anything at all). */
  messages = 0;
  private waiter: { target: number; resolve: () => void } | null = null;

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (raw) => this.onMessage(rawText(raw)));
    // A socket error is followed by 'close' (and the events missing from the counts); never a throw.
    ws.on('error', () => undefined);
  }

  static async open(port: number): Promise<WsReader> {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`, { perMessageDeflate: false });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return new WsReader(ws);
  }

  /** Resolves once `count` measured events arrived, or after `timeoutMs` (late or lost events are counted as such). */
  async drain(count: number, timeoutMs: number): Promise<void> {
    if (this.received.measure >= count) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.waiter = {
        target: count,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
    });
    this.waiter = null;
  }

  close(): void {
    this.ws.terminate();
  }

  private onMessage(text: string): void {
    const now = performance.now();
    this.messages++;
    let msg: WsMessage;
    try {
      msg = JSON.parse(text) as WsMessage;
    } catch {
      return;
    }
    if (msg.event === 'agent:heartbeat' && this.agentIds.has(msg.data?.agentId ?? '')) this.heartbeats++;
    const stamp =
      msg.event === 'instance:log'
        ? readStamp(msg.data?.message)
        : msg.event === 'instance:status_changed'
          ? readStamp(msg.data?.reason)
          : null;
    if (!stamp) return;
    this.received[stamp.phase]++;
    if (stamp.phase !== 'measure') return;
    this.latenciesMs.push(now - stamp.sentMs);
    if (this.waiter && this.received.measure >= this.waiter.target) this.waiter.resolve();
  }
}
