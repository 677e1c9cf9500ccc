import { parseGetChatReply } from '../../domain/chat.ts';
import { RconPoller, type RconPollerOptions } from './rcon-poller.ts';

/** How often a RUNNING server is asked for new chat (RCON GetChat); SupervisorTimeouts.chatPollMs overrides it. */
export const CHAT_POLL_MS = 3000;

export interface ChatPollerOptions extends Omit<RconPollerOptions, 'poll' | 'what'> {
  getChat(): Promise<string>;
  /** One chat line, in the order the server returned them. */
  onLine(line: string): void;
}

/** Reads a server's in-game chat with GetChat. ARK consumes the lines on read, so each line is seen once. */
export class ChatPoller extends RconPoller {
  constructor(opts: ChatPollerOptions) {
    super({
      ...opts,
      what: 'GetChat',
      poll: async () => {
        for (const line of parseGetChatReply(await opts.getChat())) opts.onLine(line);
      },
    });
  }
}
