import { ErrorCode, JobResultSchemas, type JobResult } from '@ark-asa/contracts';
import type { JobControl, Supervisor } from '../../agents/supervisor/supervisor.ts';
import { AppError } from '../../domain/app-error.ts';
import type { BuildRecord, InstanceRecord, Store } from '../../store/index.ts';
import type { JobContext, JobHandler } from '../job-handler.ts';
import { awaitClusterTurn } from './cluster-turn.ts';

export interface LifecycleJobDeps {
  supervisor: Supervisor;
  store: Store;
  /** Switches a stopped instance's linked files from one build to another. */
  relink(instance: InstanceRecord, fromBuildPath: string | null, to: BuildRecord): Promise<string>;
  /** Tells clients the instance changed (instance:updated). */
  changed(instanceId: string): void;
  /** Takes the automatic backup before an update (while the server may still run, so it can save first). */
  backupBeforeUpdate?(instanceId: string, ctx: JobControl): Promise<unknown>;
  /** Resolves once a job has ended: a cluster member's start waits for the previous member's. */
  waitForJob?: (jobId: string) => Promise<unknown>;
  /**
   * For a server on a remote host (a member of a cluster start, stop or restart): runs the action
   * there and follows the host's job. Null for a server on this PC.
   */
  onHost?: (instanceId: string) => HostAction | null;
}

type HostAction = (action: 'start' | 'stop' | 'restart', body: object, ctl: JobControl) => Promise<unknown>;
type Relayed = 'START_INSTANCE' | 'STOP_INSTANCE' | 'RESTART_INSTANCE';

/** The host's job has the same type, so its result must fit this job's result schema. */
async function onHostResult<T extends Relayed>(type: T, pending: Promise<unknown>): Promise<JobResult<T>> {
  const parsed = JobResultSchemas[type].safeParse(await pending);
  if (!parsed.success)
    throw new AppError(ErrorCode.INTERNAL, 'The host answered with a result this manager does not know');
  return parsed.data as JobResult<T>;
}

const instanceOf = (ctx: JobContext<unknown>): string => {
  if (!ctx.job.instanceId) throw AppError.invalidState(`${ctx.job.type} needs an instance`);
  return ctx.job.instanceId;
};

/** Sub-range of a job's progress, so a restart reports stop then start as one 0–100 bar. */
const scaled = (ctx: JobContext<unknown>, from: number, to: number) => ({
  signal: ctx.signal,
  progress: (p: number, m: string) => ctx.progress(from + ((to - from) * p) / 100, m),
});

export function startInstanceJob(deps: LifecycleJobDeps): JobHandler<'START_INSTANCE', JobResult<'START_INSTANCE'>> {
  return {
    type: 'START_INSTANCE',
    run: async (ctx) => {
      const id = instanceOf(ctx);
      await awaitClusterTurn(ctx, deps.waitForJob);
      const onHost = deps.onHost?.(id);
      if (onHost) return onHostResult('START_INSTANCE', onHost('start', {}, ctx));
      const { pid } = await deps.supervisor.start(id, ctx, ctx.params.reason);
      return { instanceId: id, status: 'RUNNING', pid };
    },
  };
}

export function stopInstanceJob(deps: LifecycleJobDeps): JobHandler<'STOP_INSTANCE', JobResult<'STOP_INSTANCE'>> {
  return {
    type: 'STOP_INSTANCE',
    run: async (ctx) => {
      const id = instanceOf(ctx);
      const onHost = deps.onHost?.(id);
      if (onHost) return onHostResult('STOP_INSTANCE', onHost('stop', ctx.params, ctx));
      const result = await deps.supervisor.stop(id, { ...ctx.params, ...ctx, action: 'stop' });
      return { instanceId: id, status: 'STOPPED', ...result };
    },
  };
}

