import { InstanceIdParams } from '../dto/instance.ts';
import { PlayerIdList, PlayerListBody, PlayerListParams } from '../dto/player-list.ts';
import { PlayerActionBody, RconResponse } from '../dto/rcon.ts';
import { defineRoute } from './route.ts';

/** Unban (the way back from ban) and the id lists ARK reads from files. */
export const playerRoutes = {
  unbanPlayer: defineRoute({
    method: 'post',
    path: '/api/v1/instances/:id/players/unban',
    summary: 'Lift a ban by platform id (RCON UnbanPlayer)',
    tag: 'rcon',
    params: InstanceIdParams,
    body: PlayerActionBody,
    responses: { 200: RconResponse },
  }),
  getPlayerList: defineRoute({
    method: 'get',
    path: '/api/v1/instances/:id/lists/:list',
    summary: 'The admins, exclusive-join or join-no-check id list (empty when the file does not exist)',
    tag: 'config',
    params: PlayerListParams,
    responses: { 200: PlayerIdList },
  }),
  putPlayerList: defineRoute({
    method: 'put',
    path: '/api/v1/instances/:id/lists/:list',
    summary: 'Replace an id list (one EOS id per line in the file); a running server applies it at its next start',
    tag: 'config',
    params: PlayerListParams,
    body: PlayerListBody,
    responses: { 200: PlayerIdList },
  }),
};
