import { ImportInstanceBody, ImportPreview, ImportPreviewBody, ImportSaveBody } from '../dto/instance-import.ts';
import { InstanceIdParams } from '../dto/instance.ts';
import { JobAccepted } from '../dto/job.ts';
import { defineRoute } from './route.ts';

/** Bringing existing servers and saves in (docs/import.md). */
export const importRoutes = {
  previewImport: defineRoute({
    method: 'post',
    path: '/api/v1/instances/import/preview',
    summary:
      'What importing an existing ASA folder would bring in: worlds, INI files, list files, start arguments read from a .bat/.cmd or a profile, warnings (400 naming sourcePath when the folder is missing, unreadable or not an ASA server)',
    tag: 'instances',
    body: ImportPreviewBody,
    responses: { 200: ImportPreview },
  }),
  importInstance: defineRoute({
    method: 'post',
    path: '/api/v1/instances/import',
    summary:
      'Import an existing ASA server folder as a new instance (job IMPORT_INSTANCE; result names the new instance): copied onto the installed build, or run in place. Nothing of the source is changed',
    tag: 'instances',
    body: ImportInstanceBody,
    responses: { 202: JobAccepted },
  }),
  importSave: defineRoute({
    method: 'post',
    path: '/api/v1/instances/:id/saves/import',
    summary:
      'Import a world (a folder or a .zip) into a stopped instance (job IMPORT_SAVE; 409 while it is not stopped): a safety backup first, as for a restore; the source is only read',
    tag: 'backups',
    params: InstanceIdParams,
    body: ImportSaveBody,
    responses: { 202: JobAccepted },
  }),
  uploadSave: defineRoute({
    method: 'post',
    path: '/api/v1/instances/:id/saves/upload',
    summary:
      "Upload a world as a .zip (the raw bytes as the body, Content-Type application/zip or application/octet-stream) into a stopped instance, from any PC that reaches the manager: stored in the manager's data folder, then imported as by saves/import (job IMPORT_SAVE; the upload is deleted when the job ends). 400 naming body when it is empty or not a zip with a world, 404, 409 while the instance is not stopped, 413 past 8 GiB",
    tag: 'backups',
    params: InstanceIdParams,
    contentType: 'zip',
    responses: { 202: JobAccepted },
  }),
};
