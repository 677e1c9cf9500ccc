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
  /**
   * `append` for a line that costs something to make: the sink calls `make` (at most once, before
   * it returns) only when it keeps the line, not when `source` is over its rate limit. `make` must
   * give a line of that `source`. Optional: without it, the caller makes the line and appends it.
   */
  appendLazy?(instanceId: string, source: LogSource, make: () => LogLineInput): void;
  /**
   * For a caller whose last `appendLazy` of `source` was refused (its `make` was not called): `count`
   * more lines of `source` it read since, counted as skipped in one call instead of offered one by
   * one, so a flooding source's refused lines cost no line objects. They join the skip count of the
   * limit's current window. Returns whether the sink still refuses `source` now; when false, offer
   * the next lines one by one again. Optional: without it, every line is offered.
   */
  skipMany?(instanceId: string, source: LogSource, count: number): boolean;
}
