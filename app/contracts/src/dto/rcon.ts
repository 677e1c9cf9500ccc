/* eslint-disable no-control-regex -- refusing control characters is the point of these patterns */
import { z } from 'zod';

const NO_CONTROL = /^[^\u0000-\u001f\u007f]*$/;

export const RconCommandBody = z
  .strictObject({
    command: z
      .string()
      .trim()
      .min(1, 'Type a command')
      .max(1000)
      .regex(NO_CONTROL, 'One line, without control characters'),
  })
  .meta({ id: 'RconCommandBody' });
export type RconCommandBody = z.infer<typeof RconCommandBody>;

export const RconResponse = z.object({ response: z.string() }).meta({ id: 'RconResponse' });
export type RconResponse = z.infer<typeof RconResponse>;

export const Player = z
  .object({
    name: z.string(),
    platformId: z.string().describe('32-hex EOS id; what KickPlayer and BanPlayer take'),
  })
  .meta({ id: 'Player' });
export type Player = z.infer<typeof Player>;

export const PlayerList = z.object({ items: z.array(Player) }).meta({ id: 'PlayerList' });
export type PlayerList = z.infer<typeof PlayerList>;

export const BroadcastBody = z
  .strictObject({
    message: z
      .string()
      .trim()
      .min(1, 'Type a message')
      .max(500)
      .regex(NO_CONTROL, 'One line, without control characters'),
  })
  .meta({ id: 'BroadcastBody' });
export type BroadcastBody = z.infer<typeof BroadcastBody>;

export const PlayerActionBody = z
  .strictObject({ platformId: z.string().regex(/^[0-9a-fA-F]{32}$/, 'A player id is 32 hex characters (EOS id)') })
  .meta({ id: 'PlayerActionBody' });
export type PlayerActionBody = z.infer<typeof PlayerActionBody>;

/** ARK shows chat lines of any length, but a long one scrolls away unread; 300 is the manager's limit. */
export const CHAT_MESSAGE_MAX = 300;

export const ChatMessageBody = z
  .strictObject({
    message: z
      .string()
      .trim()
      .min(1, 'Type a message')
      .max(CHAT_MESSAGE_MAX, `At most ${CHAT_MESSAGE_MAX} characters`)
      .regex(NO_CONTROL, 'One line, without control characters'),
  })
  .meta({ id: 'ChatMessageBody' });
export type ChatMessageBody = z.infer<typeof ChatMessageBody>;
