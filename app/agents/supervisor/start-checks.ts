import fs from 'node:fs';
import path from 'node:path';
import { ErrorCode } from '@ark-asa/contracts';
import { AppError } from '../../domain/app-error.ts';
import { STARTABLE_STATUSES } from '../../domain/instance-state.ts';
import type { InstanceRecord, Store } from '../../store/index.ts';
import type { SupervisorDeps } from './supervisor-deps.ts';

export const SERVER_EXE = ['ShooterGame', 'Binaries', 'Win64', 'ArkAscendedServer.exe'] as const;

/** The instance, when it can start now: installed, its files present, and stopped or crashed. */
export function startableRecord(store: Store, instanceId: string, processAlive: boolean): InstanceRecord {
  const record = store.instances.get(instanceId);
  if (!record) throw AppError.notFound('Instance', instanceId);
  // An in-place import runs the build its own folder holds (docs/import.md).
  if ((!record.buildId && !record.inPlace) || !record.installPath) {
    throw new AppError(
      ErrorCode.NOT_INSTALLED,
      `"${record.name}" has no server build yet: install one, then update the instance to it`,
    );
  }
  if (!STARTABLE_STATUSES.includes(record.status) || processAlive) {
    throw new AppError(
      ErrorCode.INSTANCE_RUNNING,
      `"${record.name}" is ${record.status.toLowerCase()}; it can start only when stopped or crashed`,
    );
  }
  if (!fs.existsSync(path.join(record.installPath, ...SERVER_EXE))) {
    throw new AppError(
      ErrorCode.NOT_INSTALLED,
      `The server files of "${record.name}" are missing (${record.installPath}); update the instance to an installed build`,
    );
  }
  return record;
}

/**
 * A port taken by another program would make ASA start without binding it (or without RCON, so
 * it could never be stopped cleanly): refuse the start with the port named instead.
 */
export async function checkPorts(record: InstanceRecord, portFree: SupervisorDeps['portFree']): Promise<void> {
  const { gamePort, rconPort } = record.settings;
  for (const [port, protocol, what] of [
    [gamePort, 'udp', 'game'],
    [rconPort, 'tcp', 'RCON'],
  ] as const) {
    if (!(await portFree(port, protocol))) {
      throw new AppError(
        ErrorCode.CONFLICT,
        `The ${what} port ${port} (${protocol.toUpperCase()}) is in use by another program; free it or choose another port`,
      );
    }
  }
}
