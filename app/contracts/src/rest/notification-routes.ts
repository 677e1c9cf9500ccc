import { listOf } from '../common.ts';
import {
  CreateNotificationTargetBody,
  NotificationTarget,
  NotificationTargetParams,
  NotificationTestResult,
  UpdateNotificationTargetBody,
} from '../dto/notification.ts';
import { defineRoute } from './route.ts';

const TARGETS = '/api/v1/notifications/targets';

export const notificationRoutes = {
  listNotificationTargets: defineRoute({
    method: 'get',
    path: TARGETS,
    summary: 'Discord webhooks with their event and instance filters (URLs masked) and delivery counters',
    tag: 'notifications',
    responses: { 200: listOf(NotificationTarget) },
  }),
  createNotificationTarget: defineRoute({
    method: 'post',
    path: TARGETS,
    summary: 'Add a Discord webhook',
    tag: 'notifications',
    body: CreateNotificationTargetBody,
    responses: { 201: NotificationTarget },
  }),
  getNotificationTarget: defineRoute({
    method: 'get',
    path: `${TARGETS}/:id`,
    summary: 'One notification target',
    tag: 'notifications',
    params: NotificationTargetParams,
    responses: { 200: NotificationTarget },
  }),
  updateNotificationTarget: defineRoute({
    method: 'patch',
    path: `${TARGETS}/:id`,
    summary: 'Change a target (only the fields sent; the masked URL keeps the stored one)',
    tag: 'notifications',
    params: NotificationTargetParams,
    body: UpdateNotificationTargetBody,
    responses: { 200: NotificationTarget },
  }),
  deleteNotificationTarget: defineRoute({
    method: 'delete',
    path: `${TARGETS}/:id`,
    summary: 'Remove a target (what is still queued for it is dropped)',
    tag: 'notifications',
    params: NotificationTargetParams,
    responses: { 204: null },
  }),
  testNotificationTarget: defineRoute({
    method: 'post',
    path: `${TARGETS}/:id/test`,
    summary: '"Send test": posts a test message now (rate limits and retries apply) and says whether Discord took it',
    tag: 'notifications',
    params: NotificationTargetParams,
    responses: { 200: NotificationTestResult },
  }),
};
