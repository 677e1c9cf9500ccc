import type { Router } from 'express';
import { notificationRoutes as routes } from '@ark-asa/contracts';
import type { NotificationsService } from '../../services/notifications/notifications-service.ts';
import { JsonText, mountRoute, type MountOptions } from '../mount-route.ts';

export function mountNotificationRoutes(router: Router, notifications: NotificationsService, opts: MountOptions): void {
  mountRoute(router, routes.listNotificationTargets, () => new JsonText(notifications.listJson()), opts);
  mountRoute(router, routes.createNotificationTarget, ({ body }) => notifications.create(body), opts);
  mountRoute(router, routes.getNotificationTarget, ({ params }) => notifications.get(params.id), opts);
  mountRoute(
    router,
    routes.updateNotificationTarget,
    ({ params, body }) => notifications.update(params.id, body),
    opts,
  );
  mountRoute(
    router,
    routes.deleteNotificationTarget,
    ({ params }) => {
      notifications.delete(params.id);
      return undefined;
    },
    opts,
  );
  mountRoute(router, routes.testNotificationTarget, ({ params }) => notifications.test(params.id), opts);
}
