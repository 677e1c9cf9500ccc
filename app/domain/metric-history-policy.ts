import type { MetricRange } from '@ark-asa/contracts';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** Resolution 0 is the raw heartbeat sample; the others are bucket widths in seconds. */
export const RAW = 0;

/** One stored resolution: how long it is kept, and which finer resolution it is rolled up from. */
export interface HistoryTier {
  resolutionSec: number;
  keepMs: number;
  rolledFrom: number | null;
}

/**
 * What is kept (docs/history.md): raw samples for a day, 5-minute buckets for a week, hourly
 * buckets for 90 days. Coarser tiers come after the tier they are rolled up from.
 */
export const HISTORY_TIERS: readonly HistoryTier[] = [
  { resolutionSec: RAW, keepMs: DAY_MS, rolledFrom: null },
  { resolutionSec: 300, keepMs: 7 * DAY_MS, rolledFrom: RAW },
  { resolutionSec: 3600, keepMs: 90 * DAY_MS, rolledFrom: 300 },
];

/** Roll-up and prune run at most this often: the 5-minute tier lags by no more than this. */
export const MAINTENANCE_EVERY_MS = 5 * MINUTE_MS;

/** How a range is read: which tier (its missing tail filled from raw samples) and the point width. */
export interface RangePlan {
  spanMs: number;
  /** The stored tier the points come from. */
  tier: number;
  /** Width of a returned point in ms; null: one point per raw sample. */
  bucketMs: number | null;
}

/** A few hundred points per chart at most: enough for a small chart, little JSON. */
export const RANGE_PLANS: Record<MetricRange, RangePlan> = {
  '1h': { spanMs: HOUR_MS, tier: RAW, bucketMs: null },
  '24h': { spanMs: DAY_MS, tier: RAW, bucketMs: 5 * MINUTE_MS },
  '7d': { spanMs: 7 * DAY_MS, tier: 300, bucketMs: 30 * MINUTE_MS },
  '30d': { spanMs: 30 * DAY_MS, tier: 3600, bucketMs: 2 * HOUR_MS },
};