export function restartInstanceJob(
  deps: LifecycleJobDeps,
): JobHandler<'RESTART_INSTANCE', JobResult<'RESTART_INSTANCE'>> {
  return {
    type: 'RESTART_INSTANCE',
    run: async (ctx) => {
      const id = instanceOf(ctx);
      const onHost = deps.onHost?.(id);
      if (onHost) return onHostResult('RESTART_INSTANCE', onHost('restart', ctx.params, ctx));
      const stopped = await deps.supervisor.stop(id, { ...ctx.params, ...scaled(ctx, 0, 50), action: 'restart' });
      const { pid } = await deps.supervisor.start(id, scaled(ctx, 50, 100), 'Restart requested');
      return { instanceId: id, status: 'RUNNING', pid, killed: stopped.killed, warnings: stopped.warnings };
    },
  };
}

/**
 * An in-place import runs from the user's own folder (docs/import.md): the manager never writes
 * server files there, so it does not update it; the tool that installed it does, or a copy import.
 */
export function assertNotInPlace(record: { name: string; inPlace?: boolean; installPath: string | null }): void {
  if (!record.inPlace) return;
  throw new AppError(
    ErrorCode.CONFLICT,
    `"${record.name}" runs in place from ${record.installPath ?? 'its own folder'}, so the manager does not update its server files: stop it and run SteamCMD (app_update 2430930) into that folder, or import it again as a copy to use the build cache`,
  );
}

/**
 * Switches an instance to another installed build (newest by default). A running server is
 * stopped first and started again after; the previous build stays, so rolling back is the same
 * operation with the old build id.
 */
export function updateInstanceJob(deps: LifecycleJobDeps): JobHandler<'UPDATE_INSTANCE', JobResult<'UPDATE_INSTANCE'>> {
  return {
    type: 'UPDATE_INSTANCE',
    run: async (ctx) => {
      const id = instanceOf(ctx);
      const record = deps.store.instances.get(id);
      if (!record) throw AppError.notFound('Instance', id);
      assertNotInPlace(record);
      const target = ctx.params.buildId ? deps.store.builds.get(ctx.params.buildId) : deps.store.builds.newest();
      if (!target)
        throw new AppError(
          ErrorCode.BUILD_NOT_FOUND,
          ctx.params.buildId ? `Build ${ctx.params.buildId} is not installed` : 'No build is installed yet',
        );
      if (record.buildId === target.buildId && record.installPath) {
        return {
          instanceId: id,
          fromBuildId: record.buildId,
          toBuildId: target.buildId,
          restarted: false,
          changed: false,
        };
      }
      // Before the stop: a running server can still SaveWorld, so the backup holds its latest state.
      if (deps.backupBeforeUpdate) await deps.backupBeforeUpdate(id, scaled(ctx, 0, 20));
      const wasLive = deps.supervisor.isRunning(id);
      if (wasLive) await deps.supervisor.stop(id, { ...ctx.params, ...scaled(ctx, 20, 40), action: 'update' });
      const from = record.buildId ? deps.store.builds.get(record.buildId) : null;
      deps.supervisor.status.set(id, 'UPDATING', `Switching to build ${target.buildId}`);
      ctx.progress(45, `Linking build ${target.buildId}…`);
      try {
        // Re-read: the stop above changed the status the layout checks.
        const stopped = deps.store.instances.get(id) ?? record;
        const installPath = await deps.relink(stopped, from?.installPath ?? null, target);
        deps.store.instances.update({
          ...stopped,
          buildId: target.buildId,
          installPath,
          updatedAt: new Date().toISOString(),
        });
      } finally {
        deps.supervisor.status.set(id, 'STOPPED', `Now on build ${deps.store.instances.get(id)?.buildId ?? '?'}`);
        deps.changed(id);
      }
      if (wasLive) await deps.supervisor.start(id, scaled(ctx, 55, 100), `Restart on build ${target.buildId}`);
      return {
        instanceId: id,
        fromBuildId: record.buildId,
        toBuildId: target.buildId,
        restarted: wasLive,
        changed: true,
      };
    },
  };
}
