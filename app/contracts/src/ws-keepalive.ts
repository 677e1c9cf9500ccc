import { z } from 'zod';
import { IsoDateTime } from './common.ts';

/**
 * The hub's own keep-alive on /ws (docs/event-protocol-keepalive.md), a V1 addition that is not
 * one of the 14 events: browsers cannot see WebSocket ping frames, so a quiet stream would look
 * dead to them. Clients that only know the 14 events ignore it, as the protocol asks for unknown
 * messages; the UI restarts its silence timer on it.
 */
export const HUB_KEEPALIVE = 'hub:keepalive' as const;

export const HubKeepAlive = z
  .object({
    event: z.literal(HUB_KEEPALIVE),
    data: z.object({
      sentAt: IsoDateTime,
      intervalMs: z.int().positive().describe('The next keep-alive comes within this long'),
    }),
  })
  .meta({ id: 'HubKeepAlive' });
export type HubKeepAlive = z.infer<typeof HubKeepAlive>;
