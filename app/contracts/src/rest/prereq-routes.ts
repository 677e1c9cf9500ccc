import { HostQuery } from '../dto/build.ts';
import { JobAccepted } from '../dto/job.ts';
import { HostPrerequisites, InstallPrerequisitesBody } from '../dto/prereqs.ts';
import { defineRoute } from './route.ts';

/** Windows prerequisites of the server on this host (docs/windows-prerequisites.md). */
export const prereqRoutes = {
  getHostPrerequisites: defineRoute({
    method: 'get',
    path: '/api/v1/host/prerequisites',
    summary:
      'The Visual C++ 2015–2022 x64 runtime, the DirectX (June 2010) runtime and the Amazon certificates the server needs on Windows; not-applicable elsewhere',
    tag: 'host',
    query: HostQuery,
    responses: { 200: HostPrerequisites },
  }),
  installHostPrerequisites: defineRoute({
    method: 'post',
    path: '/api/v1/host/prerequisites/install',
    summary:
      'Installs the named prerequisites as administrator (the user sees a UAC prompt); needs consent: true. Answers 202 with the job',
    tag: 'host',
    body: InstallPrerequisitesBody,
    responses: { 202: JobAccepted },
  }),
};
