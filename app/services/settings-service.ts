import { ManagerSettings, SECRET_MASK, type DataRootCheck, type ManagerSettingsPatch } from '@ark-asa/contracts';
import { checkDataRootPaths } from '../agents/data-root-probe.ts';
import { AppError } from '../domain/app-error.ts';
import { isLoopbackHost } from '../domain/network.ts';
import type { Store } from '../store/index.ts';

export type SettingsListener = (next: ManagerSettings, previous: ManagerSettings) => void;

/** Manager settings: stored values over defaults; the access token never leaves in clear. */
export class SettingsService {
  private readonly listeners = new Set<SettingsListener>();
  /**
   * The settings as last read: most requests ask for them (the data root, timeouts), and reading
   * every row and parsing them with zod each time cost 10–20 µs per call. Every write goes through
   * `update`, which replaces it. Frozen, so no caller can change what the next one reads.
   */
  private current: Readonly<ManagerSettings> | null = null;

  constructor(
    private readonly store: Store,
    private readonly defaults: ManagerSettings,
  ) {}

  /** The settings with secrets in clear, for the control plane's own use. */
  get(): ManagerSettings {
    return (this.current ??= Object.freeze(this.read()));
  }

  private read(): ManagerSettings {
    const stored = this.store.settings.getAll();
    const merged: Record<string, unknown> = { ...this.defaults };
    for (const key of Object.keys(this.defaults)) if (key in stored) merged[key] = stored[key];
    return ManagerSettings.parse(merged);
  }

  /** What clients see. */
  getPublic(): ManagerSettings {
    const s = this.get();
    return { ...s, accessToken: s.accessToken ? SECRET_MASK : null };
  }

  update(patch: ManagerSettingsPatch): ManagerSettings {
    const previous = this.get();
    const changes: Record<string, unknown> = { ...patch };
    if (patch.accessToken === SECRET_MASK) delete changes.accessToken;
    const next = ManagerSettings.parse({ ...previous, ...changes });
    if (!isLoopbackHost(next.bindHost) && !next.accessToken) {
      throw AppError.validation([
        {
          field: 'accessToken',
          message: `Listening on ${next.bindHost} exposes the manager to the network: set an access token first`,
        },
      ]);
    }
    this.store.settings.setMany(changes);
    this.current = null;
    for (const listener of this.listeners) listener(next, previous);
    return this.getPublic();
  }

  /** Path length and hard-link warnings for a data root (default: the current one), before anything is installed there. */
  checkDataRoot(dataRoot?: string): Promise<DataRootCheck> {
    return checkDataRootPaths(dataRoot ?? this.get().dataRoot);
  }

  onChange(listener: SettingsListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
