/** Why a job's signal was aborted: a user cancelled it, or the manager is shutting down. */
export class AbortReason extends Error {
  constructor(readonly kind: 'cancelled' | 'shutdown') {
    super(kind === 'cancelled' ? 'The job was cancelled' : 'The manager is shutting down');
    this.name = 'AbortError';
  }
}

/** A shutdown leaves servers as they are; only a user's cancel undoes what a job started. */
export function isShutdown(signal: AbortSignal): boolean {
  return signal.reason instanceof AbortReason && signal.reason.kind === 'shutdown';
}
