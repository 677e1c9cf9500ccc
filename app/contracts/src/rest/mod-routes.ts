import { CurseForgeKeyState, InstanceMods, ModUpdateCheck, PutCurseForgeKeyBody } from '../dto/mod.ts';
import { InstanceIdParams } from '../dto/instance.ts';
import { defineRoute } from './route.ts';

export const modRoutes = {
  getInstanceMods: defineRoute({
    method: 'get',
    path: '/api/v1/instances/:id/mods',
    summary:
      'The instance’s mods and passive mods in order, with CurseForge names (cached; refreshed when stale), installed file ids and updateAvailable',
    tag: 'mods',
    params: InstanceIdParams,
    responses: { 200: InstanceMods },
  }),
  refreshInstanceMods: defineRoute({
    method: 'post',
    path: '/api/v1/instances/:id/mods/refresh',
    summary: 'Ask CurseForge now about this instance’s mods, then answer as GET …/mods',
    tag: 'mods',
    params: InstanceIdParams,
    responses: { 200: InstanceMods },
  }),
  checkModUpdates: defineRoute({
    method: 'post',
    path: '/api/v1/mods/check',
    summary: 'Run the periodic check now: new mod files for running instances are logged and notified once',
    tag: 'mods',
    responses: { 200: ModUpdateCheck },
  }),
  getCurseForgeKey: defineRoute({
    method: 'get',
    path: '/api/v1/mods/curseforge-key',
    summary: 'Whether a CurseForge API key is stored (masked, never in full)',
    tag: 'mods',
    responses: { 200: CurseForgeKeyState },
  }),
  putCurseForgeKey: defineRoute({
    method: 'put',
    path: '/api/v1/mods/curseforge-key',
    summary: 'Store the CurseForge API key (null removes it; the mask keeps it)',
    tag: 'mods',
    body: PutCurseForgeKeyBody,
    responses: { 200: CurseForgeKeyState },
  }),
};
