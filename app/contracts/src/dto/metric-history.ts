import { z } from 'zod';
import { Id, IsoDateTime } from '../common.ts';

/** What a history is about: a host (agent id) or a server (instance id). */
export const MetricSubject = z.enum(['host', 'instance']);
export type MetricSubject = z.infer<typeof MetricSubject>;

/** How far back a chart looks; the server picks the resolution (docs/history.md). */
export const MetricRange = z.enum(['1h', '24h', '7d', '30d']);
export type MetricRange = z.infer<typeof MetricRange>;

export const MetricHistoryQuery = z.object({
  subject: MetricSubject,
  id: Id,
  range: MetricRange.default('24h'),
});
export type MetricHistoryQuery = z.infer<typeof MetricHistoryQuery>;

export const MetricRangeQuery = z.object({ range: MetricRange.default('24h') });

export const MetricPoint = z
  .object({
    t: IsoDateTime.describe('Start of the bucket (or time of the sample at full resolution)'),
    cpuPercent: z.number().nonnegative().nullable().describe('Average over the bucket; null when not measured'),
    cpuMaxPercent: z.number().nonnegative().nullable(),
    memoryBytes: z.number().nonnegative().nullable().describe('Average over the bucket (host: used memory)'),
    memoryMaxBytes: z.number().nonnegative().nullable(),
    memoryTotalBytes: z.number().nonnegative().nullable().optional().describe('Host only: installed memory'),
    players: z.number().nonnegative().nullable().optional().describe('Server only: average players online'),
    playersMax: z.int().nonnegative().nullable().optional(),
  })
  .meta({ id: 'MetricPoint' });
export type MetricPoint = z.infer<typeof MetricPoint>;

export const MetricHistory = z
  .object({
    subject: MetricSubject,
    id: Id,
    range: MetricRange,
    resolutionSec: z.number().positive().describe('Width of one point; the heartbeat interval at full resolution'),
    points: z.array(MetricPoint).describe('Oldest first; buckets without samples are absent'),
  })
  .meta({ id: 'MetricHistory' });
export type MetricHistory = z.infer<typeof MetricHistory>;
