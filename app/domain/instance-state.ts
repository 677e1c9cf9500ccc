import type { InstanceStatus } from '@ark-asa/contracts';
import { AppError } from './app-error.ts';

/**
 * The closed state machine of an instance (docs/architecture.md#the-model, wings `SetState`): every status
 * change goes through `assertTransition`, so an impossible sequence (RUNNING → STARTING, a crash
 * while STOPPED) is a bug that fails loudly instead of a state a client would believe.
 */
const TRANSITIONS: Record<InstanceStatus, readonly InstanceStatus[]> = {
  NOT_INSTALLED: ['STOPPED', 'UPDATING'],
  // STOPPED → STARTING (start), UPDATING (switch build), NOT_INSTALLED (its build went away).
  STOPPED: ['STARTING', 'UPDATING', 'NOT_INSTALLED'],
  // STARTING → RUNNING (advertising / RCON answers), STOPPING (stop requested), CRASHED (died),
  // STOPPED (the process could not even be spawned).
  STARTING: ['RUNNING', 'STOPPING', 'CRASHED', 'STOPPED'],
  RUNNING: ['STOPPING', 'CRASHED'],
  // A process that dies during a requested stop has stopped, not crashed.
  STOPPING: ['STOPPED'],
  CRASHED: ['STARTING', 'STOPPED', 'UPDATING'],
  UPDATING: ['STOPPED', 'NOT_INSTALLED'],
};

export function canTransition(from: InstanceStatus, to: InstanceStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export function assertTransition(from: InstanceStatus, to: InstanceStatus): void {
  if (from !== to && !canTransition(from, to)) {
    throw AppError.invalidState(`An instance cannot go from ${from} to ${to}`);
  }
}

/** A server process may exist in these statuses. */
export const LIVE_STATUSES: readonly InstanceStatus[] = ['STARTING', 'RUNNING', 'STOPPING'];

/** Statuses from which a start is allowed. */
export const STARTABLE_STATUSES: readonly InstanceStatus[] = ['STOPPED', 'CRASHED'];

export const isLive = (s: InstanceStatus) => LIVE_STATUSES.includes(s);
