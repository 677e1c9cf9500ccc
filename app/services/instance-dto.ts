import { SECRET_MASK, type Instance, type InstanceRuntime, type InstanceSettings } from '@ark-asa/contracts';
import type { InstanceRecord } from '../store/index.ts';

const mask = (secret: string) => (secret ? SECRET_MASK : '');

/** Secrets never leave the control plane (REST_API.md conventions): passwords are masked. */
export function maskSettings(s: InstanceSettings): InstanceSettings {
  return { ...s, adminPassword: mask(s.adminPassword), serverPassword: mask(s.serverPassword) };
}

export function toInstanceDto(r: InstanceRecord, runtime: InstanceRuntime | null = null): Instance {
  return {
    id: r.id,
    name: r.name,
    agentId: r.agentId,
    status: r.status,
    buildId: r.buildId,
    installPath: r.installPath,
    settings: maskSettings(r.settings),
    runtime,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}
