import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startControlPlane, type ControlPlane, type ControlPlaneOptions } from '../../app/control-plane.ts';
import { createLogger } from '../../app/logger.ts';
import { livePlanes } from './live-planes.ts';
import { TestWsClient } from './ws-client.ts';

export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

export function tempDir(prefix = 'ark-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A real control plane on a free port with its own data directory; strict contracts. */
export class Harness {
  private clients: TestWsClient[] = [];

  private constructor(
    readonly plane: ControlPlane,
    readonly dataDir: string,
    readonly token: string | null,
  ) {}

  static async start(opts: Partial<ControlPlaneOptions> = {}): Promise<Harness> {
    const dataDir = opts.dataDir ?? tempDir();
    const plane = await startControlPlane({
      port: 0,
      staticDir: null,
      strict: true,
      logger: createLogger({ silent: true }),
      ...opts,
      dataDir,
    });
    const harness = new Harness(plane, dataDir, opts.token ?? null);
    livePlanes.add(harness);
    return harness;
  }

  get url(): string {
    return this.plane.url;
  }

  async api<T = unknown>(
    method: string,
    route: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiResponse<T>> {
    const init: RequestInit = { method, headers: { ...headers } };
    if (this.token) (init.headers as Record<string, string>).authorization = `Bearer ${this.token}`;
    if (body !== undefined) {
      (init.headers as Record<string, string>)['content-type'] =
        typeof body === 'string' ? 'text/plain' : 'application/json';
      init.body = typeof body === 'string' ? body : JSON.stringify(body);
    }
    const res = await fetch(`${this.url}${route}`, init);
    const text = await res.text();
    const type = res.headers.get('content-type') ?? '';
    const parsed: unknown = type.includes('json') && text ? JSON.parse(text) : text;
    return { status: res.status, headers: res.headers, body: parsed as T };
  }

  async ws(): Promise<TestWsClient> {
    const url = this.token ? `${this.plane.wsUrl}?token=${encodeURIComponent(this.token)}` : this.plane.wsUrl;
    const client = await TestWsClient.connect(url);
    this.clients.push(client);
    return client;
  }

  /** `stopServers`: each running server is stopped gracefully first (nothing left holding ports). */
  async stop(how: { stopServers?: boolean } = {}): Promise<void> {
    livePlanes.remove(this);
    for (const c of this.clients) c.close();
    await this.plane.stop(how);
  }
}
