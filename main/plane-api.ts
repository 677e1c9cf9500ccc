/**
 * The REST calls the shell makes to its control plane (the same API as every other client, see
 * docs of /api/v1): settings for the server root and the About box, the instance list for "which
 * servers run", and a normal stop for the tray's "Stop all servers".
 */
import { ManagerSettings, type Instance, type InstanceStatus, type ManagerSettingsPatch } from '@ark-asa/contracts';

/** A server process may exist in these statuses (the control plane's own definition of "live"). */
export const LIVE_STATUSES: readonly InstanceStatus[] = ['STARTING', 'RUNNING', 'STOPPING'];

export interface InstanceSummary {
  id: string;
  status: InstanceStatus;
}

export interface PlaneApiTarget {
  /** e.g. `http://127.0.0.1:3000`; read on every call because a restarted control plane may have another port. */
  url(): string;
  /** Sent as `Authorization: Bearer` when set (a manager exposed to the network needs it, even from loopback). */
  token(): string | null;
}

type Fetch = typeof fetch;

export class PlaneApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const PAGE = 200;

export class PlaneApi {
  constructor(
    private readonly target: PlaneApiTarget,
    private readonly fetchImpl: Fetch = fetch,
  ) {}

  async settings(): Promise<ManagerSettings> {
    return ManagerSettings.parse(await this.call('GET', '/api/v1/settings'));
  }

  async updateSettings(patch: ManagerSettingsPatch): Promise<ManagerSettings> {
    return ManagerSettings.parse(await this.call('PATCH', '/api/v1/settings', patch));
  }

  /** Every instance with its status, across all pages. */
  async instances(): Promise<InstanceSummary[]> {
    const all: InstanceSummary[] = [];
    let cursor: string | null = null;
    do {
      const query = `?limit=${PAGE}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const page = (await this.call('GET', `/api/v1/instances${query}`)) as {
        items: Pick<Instance, 'id' | 'status'>[];
        nextCursor: string | null;
      };
      all.push(...page.items.map((i) => ({ id: i.id, status: i.status })));
      cursor = page.nextCursor;
    } while (cursor);
    return all;
  }

  async liveInstanceIds(): Promise<string[]> {
    return (await this.instances()).filter((i) => LIVE_STATUSES.includes(i.status)).map((i) => i.id);
  }

  /** A normal stop (warn, save, exit) as a job; resolves once the job is accepted. */
  async stopInstance(id: string): Promise<void> {
    await this.call('POST', `/api/v1/instances/${encodeURIComponent(id)}/stop`, {});
  }

  private async call(method: string, pathname: string, body?: unknown): Promise<unknown> {
    const headers: Record<string, string> = { accept: 'application/json' };
    const token = this.target.token();
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await this.fetchImpl(`${this.target.url()}${pathname}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(15_000),
    });
    const text = await res.text();
    const json: unknown = text ? JSON.parse(text) : null;
    if (!res.ok) {
      const error = (json as { error?: { code?: string; message?: string } } | null)?.error;
      throw new PlaneApiError(
        res.status,
        error?.code ?? 'http-error',
        error?.message ?? `${method} ${pathname}: HTTP ${res.status}`,
      );
    }
    return json;
  }
}
