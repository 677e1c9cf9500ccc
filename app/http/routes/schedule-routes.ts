import type { Router } from 'express';
import { scheduleRoutes } from '@ark-asa/contracts';
import type { SchedulesService } from '../../services/schedules-service.ts';
import { JsonText, mountRoute, type MountOptions } from '../mount-route.ts';

export function mountScheduleRoutes(router: Router, schedules: SchedulesService, opts: MountOptions): void {
  mountRoute(router, scheduleRoutes.listSchedules, ({ params }) => new JsonText(schedules.listJson(params.id)), opts);
  mountRoute(router, scheduleRoutes.createSchedule, ({ params, body }) => schedules.create(params.id, body), opts);
  mountRoute(
    router,
    scheduleRoutes.updateSchedule,
    ({ params, body }) => schedules.update(params.id, params.scheduleId, body),
    opts,
  );
  mountRoute(
    router,
    scheduleRoutes.deleteSchedule,
    ({ params }) => {
      schedules.delete(params.id, params.scheduleId);
      return undefined;
    },
    opts,
  );
}
