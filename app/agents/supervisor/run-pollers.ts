import type { Logger } from '../../logger.ts';
import { ChatPoller } from './chat-poller.ts';
import { RconPoller } from './rcon-poller.ts';
import type { ServerRun } from './server-run.ts';

/** How often a RUNNING server is asked who is online (ListPlayers); SupervisorTimeouts.playersPollMs overrides it. */
export const PLAYERS_POLL_MS = 30_000;

export interface RunPollerDeps {
  chatPollMs: number;
  playersPollMs: number;
  /** RUNNING and still this instance's current run. */
  active: () => boolean;
  finished: () => boolean;
  onChatLine: (message: string) => void;
  /** ListPlayers, applied to the run (the supervisor's askPlayers). */
  askPlayers: () => Promise<unknown>;
  logger: Logger;
}

/**
 * What a running server is asked over RCON on its own: new chat (GetChat, every few seconds) and who
 * is online (ListPlayers, every half minute), the ground truth for joins and leaves that a build or a
 * language without join lines in its log would otherwise hide.
 */
export class RunPollers {
  readonly chat: ChatPoller;
  private readonly players: RconPoller;

  constructor(run: ServerRun, deps: RunPollerDeps) {
    const common = { active: deps.active, finished: deps.finished, logger: deps.logger };
    this.chat = new ChatPoller({
      ...common,
      intervalMs: deps.chatPollMs,
      getChat: () => run.rcon().send('GetChat'),
      onLine: deps.onChatLine,
    });
    this.players = new RconPoller({
      ...common,
      intervalMs: deps.playersPollMs,
      what: 'ListPlayers',
      poll: async () => void (await deps.askPlayers()),
    });
    this.chat.start();
    this.players.start();
  }

  stop(): void {
    this.chat.stop();
    this.players.stop();
  }
}
