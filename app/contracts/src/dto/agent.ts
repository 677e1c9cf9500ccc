import { z } from 'zod';
import { Id, IsoDateTime } from '../common.ts';

export const AgentStatus = z.enum(['ONLINE', 'OFFLINE']);
export type AgentStatus = z.infer<typeof AgentStatus>;

export const HostMetrics = z
  .object({
    cpuPercent: z.number().min(0).max(100),
    cpuCount: z.int().min(1),
    memoryTotalBytes: z.number().nonnegative(),
    memoryUsedBytes: z.number().nonnegative(),
    diskFreeBytes: z.number().nonnegative().describe('Free space on the volume of the data root'),
    diskTotalBytes: z.number().nonnegative(),
    uptimeSec: z.number().nonnegative(),
  })
  .meta({ id: 'HostMetrics' });
export type HostMetrics = z.infer<typeof HostMetrics>;

export const Agent = z
  .object({
    id: Id,
    name: z.string(),
    kind: z.enum(['local', 'remote']),
    status: AgentStatus,
    hostname: z.string(),
    platform: z.string().describe('process.platform of the host: win32, linux, …'),
    version: z.string().describe('Manager version running the agent'),
    registeredAt: IsoDateTime,
    lastHeartbeatAt: IsoDateTime.nullable(),
    metrics: HostMetrics.nullable(),
  })
  .meta({ id: 'Agent' });
export type Agent = z.infer<typeof Agent>;
