import { runAgent } from './agent-main.ts';

/** `npm run agent`: the remote agent (docs/agent-channel.md). */
process.exit(await runAgent(process.argv.slice(2)));
