import {
  ErrorCode,
  type Instance,
  type Job,
  type Player,
  type StopInstanceBody,
  type UnconfirmedProcessBody,
} from '@ark-asa/contracts';
import type { Supervisor } from '../agents/supervisor/supervisor.ts';
import { AppError } from '../domain/app-error.ts';
import { isLive, STARTABLE_STATUSES } from '../domain/instance-state.ts';
import { assertNotInPlace } from '../jobs/handlers/lifecycle-jobs.ts';
import type { JobRunner } from '../jobs/job-runner.ts';
import type { InstancesService } from './instances-service.ts';

/** Power actions and RCON for the REST layer: long ones become jobs (202), quick ones answer directly. */
export class LifecycleService {
  constructor(
    private readonly instances: InstancesService,
    private readonly runner: JobRunner,
    private readonly supervisor: Supervisor,
  ) {}

  start(id: string, reason?: string): Job {
    const record = this.instances.record(id);
    if (!record.buildId && !record.inPlace)
      throw new AppError(
        ErrorCode.NOT_INSTALLED,
        `"${record.name}" has no server build yet: install one, then update the instance to it`,
      );
    this.supervisor.unconfirmed.assertNone(id);
    if (!STARTABLE_STATUSES.includes(record.status) && !this.runner.isBusy(`instance:${id}`)) {
      throw new AppError(ErrorCode.INSTANCE_RUNNING, `"${record.name}" is already ${record.status.toLowerCase()}`);
    }
    return this.enqueue('START_INSTANCE', id, reason ? { reason } : {});
  }

  stop(id: string, body: StopInstanceBody): Job {
    this.instances.record(id);
    return this.enqueue('STOP_INSTANCE', id, body);
  }

  restart(id: string, body: StopInstanceBody): Job {
    const record = this.instances.record(id);
    if (!record.buildId && !record.inPlace)
      throw new AppError(ErrorCode.NOT_INSTALLED, `"${record.name}" has no server build yet`);
    return this.enqueue('RESTART_INSTANCE', id, body);
  }

  update(id: string, buildId?: string): Job {
    assertNotInPlace(this.instances.record(id));
    return this.enqueue('UPDATE_INSTANCE', id, buildId ? { buildId } : {});
  }

  /** The user's choice about a process that may be this server (issue 11 item 11); answers the instance after it. */
  async resolveUnconfirmed(id: string, action: UnconfirmedProcessBody['action']): Promise<Instance> {
    this.instances.record(id);
    await this.supervisor.resolveUnconfirmed(id, action);
    return this.instances.get(id);
  }

  async rcon(id: string, command: string): Promise<string> {
    this.instances.record(id);
    return this.supervisor.rcon(id, command);
  }

  /** Says `message` in the in-game chat as SERVER; the line then arrives as an `instance:log` of source chat. */
  async chat(id: string, message: string): Promise<string> {
    this.instances.record(id);
    return this.supervisor.serverChat(id, message);
  }

  async players(id: string): Promise<Player[]> {
    this.instances.record(id);
    return this.supervisor.players(id);
  }

  isLive(id: string): boolean {
    return isLive(this.instances.record(id).status);
  }

  private enqueue(type: Job['type'], instanceId: string, params: Record<string, unknown>): Job {
    const record = this.instances.record(instanceId);
    return this.runner.enqueue({ type, instanceId, agentId: record.agentId, params });
  }
}
