/** A control plane stand-in: settings in memory, a settable set of live servers, recorded stops, scripted lifecycle. */
import { ManagerSettings, type ManagerSettingsPatch, type WSEvent } from '@ark-asa/contracts';
import type { PlaneLifecycleEvent, ShellControlPlane } from '../control-plane-port.ts';
import type { SessionSaved } from '../plane-process.ts';

export class FakeControlPlane implements ShellControlPlane {
  url = 'http://127.0.0.1:3000';
  token: string | null = null;
  portFallback: ShellControlPlane['portFallback'] = null;
  readonly stops: { stopServers?: boolean }[] = [];
  stopError: Error | null = null;
  readonly live = new Set<string>();
  readonly stoppedInstances: string[] = [];
  readonly sessionEnds: number[] = [];
  /** What `sessionEnd` answers (null: no answer in time). */
  sessionSaved: SessionSaved | null = { v: 1, type: 'session-saved', saved: 0, failed: [] };
  settingsValue: ManagerSettings;
  private readonly listeners = new Set<(event: WSEvent) => void>();
  private readonly runningListeners = new Set<(running: number) => void>();
  private readonly lifecycle = new Set<(event: PlaneLifecycleEvent) => void>();

  constructor(readonly dataDir: string) {
    // Parsed, so fields the contract gains later get their defaults.
    this.settingsValue = ManagerSettings.parse({
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
    });
  }

  /** Sets the live servers as if /ws had reported them, and tells the listeners. */
  setLive(...ids: string[]): void {
    this.live.clear();
    for (const id of ids) this.live.add(id);
    for (const listener of this.runningListeners) listener(this.live.size);
  }

  settings(): Promise<ManagerSettings> {
    return Promise.resolve(this.settingsValue);
  }

  updateSettings(patch: ManagerSettingsPatch): Promise<ManagerSettings> {
    this.settingsValue = { ...this.settingsValue, ...patch };
    return Promise.resolve(this.settingsValue);
  }

  liveInstanceIds(): Promise<string[]> {
    return Promise.resolve([...this.live]);
  }

  stopInstance(id: string): Promise<void> {
    this.stoppedInstances.push(id);
    return Promise.resolve();
  }

  runningServers(): number {
    return this.live.size;
  }

  countRunning(): Promise<number> {
    return Promise.resolve(this.live.size);
  }

  subscribe(listener: (event: WSEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onRunningChanged(listener: (running: number) => void): () => void {
    this.runningListeners.add(listener);
    return () => this.runningListeners.delete(listener);
  }

  onLifecycle(listener: (event: PlaneLifecycleEvent) => void): void {
    this.lifecycle.add(listener);
  }

  publish(event: WSEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  /** What the host reports when the child dies, restarts or is given up on. */
  emitLifecycle(event: PlaneLifecycleEvent): void {
    if (event.type === 'restarted') this.url = event.url;
    for (const listener of this.lifecycle) listener(event);
  }

  sessionEnd(deadlineMs: number): Promise<SessionSaved | null> {
    this.sessionEnds.push(deadlineMs);
    return Promise.resolve(this.sessionSaved);
  }

  stop(how: { stopServers?: boolean } = {}): Promise<void> {
    this.stops.push(how);
    return this.stopError ? Promise.reject(this.stopError) : Promise.resolve();
  }
}
