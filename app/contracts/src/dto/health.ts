import { z } from 'zod';

export const DiskHealth = z
  .object({
    dataRootFreeBytes: z
      .number()
      .nonnegative()
      .nullable()
      .describe('Free space where builds, saves and logs live; null when it cannot be read'),
    low: z
      .boolean()
      .describe('True when the free space is below the safety margin: installs, saves and backups may fail'),
  })
  .meta({ id: 'DiskHealth' });
export type DiskHealth = z.infer<typeof DiskHealth>;

export const Health = z
  .object({
    status: z.literal('ok'),
    version: z.string(),
    protocolVersion: z.literal('V1'),
    uptimeSec: z.number().nonnegative(),
    disk: DiskHealth,
  })
  .meta({ id: 'Health' });
export type Health = z.infer<typeof Health>;
