import type { AgentProgress, AgentResponse, ChannelError } from '@ark-asa/contracts';
import { ErrorCode } from '@ark-asa/contracts';
import { AppError, knownErrorCode } from '../../domain/app-error.ts';

export interface RequestOptions {
  timeoutMs?: number;
  onProgress?: (progress: { percent: number | null; message: string | null }) => void;
}

interface Pending {
  resolve: (result: unknown) => void;
  reject: (err: Error) => void;
  onProgress?: RequestOptions['onProgress'];
  timer: NodeJS.Timeout;
}

const DEFAULT_TIMEOUT_MS = 60_000;

/** An error the agent answered, as the control plane's own error type (its code kept when it is one of ours). */
export function channelErrorToAppError(error: ChannelError): AppError {
  return new AppError(knownErrorCode(error.code, ErrorCode.INTERNAL), error.message, {
    agentCode: error.code,
    ...(error.details === undefined ? {} : { agentDetails: error.details }),
  });
}

/** Requests sent on one connection and not answered yet, by correlation id. */
export class PendingRequests {
  private readonly pending = new Map<string, Pending>();
  private next = 0;

  /** Registers a request; returns its id and the promise of its result. */
  open(opts: RequestOptions, onTimeout: (id: string) => AppError): { id: string; result: Promise<unknown> } {
    this.next += 1;
    const id = `r${this.next}`;
    const result = new Promise<unknown>((resolve, reject) => {
      const timer = setTimeout(() => this.fail(id, onTimeout(id)), opts.timeoutMs ?? DEFAULT_TIMEOUT_MS);
      timer.unref();
      this.pending.set(id, { resolve, reject, onProgress: opts.onProgress, timer });
    });
    return { id, result };
  }

  settle(response: AgentResponse): boolean {
    const p = this.take(response.id);
    if (!p) return false;
    if (response.ok) p.resolve(response.result);
    else p.reject(channelErrorToAppError(response.error));
    return true;
  }

  progress(message: AgentProgress): void {
    this.pending.get(message.id)?.onProgress?.({ percent: message.percent, message: message.message });
  }

  fail(id: string, err: Error): void {
    this.take(id)?.reject(err);
  }

  failAll(err: Error): void {
    for (const id of [...this.pending.keys()]) this.fail(id, err);
  }

  get size(): number {
    return this.pending.size;
  }

  private take(id: string): Pending | undefined {
    const p = this.pending.get(id);
    if (!p) return undefined;
    clearTimeout(p.timer);
    this.pending.delete(id);
    return p;
  }
}
