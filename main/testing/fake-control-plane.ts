/** A control plane stand-in: settings in memory, a settable number of running servers, recorded stops. */
import type { ManagerSettings, ManagerSettingsPatch, StopInstanceBody, WSEvent } from '@ark-asa/contracts';
import type { ShellControlPlane } from '../control-plane-port.ts';

export class FakeControlPlane implements ShellControlPlane {
  url = 'http://127.0.0.1:3000';
  running = 0;
  readonly stops: { stopServers?: boolean }[] = [];
  stopError: Error | null = null;
  readonly instanceIds: string[] = [];
  readonly live = new Set<string>();
  readonly stoppedInstances: { id: string; body: StopInstanceBody }[] = [];
  settings: ManagerSettings;
  private readonly listeners = new Set<(event: WSEvent) => void>();

  readonly services = {
    settings: {
      get: (): ManagerSettings => this.settings,
      update: (patch: ManagerSettingsPatch): ManagerSettings => {
        this.settings = { ...this.settings, ...patch };
        return this.settings;
      },
    },
    instances: {
      list: (limit: number, cursor?: string) => {
        const start = cursor ? Number(cursor) : 0;
        const items = this.instanceIds.slice(start, start + limit).map((id) => ({ id }));
        const next = start + limit < this.instanceIds.length ? String(start + limit) : null;
        return { items, nextCursor: next };
      },
    },
    lifecycle: {
      isLive: (id: string) => this.live.has(id),
      stop: (id: string, body: StopInstanceBody) => void this.stoppedInstances.push({ id, body }),
    },
  };

  constructor(readonly dataDir: string) {
    this.settings = {
      steamcmdPath: null,
      dataRoot: dataDir,
      bindHost: '127.0.0.1',
      port: 3000,
      accessToken: null,
      heartbeatIntervalSec: 10,
      jobConcurrency: 2,
      crashRestartMaxAttempts: 3,
      crashRestartWindowMinutes: 10,
      logRetentionLines: 5000,
    };
  }

  runningServers(): number {
    return this.running;
  }

  subscribe(listener: (event: WSEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publish(event: WSEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  stop(how: { stopServers?: boolean } = {}): Promise<void> {
    this.stops.push(how);
    return this.stopError ? Promise.reject(this.stopError) : Promise.resolve();
  }
}
