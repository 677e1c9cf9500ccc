import { apiRoutes, JobAccepted, type Job } from '@ark-asa/contracts';
import { getToken } from '../../api/auth.ts';
import { ApiError, toError } from '../../api/http.ts';

/** The upload route's path for one server. */
export function uploadSavePath(instanceId: string): string {
  return apiRoutes.uploadSave.path.replace(':id', encodeURIComponent(instanceId));
}

/**
 * Sends a world .zip from this computer as the request body (docs/import.md, "Uploading a
 * world"): the browser streams the File, nothing is read into memory here. Answers the queued
 * IMPORT_SAVE job; a refusal comes back as the API's error, fields included.
 */
export async function uploadSave(instanceId: string, file: File): Promise<Job> {
  const token = getToken();
  // Named explicitly: Windows browsers would send a .zip as application/x-zip-compressed.
  const headers: Record<string, string> = { 'content-type': 'application/zip' };
  if (token) headers.authorization = `Bearer ${token}`;
  let res: Response;
  try {
    res = await fetch(uploadSavePath(instanceId), { method: 'POST', headers, body: file });
  } catch {
    throw new ApiError(
      0,
      'offline',
      'The upload did not reach the manager; it may be restarting or the connection dropped',
    );
  }
  if (!res.ok) throw await toError(res);
  return JobAccepted.parse(await res.json()).job;
}
