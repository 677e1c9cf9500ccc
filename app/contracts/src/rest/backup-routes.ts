import { z } from 'zod';
import { Backup, BackupIdParams, BackupList, BackupListQuery, BackupPolicy, CreateBackupBody } from '../dto/backup.ts';
import { InstanceIdParams } from '../dto/instance.ts';
import { JobAccepted } from '../dto/job.ts';
import { defineRoute } from './route.ts';

/**
 * The zip itself. The route table knows only JSON and text bodies, so the OpenAPI document shows
 * this as a string; the server sends `application/zip` as an attachment.
 */
const ZipDownload = z.string().describe('The backup archive, sent as Content-Type application/zip (attachment)');

export const backupRoutes = {
  listBackups: defineRoute({
    method: 'get',
    path: '/api/v1/instances/:id/backups',
    summary: 'Backups of the instance, newest first',
    tag: 'backups',
    params: InstanceIdParams,
    query: BackupListQuery,
    responses: { 200: BackupList },
  }),
  createBackup: defineRoute({
    method: 'post',
    path: '/api/v1/instances/:id/backups',
    summary:
      'Take a backup (job BACKUP_INSTANCE: SaveWorld when running, zip of the map save folder, profiles, tribes and INI files, verified; result BackupJobResult)',
    tag: 'backups',
    params: InstanceIdParams,
    body: CreateBackupBody,
    responses: { 202: JobAccepted },
  }),
  getBackup: defineRoute({
    method: 'get',
    path: '/api/v1/instances/:id/backups/:backupId',
    summary: 'One backup',
    tag: 'backups',
    params: BackupIdParams,
    responses: { 200: Backup },
  }),
  restoreBackup: defineRoute({
    method: 'post',
    path: '/api/v1/instances/:id/backups/:backupId/restore',
    summary:
      'Restore a backup (job RESTORE_BACKUP; 409 while the server is not stopped): a safety backup first, then the files swapped in; result RestoreResult',
    tag: 'backups',
    params: BackupIdParams,
    responses: { 202: JobAccepted },
  }),
  deleteBackup: defineRoute({
    method: 'delete',
    path: '/api/v1/instances/:id/backups/:backupId',
    summary: 'Delete one backup (its file and its record)',
    tag: 'backups',
    params: BackupIdParams,
    responses: { 204: null },
  }),
  downloadBackup: defineRoute({
    method: 'get',
    path: '/api/v1/instances/:id/backups/:backupId/download',
    summary: 'Download the zip (application/zip; the schema below is a placeholder for the binary body)',
    tag: 'backups',
    params: BackupIdParams,
    responses: { 200: ZipDownload },
  }),
  getBackupPolicy: defineRoute({
    method: 'get',
    path: '/api/v1/instances/:id/backup-policy',
    summary: 'Retention policy of the instance’s backups',
    tag: 'backups',
    params: InstanceIdParams,
    responses: { 200: BackupPolicy },
  }),
  putBackupPolicy: defineRoute({
    method: 'put',
    path: '/api/v1/instances/:id/backup-policy',
    summary:
      'Replace the retention policy (fields left out take their defaults); applied after the next successful backup',
    tag: 'backups',
    params: InstanceIdParams,
    body: BackupPolicy,
    responses: { 200: BackupPolicy },
  }),
};
