/**
 * In-game chat as RCON `GetChat` returns it: the lines said since the previous GetChat (the server
 * consumes them on read), one per line, `Name (Character): message` for players and
 * `SERVER: message` for ServerChat. With nothing new, ARK answers its generic
 * `Server received, But no response!!` (docs/ark-facts.md#rcon-commands).
 */
const NO_RESPONSE = 'Server received, But no response!!';

/** The chat lines of one GetChat reply, oldest first, trimmed; none for the no-response text. */
export function parseGetChatReply(reply: string): string[] {
  return reply
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0 && line !== NO_RESPONSE);
}

/** The RCON command that says `message` in chat as SERVER; the body contract already refused control characters. */
export function serverChatCommand(message: string): string {
  return `ServerChat ${message.trim()}`;
}
