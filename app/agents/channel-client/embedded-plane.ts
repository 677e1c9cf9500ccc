import type {
  Instance,
  Job,
  JobListQuery,
  ManagerSettings,
  ManagerSettingsPatch,
  WSEvent,
  WSEventData,
} from '@ark-asa/contracts';

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * What the agent uses of the manager it embeds (docs/agent-channel.md#the-agent-side). The
 * `ControlPlane` of app/control-plane.ts satisfies it as is; it is spelt out here because agents may
 * not import the composition root (docs/architecture.md, dependency rules).
 */
export interface EmbeddedPlane {
  /** http://127.0.0.1:<port>: the embedded manager listens on loopback only. */
  readonly url: string;
  /** The per-run token its API requires (kept in memory, never written anywhere). */
  readonly accessToken: string | null;
  subscribe(listener: (event: WSEvent) => void): () => void;
  readonly services: {
    readonly instances: { list(limit: number, cursor?: string): Page<Instance> };
    readonly jobs: { get(id: string): Job; list(q: JobListQuery): Page<Job> };
    readonly settings: { get(): ManagerSettings; update(patch: ManagerSettingsPatch): unknown };
  };
  /** SaveWorld on every live server, bounded in total; servers keep running. */
  saveAllWorlds(deadlineMs?: number): Promise<{ saved: number; failed: unknown[] }>;
  /** Servers keep running (the default stop of a control plane). */
  stop(): Promise<void>;
}

/** Per-server metrics, as the embedded manager's own heartbeat carries them. */
export type InstanceMetrics = WSEventData<'agent:heartbeat'>['instances'];
