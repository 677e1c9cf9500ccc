import { listOf } from '../common.ts';
import { InstanceIdParams } from '../dto/instance.ts';
import { CreateScheduleBody, Schedule, ScheduleParams, UpdateScheduleBody } from '../dto/schedule.ts';
import { defineRoute } from './route.ts';

export const scheduleRoutes = {
  listSchedules: defineRoute({
    method: 'get',
    path: '/api/v1/instances/:id/schedules',
    summary: 'The schedules of an instance, with their next run and the outcome of the last one',
    tag: 'schedules',
    params: InstanceIdParams,
    responses: { 200: listOf(Schedule) },
  }),
  createSchedule: defineRoute({
    method: 'post',
    path: '/api/v1/instances/:id/schedules',
    summary:
      'Add a schedule: RESTART, UPDATE, BACKUP, BROADCAST or RCON on a cron expression (400 names the bad field)',
    tag: 'schedules',
    params: InstanceIdParams,
    body: CreateScheduleBody,
    responses: { 201: Schedule },
  }),
  updateSchedule: defineRoute({
    method: 'patch',
    path: '/api/v1/instances/:id/schedules/:scheduleId',
    summary: 'Change a schedule (only the fields sent; null clears an optional field); its next run is computed again',
    tag: 'schedules',
    params: ScheduleParams,
    body: UpdateScheduleBody,
    responses: { 200: Schedule },
  }),
  deleteSchedule: defineRoute({
    method: 'delete',
    path: '/api/v1/instances/:id/schedules/:scheduleId',
    summary: 'Remove a schedule (a job it already started keeps running)',
    tag: 'schedules',
    params: ScheduleParams,
    responses: { 204: null },
  }),
};
