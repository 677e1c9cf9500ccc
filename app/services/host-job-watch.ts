import { ErrorCode, type ErrorInfo, type JobStatus, type WSEvent } from '@ark-asa/contracts';
import type { JobControl } from '../agents/supervisor/supervisor.ts';
import { AppError, knownErrorCode } from '../domain/app-error.ts';

/** A host's job as the mirror holds it, once it has ended. */
export interface EndedJob {
  status: JobStatus;
  error: ErrorInfo | null;
  result: unknown;
}

export interface HostJobWatchDeps {
  subscribe: (listener: (event: WSEvent) => void) => () => void;
  /** The mirrored job if it has already ended (its events may have arrived before the host's answer). */
  ended: (jobId: string) => EndedJob | null;
}

/**
 * Follows one job of a remote host through the mirrored events on the bus until it ends. Opened
 * before the call that creates the job, so no event is missed between the host's answer and the
 * wait; events of other jobs are dropped.
 */
export class HostJobWatch {
  private readonly seen: WSEvent[] = [];
  private readonly unsubscribe: () => void;
  private onEvent: ((event: WSEvent) => void) | null = null;

  constructor(
    private readonly deps: HostJobWatchDeps,
    private readonly host: { id: string; name: string },
  ) {
    this.unsubscribe = deps.subscribe((event) => (this.onEvent ? this.onEvent(event) : this.seen.push(event)));
  }

  /** The job's result, or its host's error; rejects when the host goes offline first or `ctl` is aborted. */
  until(jobId: string, ctl: JobControl): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const fail = (code: ErrorCode, message: string) => reject(new AppError(code, message));
      const handle = (event: WSEvent) => this.handle(event, jobId, ctl, { resolve, fail });
      this.onEvent = handle;
      for (const event of this.seen.splice(0)) handle(event);
      const ended = this.deps.ended(jobId);
      if (ended) this.settle(ended, { resolve, fail });
      ctl.signal.addEventListener('abort', () => reject(ctl.signal.reason as Error), { once: true });
    });
  }

  close(): void {
    this.unsubscribe();
  }

  private handle(event: WSEvent, jobId: string, ctl: JobControl, out: Outcome): void {
    const name = `Host "${this.host.name}"`;
    switch (event.event) {
      case 'job:progress':
        if (event.data.jobId === jobId) ctl.progress(event.data.percent, `${name}: ${event.data.message}`);
        return;
      case 'job:completed':
        if (event.data.jobId === jobId) out.resolve(event.data.result);
        return;
      case 'job:failed':
        if (event.data.jobId === jobId) this.settle({ status: 'FAILED', error: event.data.error, result: null }, out);
        return;
      case 'job:cancelled':
        if (event.data.jobId === jobId) out.fail(ErrorCode.INTERRUPTED, `${name}: the job was cancelled there`);
        return;
      case 'agent:offline':
        if (event.data.agentId === this.host.id) {
          out.fail(
            ErrorCode.AGENT_OFFLINE,
            `${name} went offline before its job ended: the server's true state is reported when it reconnects`,
          );
        }
        return;
      default:
        return;
    }
  }

  private settle(ended: EndedJob, out: Outcome): void {
    if (ended.status === 'COMPLETED') return out.resolve(ended.result);
    const error = ended.error ?? { code: ErrorCode.INTERRUPTED, message: `the job ended ${ended.status}` };
    const code = knownErrorCode(error.code, ErrorCode.JOB_HANDLER_FAILED);
    out.fail(code, `Host "${this.host.name}": ${error.message}`);
  }
}

interface Outcome {
  resolve: (result: unknown) => void;
  fail: (code: ErrorCode, message: string) => void;
}
