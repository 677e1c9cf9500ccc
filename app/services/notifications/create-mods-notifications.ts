import type { JobType, WSEvent } from '@ark-asa/contracts';
import { CurseForgeClient } from '../../agents/curseforge/curseforge-client.ts';
import type { Clock } from '../../domain/clock.ts';
import type { Logger } from '../../logger.ts';
import type { ModsRepo } from '../../store/mods-repo.ts';
import type { NotificationsRepo } from '../../store/notifications-repo.ts';
import { ModsService, type ModsInstance } from '../mods-service.ts';
import { DiscordWebhook } from './discord-webhook.ts';
import { NotificationDispatcher } from './notification-dispatcher.ts';
import type { PageCache } from '../../store/page-cache.ts';
import { NotificationsService } from './notifications-service.ts';
import type { QueueLimits } from './target-queue.ts';

export interface ModsNotificationsInput {
  repos: { mods: ModsRepo; notifications: NotificationsRepo };
  /** Where the target list's answer is kept between changes. */
  pages: PageCache;
  clock: Clock;
  logger: Logger;
  /** The event bus's subscribe. */
  subscribe: (listener: (event: WSEvent) => void) => () => void;
  findInstance: (id: string) => ModsInstance | null;
  instances: () => ModsInstance[];
  instanceDir: (instance: ModsInstance) => string;
  job: (jobId: string) => { type: JobType; instanceId: string | null } | null;
  /** A manager line in an instance's log. */
  log: (instanceId: string, message: string) => void;
  /** Tests: a fake CurseForge (default https://api.curseforge.com). */
  curseforgeBaseUrl?: string;
  /** Tests: a fake Discord that receives what would go to discord.com. */
  discordOrigin?: string;
  modCheckIntervalMs?: () => number;
  notificationLimits?: Partial<QueueLimits>;
}

export interface ModsNotifications {
  mods: ModsService;
  notifications: NotificationsService;
  dispatcher: NotificationDispatcher;
  /** Subscribes the dispatcher to the bus and starts the periodic mod check. */
  start(): void;
  /** Unsubscribes, drops what is waiting, stops the check. */
  stop(): void;
}

/** Builds the mods and notifications part of the control plane (wiring.ts calls this once). */
export function createModsNotifications(input: ModsNotificationsInput): ModsNotifications {
  const { clock, logger, repos } = input;
  const dispatcher = new NotificationDispatcher({
    repo: repos.notifications,
    clock,
    logger,
    sender: new DiscordWebhook({ clock, origin: input.discordOrigin }),
    subscribe: input.subscribe,
    limits: input.notificationLimits,
    context: {
      instanceName: (id) => input.findInstance(id)?.name ?? null,
      job: input.job,
    },
  });
  const curseforge = new CurseForgeClient({
    clock,
    baseUrl: input.curseforgeBaseUrl,
    apiKey: () => repos.mods.apiKey()?.apiKey ?? null,
  });
  const mods = new ModsService({
    repo: repos.mods,
    curseforge,
    clock,
    logger,
    findInstance: input.findInstance,
    instances: input.instances,
    instanceDir: input.instanceDir,
    log: input.log,
    notify: (event) => dispatcher.notify(event),
    checkIntervalMs: input.modCheckIntervalMs,
  });
  const notifications = new NotificationsService({ repo: repos.notifications, dispatcher, clock, pages: input.pages });
  return {
    mods,
    notifications,
    dispatcher,
    start: () => {
      dispatcher.start();
      mods.startPeriodicCheck();
    },
    stop: () => {
      mods.stopPeriodicCheck();
      dispatcher.stop();
    },
  };
}
