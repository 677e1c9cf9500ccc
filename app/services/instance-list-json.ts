import type { InstanceAttention, InstanceRuntime, InstanceSettings } from '@ark-asa/contracts';
import { updateAvailableFor } from '../domain/build-update.ts';
import type { StoredInstance } from '../store/instances-repo.ts';
import { maskSettings } from './instance-dto.ts';

/** What a listed instance has besides its row: live state, its cluster and the build Steam serves. */
export interface InstanceExtras {
  runtime: InstanceRuntime | null;
  attention: InstanceAttention | null;
  clusterId: string | null;
  servedBuildId: string | null;
}

const q = JSON.stringify;

/**
 * The JSON text of a local instance's DTO, byte for byte JSON.stringify of what InstancesService
 * makes of it (`withUpdateAvailable({ ...toInstanceDto(r, runtime), clusterId, attention })`), keys in
 * that order: checked by instances-list.test.ts. `settingsJson` is the masked settings' JSON.
 */
export function instanceJson(r: StoredInstance, settingsJson: string, x: InstanceExtras): string {
  const update = updateAvailableFor(r.buildId, x.servedBuildId);
  return (
    `{"id":${q(r.id)},"name":${q(r.name)},"agentId":${q(r.agentId)},"status":${q(r.status)}` +
    `,"buildId":${q(r.buildId)},"installPath":${q(r.installPath)},"settings":${settingsJson}` +
    `,"runtime":${q(x.runtime)},"attention":${q(x.attention)}${r.inPlace ? ',"inPlace":true' : ''}` +
    `,"createdAt":${q(r.createdAt)},"updatedAt":${q(r.updatedAt)},"clusterId":${q(x.clusterId)}` +
    `,"updateAvailable":${q(update)}}`
  );
}

/** Instances remembered at most; past it the memory starts over (a list refills it). */
const MAX_ENTRIES = 1000;

/**
 * The masked settings' JSON per instance, remembered with the stored text it came from: parsing,
 * masking and serializing every instance's settings again was most of the instance list's own
 * time, and settings rarely change between two reads. A changed text is parsed again.
 */
export class MaskedSettingsCache {
  private readonly entries = new Map<string, { text: string; json: string }>();

  jsonOf(id: string, storedText: string): string {
    const known = this.entries.get(id);
    if (known?.text === storedText) return known.json;
    const json = JSON.stringify(maskSettings(JSON.parse(storedText) as InstanceSettings));
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    this.entries.set(id, { text: storedText, json });
    return json;
  }

  forget(id: string): void {
    this.entries.delete(id);
  }
}
