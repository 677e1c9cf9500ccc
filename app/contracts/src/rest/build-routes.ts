import { z } from 'zod';
import { BuildList, HostBody, HostQuery, InstallBuildBody } from '../dto/build.ts';
import { JobAccepted } from '../dto/job.ts';
import { defineRoute } from './route.ts';

export const BuildIdParams = z.object({ buildId: z.string().regex(/^\d{1,20}$/, 'A Steam build id is a number') });

export const buildRoutes = {
  listBuilds: defineRoute({
    method: 'get',
    path: '/api/v1/builds',
    summary: 'Installed server builds, which instances use each, and the build Steam serves (latestBuildId)',
    tag: 'builds',
    query: HostQuery,
    responses: { 200: BuildList },
  }),
  installBuild: defineRoute({
    method: 'post',
    path: '/api/v1/builds/install',
    summary:
      'Install the build Steam serves (newer or rolled back) into the build cache (job INSTALL_BUILD; result { buildId, installPath })',
    tag: 'builds',
    body: InstallBuildBody,
    responses: { 202: JobAccepted },
  }),
  checkLatestBuild: defineRoute({
    method: 'post',
    path: '/api/v1/builds/check',
    summary:
      'Ask Steam which build it serves on the public branch, newer or rolled back (job CHECK_LATEST_BUILD; result { latestBuildId })',
    tag: 'builds',
    body: HostBody,
    responses: { 202: JobAccepted },
  }),
  deleteBuild: defineRoute({
    method: 'delete',
    path: '/api/v1/builds/:buildId',
    summary: 'Delete an installed build no instance uses (job DELETE_BUILD; 409 while in use)',
    tag: 'builds',
    params: BuildIdParams,
    query: HostQuery,
    responses: { 202: JobAccepted },
  }),
  installSteamcmd: defineRoute({
    method: 'post',
    path: '/api/v1/steamcmd/install',
    summary:
      "Windows: download Valve's steamcmd.zip into <dataRoot>/runtime/steamcmd and use it (job INSTALL_STEAMCMD)",
    tag: 'builds',
    body: HostBody,
    responses: { 202: JobAccepted },
  }),
};
