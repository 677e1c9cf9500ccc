// RCON commands and their reply texts (docs/ark-facts.md#ark-rcon-quirks, #rcon-commands). ARK replies end in " \n".
import type { RconReplyVariant } from './control.ts';
import { listPlayersText } from './players.ts';
import type { OnlinePlayer } from './players.ts';

export const NO_RESPONSE = 'Server received, But no response!!';

/** What the command layer needs from the running server. */
export interface CommandTarget {
  players(): OnlinePlayer[];
  saveWorld(): Promise<void>;
  /** Saves, then exits shortly after unless the control says to ignore DoExit. */
  doExit(): Promise<void>;
  serverChat(message: string): void;
  kick(id: string): void;
  ban(id: string): void;
  unban(id: string): void;
  /** Game-log lines not yet fetched. */
  takeGameLog(): string[];
  /** Chat lines said since the last GetChat. */
  takeChat(): string[];
  replies(): { saveWorld: RconReplyVariant; doExit: RconReplyVariant; listPlayers: 'list' | 'no-response' | 'silent' };
}

function reply(text: string): string {
  return `${text} \n`;
}

function splitCommand(line: string): [string, string] {
  const m = /^(\S+)\s*(.*)$/s.exec(line);
  return m ? [(m[1] ?? '').toLowerCase(), (m[2] ?? '').trim()] : ['', ''];
}

/** Kick/Ban/Unban reply texts are unverified (§4.3, §8.8): answered with the generic text. */
function playerCommand(target: CommandTarget, name: string, arg: string): string {
  const id = arg.replace(/^"|"$/g, '');
  if (name === 'kickplayer') target.kick(id);
  if (name === 'banplayer') target.ban(id);
  if (name === 'unbanplayer') target.unban(id);
  return reply(NO_RESPONSE);
}

function listPlayers(target: CommandTarget): Promise<string> {
  const mode = target.replies().listPlayers;
  // A server that never answers: the client's timeout is what the manager sees.
  if (mode === 'silent') return new Promise<string>(() => undefined);
  return Promise.resolve(reply(mode === 'no-response' ? NO_RESPONSE : listPlayersText(target.players())));
}

export async function executeCommand(target: CommandTarget, line: string): Promise<string> {
  const [name, arg] = splitCommand(line);
  switch (name) {
    case 'listplayers':
      return listPlayers(target);
    case 'saveworld':
      await target.saveWorld();
      return reply(target.replies().saveWorld === 'text' ? 'World Saved' : NO_RESPONSE);
    case 'doexit':
      await target.doExit();
      return reply(target.replies().doExit === 'text' ? 'Exiting...' : NO_RESPONSE);
    case 'serverchat':
      target.serverChat(arg);
      return reply(NO_RESPONSE);
    case 'kickplayer':
    case 'banplayer':
    case 'unbanplayer':
      return playerCommand(target, name, arg);
    case 'getgamelog': {
      const lines = target.takeGameLog();
      return reply(lines.length > 0 ? lines.join('\n') : NO_RESPONSE);
    }
    case 'getchat': {
      const lines = target.takeChat();
      return reply(lines.length > 0 ? lines.join('\n') : NO_RESPONSE);
    }
    default:
      // Broadcast and every unknown command (ping, help, ...) get the generic text (conqp/rcon #21).
      return reply(NO_RESPONSE);
  }
}
