import { z } from 'zod';

export const Health = z
  .object({
    status: z.literal('ok'),
    version: z.string(),
    protocolVersion: z.literal('V1'),
    uptimeSec: z.number().nonnegative(),
  })
  .meta({ id: 'Health' });
export type Health = z.infer<typeof Health>;
