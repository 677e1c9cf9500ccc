import type { LogLevel, LogSource } from '@ark-asa/contracts';

/** One line for an instance's log, before it gets its seq. */
export interface LogLineInput {
  level: LogLevel;
  source: LogSource;
  message: string;
  /** ISO-8601; the time of appending when absent. */
  timestamp?: string;
}

/**
 * Where lines of an instance's log go (LogService implements it). Agents depend on this interface,
 * not on the service, so the layer rules hold: services import agents, never the other way round.
 */
export interface LogSink {
  append(instanceId: string, line: LogLineInput): void;
}
