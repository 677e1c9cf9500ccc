import { ErrorCode } from '@ark-asa/contracts';
import { cleanLeftovers, type Leftover } from './agents/leftovers.ts';
import type { LogSink } from './agents/logs/log-sink.ts';
import { formatBytes } from './domain/steamcmd/disk-progress.ts';
import type { EventBus } from './events/event-bus.ts';
import type { Logger } from './logger.ts';

export interface LeftoversReportDeps {
  dataRoot: string;
  logger: Logger;
  logs: LogSink;
  bus: EventBus;
  instanceExists: (id: string) => boolean;
  now: string;
}

const describe = (l: Leftover) => `${l.what} ${l.path} (${formatBytes(l.bytes)})`;

/**
 * Cleans what interrupted jobs left and says so where a user looks: the manager log, the log of the
 * instance concerned, and one system:error (returned as an announcement, published once a client
 * can hear it). Never fails the start: a leftover that cannot be removed is only reported.
 */
export async function cleanAndReportLeftovers(deps: LeftoversReportDeps): Promise<(() => void)[]> {
  let found: Leftover[];
  try {
    found = await cleanLeftovers(deps.dataRoot);
  } catch (err) {
    deps.logger.warn({ err }, 'could not look for the leftovers of interrupted jobs');
    return [];
  }
  if (!found.length) return [];
  for (const l of found) {
    const text = l.removed
      ? `Removed the ${describe(l)} that an interrupted job left`
      : `Kept the ${describe(l)} that an interrupted job left: ${l.keptBecause}`;
    deps.logger.warn({ path: l.path, bytes: l.bytes, removed: l.removed, instanceId: l.instanceId }, text);
    if (l.instanceId && deps.instanceExists(l.instanceId))
      deps.logs.append(l.instanceId, { level: 'WARN', source: 'manager', message: text });
  }
  const removed = found.filter((l) => l.removed);
  const kept = found.filter((l) => !l.removed);
  const freed = removed.reduce((sum, l) => sum + l.bytes, 0);
  const message = [
    removed.length
      ? `Removed ${removed.length} leftover(s) of interrupted jobs (${formatBytes(freed)}): ${removed.map(describe).join('; ')}`
      : '',
    kept.length ? `Kept ${kept.length}: ${kept.map((l) => `${describe(l)}, ${l.keptBecause}`).join('; ')}` : '',
  ]
    .filter(Boolean)
    .join('. ');
  return [
    () =>
      deps.bus.publish('system:error', { code: ErrorCode.INTERRUPTED, message, subjectId: null, timestamp: deps.now }),
  ];
}
