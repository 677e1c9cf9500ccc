import { AGENT_CHANNEL_VERSION, type AgentMessage, type Job, type WSEvent } from '@ark-asa/contracts';
import type { Logger } from '../../logger.ts';
import type { EmbeddedPlane, InstanceMetrics } from './embedded-plane.ts';

/** Where the forwarder writes: the current session's socket. */
export interface ChannelOutput {
  send(message: AgentMessage): void;
  /** Bytes queued on the socket and not yet written to the network. */
  bufferedAmount(): number;
  isOpen(): boolean;
}

/** Past this much unsent data, log lines are dropped (state events never are). */
export const LOG_DROP_BYTES = 4 * 1024 * 1024;

/**
 * Sends every event of the embedded manager's bus to the control plane as `kind: 'bus'`, in the
 * order the bus published them, while a session is welcomed. `agent:*` events are the embedded
 * manager's own idea of a local agent and never leave the process; its heartbeat's per-server
 * metrics are kept for the channel's heartbeat instead.
 *
 * The listener runs inside the embedded bus's `publish`: it only queues on the socket (`ws.send`
 * never waits for the network), so neither the supervisor nor a request handler is held up. And
 * because a REST call's events are queued before its answer is, the control plane sees e.g.
 * `instance:created` before the relayed 201.
 */
export class EventForwarder {
  private out: ChannelOutput | null = null;
  private metrics: InstanceMetrics = [];
  private droppedLogs = 0;

  constructor(
    private readonly plane: EmbeddedPlane,
    private readonly logger: Logger,
    private readonly logDropBytes = LOG_DROP_BYTES,
  ) {}

  /** Listens to the embedded bus; returns the unsubscribe. */
  start(): () => void {
    return this.plane.subscribe((event) => this.onEvent(event));
  }

  /** From now on, events go to `out` (call after the session's snapshot was sent). */
  attach(out: ChannelOutput): void {
    this.out = out;
  }

  /** Events are dropped while no session is welcomed: the next snapshot covers the state. */
  detach(out: ChannelOutput): void {
    if (this.out === out) this.out = null;
  }

  /** The per-server metrics of the embedded manager's latest heartbeat. */
  instanceMetrics(): InstanceMetrics {
    return this.metrics;
  }

  private onEvent(event: WSEvent): void {
    if (event.event.startsWith('agent:')) {
      if (event.event === 'agent:heartbeat') this.metrics = event.data.instances;
      return;
    }
    const out = this.out;
    if (!out?.isOpen()) return;
    if (event.event === 'instance:log' && this.congested(out)) return;
    const job = 'jobId' in event.data ? this.job(event.data.jobId) : undefined;
    out.send({
      v: AGENT_CHANNEL_VERSION,
      type: 'event',
      kind: 'bus',
      event: event.event,
      data: event.data,
      ...(job ? { job } : {}),
    });
  }

  /** A slow link drops log lines (they stay in the agent's store) rather than queueing without bound. */
  private congested(out: ChannelOutput): boolean {
    if (out.bufferedAmount() <= this.logDropBytes) {
      if (this.droppedLogs > 0) {
        this.logger.warn(
          { droppedLogs: this.droppedLogs },
          'the link to the control plane caught up; forwarding log lines again',
        );
        this.droppedLogs = 0;
      }
      return false;
    }
    if (this.droppedLogs === 0) {
      this.logger.warn(
        { bufferedBytes: out.bufferedAmount() },
        'the link to the control plane is slow: dropping server log lines until it catches up',
      );
    }
    this.droppedLogs += 1;
    return true;
  }

  private job(jobId: string): Job | undefined {
    try {
      return this.plane.services.jobs.get(jobId);
    } catch {
      // Gone already (e.g. its instance was deleted): the event alone still says what happened.
      return undefined;
    }
  }
}
