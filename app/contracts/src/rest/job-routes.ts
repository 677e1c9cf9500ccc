import { z } from 'zod';
import { Id, listOf } from '../common.ts';
import { CreateJobBody, Job, JobAccepted, JobListQuery } from '../dto/job.ts';
import { defineRoute } from './route.ts';

export const jobRoutes = {
  listJobs: defineRoute({
    method: 'get',
    path: '/api/v1/jobs',
    summary: 'Jobs, newest first, filtered by status, type and instance',
    tag: 'jobs',
    query: JobListQuery,
    responses: { 200: listOf(Job) },
  }),
  createJob: defineRoute({
    method: 'post',
    path: '/api/v1/jobs',
    summary: 'Start a stand-alone job (DIAGNOSTICS: disk, data root, SteamCMD, ports)',
    tag: 'jobs',
    body: CreateJobBody,
    responses: { 202: JobAccepted },
  }),
  getJob: defineRoute({
    method: 'get',
    path: '/api/v1/jobs/:id',
    summary: 'A job with all its runs',
    tag: 'jobs',
    params: z.object({ id: Id }),
    responses: { 200: Job },
  }),
  cancelJob: defineRoute({
    method: 'post',
    path: '/api/v1/jobs/:id/cancel',
    summary: 'Cancel a pending or running job',
    tag: 'jobs',
    params: z.object({ id: Id }),
    responses: { 202: JobAccepted },
  }),
};
