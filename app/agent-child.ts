/**
 * The remote agent as a child of the desktop app in agent mode (main/agent-shell.ts): bundled as
 * out/main/agent.js and run in Electron's utilityProcess (or a Node fork in tests). Same agent as
 * `npm run agent`, plus the process channel: Windows cannot send a child SIGTERM, so the parent
 * asks with `{v:1, type:'shutdown'}` and the agent stops exactly as on SIGTERM (its servers keep
 * running). `session-end` (a log-off, a shutdown) stops it the same way.
 */
import { runAgent } from './agent-main.ts';
import { createLogger } from './logger.ts';
import { connectParent } from './process-channel-host.ts';

const stop = new AbortController();
// Only for channel messages that do not parse: the agent's own log is set up by runAgent.
const channel = connectParent(createLogger({ level: 'warn' }));
channel?.onMessage((message) => {
  if (message.type === 'shutdown' || message.type === 'session-end') stop.abort();
});
// A Node parent that went away cannot ask any more (Electron ends a utility process with its parent).
channel?.onDisconnect(() => stop.abort());

process.exit(await runAgent(process.argv.slice(2), { signal: stop.signal }));
