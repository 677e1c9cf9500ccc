// `tsx sim/server-list/main.ts [port] [list.json]`: serves a stand-in server list for manual tries
// (set the manager's serverListUrl to the printed address).
import { readFileSync } from 'node:fs';
import { startServerListStandIn, type ListedServer } from './server-list-standin.ts';

const port = Number.parseInt(process.argv[2] ?? '0', 10) || 0;
const file = process.argv[3];
const servers = file ? (JSON.parse(readFileSync(file, 'utf8')) as ListedServer[]) : [];
const standIn = await startServerListStandIn(servers, port);
process.stdout.write(`Server list stand-in at ${standIn.url} (${servers.length} servers)\n`);
