import { z } from 'zod';
import { ConfigFileParams, ConfigFileText } from '../dto/config-file.ts';
import {
  Instance,
  InstanceIdParams,
  StopInstanceBody,
  UnconfirmedProcessBody,
  UpdateInstanceBuildBody,
} from '../dto/instance.ts';
import { JobAccepted } from '../dto/job.ts';
import { LogEntry, LogListQuery } from '../dto/log-entry.ts';
import {
  BroadcastBody,
  ChatMessageBody,
  PlayerActionBody,
  PlayerList,
  RconCommandBody,
  RconResponse,
} from '../dto/rcon.ts';
import { defineRoute } from './route.ts';

/** A POST that answers 202 with a job; `body` is the schema of its (optional) JSON body. */
function job<const B extends z.ZodType = z.ZodUndefined>(path: string, summary: string, body?: B) {
  return defineRoute({
    method: 'post',
    path,
    summary,
    tag: 'lifecycle',
    params: InstanceIdParams,
    body: body as B,
    responses: { 202: JobAccepted },
  });
}

export const lifecycleRoutes = {
  startInstance: job(
    '/api/v1/instances/:id/start',
    'Start the server (job START_INSTANCE; completes when it is RUNNING)',
  ),
  stopInstance: job(
    '/api/v1/instances/:id/stop',
    'Stop the server: warn players, save, exit, kill only as the last resort (job STOP_INSTANCE)',
    StopInstanceBody,
  ),
  restartInstance: job(
    '/api/v1/instances/:id/restart',
    'Stop then start the server (job RESTART_INSTANCE)',
    StopInstanceBody,
  ),
  updateInstanceBuild: job(
    '/api/v1/instances/:id/update',
    'Switch the instance to another installed build, newest by default; restarts it if it was running (job UPDATE_INSTANCE)',
    UpdateInstanceBuildBody,
  ),
  resolveUnconfirmedProcess: defineRoute({
    method: 'post',
    path: '/api/v1/instances/:id/unconfirmed-process',
    summary:
      "Decide about a process that may be this server (the instance's attention): adopt it or end it; 404 when there is none",
    tag: 'lifecycle',
    params: InstanceIdParams,
    body: UnconfirmedProcessBody,
    responses: { 200: Instance },
  }),
  rcon: defineRoute({
    method: 'post',
    path: '/api/v1/instances/:id/rcon',
    summary: 'Run an RCON command (409 when the server is not running)',
    tag: 'rcon',
    params: InstanceIdParams,
    body: RconCommandBody,
    responses: { 200: RconResponse },
  }),
  listPlayers: defineRoute({
    method: 'get',
    path: '/api/v1/instances/:id/players',
    summary: 'Players online (RCON ListPlayers); empty when the server is not running',
    tag: 'rcon',
    params: InstanceIdParams,
    responses: { 200: PlayerList },
  }),
  broadcast: defineRoute({
    method: 'post',
    path: '/api/v1/instances/:id/broadcast',
    summary: 'Show a message to everyone in game (RCON Broadcast)',
    tag: 'rcon',
    params: InstanceIdParams,
    body: BroadcastBody,
    responses: { 200: RconResponse },
  }),
  sendChat: defineRoute({
    method: 'post',
    path: '/api/v1/instances/:id/chat',
    summary: 'Say something in the in-game chat as SERVER (RCON ServerChat; 409 when the server is not running)',
    tag: 'rcon',
    params: InstanceIdParams,
    body: ChatMessageBody,
    responses: { 200: RconResponse },
  }),
  kickPlayer: defineRoute({
    method: 'post',
    path: '/api/v1/instances/:id/players/kick',
    summary: 'Kick a player by platform id (RCON KickPlayer)',
    tag: 'rcon',
    params: InstanceIdParams,
    body: PlayerActionBody,
    responses: { 200: RconResponse },
  }),
  banPlayer: defineRoute({
    method: 'post',
    path: '/api/v1/instances/:id/players/ban',
    summary: 'Ban a player by platform id (RCON BanPlayer)',
    tag: 'rcon',
    params: InstanceIdParams,
    body: PlayerActionBody,
    responses: { 200: RconResponse },
  }),
  listLogs: defineRoute({
    method: 'get',
    path: '/api/v1/instances/:id/logs',
    summary: 'Stored log lines, newest last; page back with ?before=<seq of the oldest line you have>',
    tag: 'logs',
    params: InstanceIdParams,
    query: LogListQuery,
    responses: { 200: z.object({ items: z.array(LogEntry), nextCursor: z.string().nullable() }) },
  }),
  getConfigFile: defineRoute({
    method: 'get',
    path: '/api/v1/instances/:id/config/:file',
    summary: 'GameUserSettings.ini or Game.ini as text',
    tag: 'config',
    params: ConfigFileParams,
    contentType: 'text',
    responses: { 200: ConfigFileText },
  }),
  putConfigFile: defineRoute({
    method: 'put',
    path: '/api/v1/instances/:id/config/:file',
    summary:
      'Replace GameUserSettings.ini or Game.ini (text/plain; 409 while the server runs, since it rewrites the file on exit)',
    tag: 'config',
    params: ConfigFileParams,
    body: ConfigFileText,
    contentType: 'text',
    responses: { 200: ConfigFileText },
  }),
};
