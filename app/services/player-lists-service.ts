import type { InstanceStatus, PlayerIdList, PlayerListName } from '@ark-asa/contracts';
import type { InstanceLayout } from '../agents/instances/instance-layout.ts';
import { playerListRelPath } from '../agents/instances/player-list-files.ts';
import { AppError } from '../domain/app-error.ts';
import type { InstanceRecord } from '../store/index.ts';

export interface PlayerListsServiceDeps {
  /** The instance record; throws AppError not-found for an unknown id. */
  instance: (id: string) => InstanceRecord;
  layout: Pick<InstanceLayout, 'readPlayerList' | 'writePlayerList'>;
}

/** Statuses with a server process that read the lists when it started. */
const PROCESS_STATUSES: readonly InstanceStatus[] = ['STARTING', 'RUNNING', 'STOPPING'];

/**
 * GET/PUT /api/v1/instances/:id/lists/:list: the admin, exclusive-join and join-no-check lists.
 * Writes are allowed while the server runs, unlike the INI files, because the server does not
 * rewrite these on exit; it reads them at start, so the answer says when a change takes effect.
 * (In-game whitelisting and RCON AllowPlayerToJoinNoCheck write the join lists too; the last
 * writer wins, which is why the UI re-reads a list before editing it.)
 */
export class PlayerListsService {
  constructor(private readonly deps: PlayerListsServiceDeps) {}

  async read(instanceId: string, list: PlayerListName): Promise<PlayerIdList> {
    const instance = this.deps.instance(instanceId);
    return this.answer(instance, list, await this.deps.layout.readPlayerList(instance, list));
  }

  async write(instanceId: string, list: PlayerListName, ids: readonly string[]): Promise<PlayerIdList> {
    const instance = this.deps.instance(instanceId);
    if (instance.status === 'UPDATING') {
      // The instance's build files are being switched under Binaries/Win64, where two lists live.
      throw AppError.invalidState(`"${instance.name}" is updating; try again when the update has finished`);
    }
    return this.answer(instance, list, await this.deps.layout.writePlayerList(instance, list, ids));
  }

  private answer(instance: InstanceRecord, list: PlayerListName, ids: string[]): PlayerIdList {
    return { list, ids, file: playerListRelPath(list), appliesAtNextStart: PROCESS_STATUSES.includes(instance.status) };
  }
}
