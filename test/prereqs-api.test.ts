import { HostPrerequisites, type InstallPrerequisitesResult, type Job, type PrereqId } from '@ark-asa/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InstallContext, PrereqHost } from '../app/agents/prereqs/prereq-host.ts';
import { Harness } from './helpers/harness.ts';
import type { TestWsClient } from './helpers/ws-client.ts';

/** A Windows host as the API sees it: checks answer from a table, installs are recorded, nothing runs. */
class StandInWindowsHost implements PrereqHost {
  readonly platform = 'win32' as const;
  installed: PrereqId[][] = [];

  check() {
    return Promise.resolve([
      {
        id: 'vcredist' as const,
        name: 'VC++',
        state: 'ok' as const,
        detail: 'Installed, version v14.40.33810.00',
        fix: null,
      },
      { id: 'directx' as const, name: 'DirectX', state: 'missing' as const, detail: 'none found', fix: 'Install it' },
      { id: 'certificates' as const, name: 'Certs', state: 'unknown' as const, detail: 'no answer', fix: 'Retry' },
    ]);
  }

  async install(ids: readonly PrereqId[], ctx: InstallContext): Promise<InstallPrerequisitesResult> {
    this.installed.push([...ids]);
    ctx.progress(50, 'Installing…');
    await new Promise((r) => setTimeout(r, 50));
    return { items: ids.map((id) => ({ id, ok: true, message: `${id}: installed` })), restartNeeded: false };
  }
}

let h: Harness;
let ws: TestWsClient;
const host = new StandInWindowsHost();

beforeAll(async () => {
  h = await Harness.start({ prereqs: host });
  ws = await h.ws();
});
afterAll(async () => {
  await h.stop();
});

describe('host prerequisites over REST', () => {
  it('GET /api/v1/host/prerequisites answers the platform and one item per prerequisite', async () => {
    const res = await h.api('GET', '/api/v1/host/prerequisites');
    expect(res.status).toBe(200);
    const body = HostPrerequisites.parse(res.body);
    expect(body.platform).toBe('win32');
    expect(body.items.map((i) => [i.id, i.state])).toEqual([
      ['vcredist', 'ok'],
      ['directx', 'missing'],
      ['certificates', 'unknown'],
    ]);
  });

  it('refuses to install without consent, naming the consent field', async () => {
    for (const body of [{ items: ['directx'] }, { items: ['directx'], consent: false }]) {
      const res = await h.api<{ error: { code: string; details?: { fields?: { field: string }[] } } }>(
        'POST',
        '/api/v1/host/prerequisites/install',
        body,
      );
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation-failed');
      expect(res.body.error.details?.fields?.map((f) => f.field)).toContain('consent');
    }
    const unknown = await h.api('POST', '/api/v1/host/prerequisites/install', { items: ['dotnet'], consent: true });
    expect(unknown.status).toBe(400);
    expect(host.installed).toEqual([]);
  });

  it('installs with consent as a job: 202, progress on /ws, the result per item', async () => {
    const res = await h.api<{ job: Job }>('POST', '/api/v1/host/prerequisites/install', {
      items: ['directx', 'certificates', 'directx'],
      consent: true,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    expect(res.body.job).toMatchObject({
      type: 'INSTALL_PREREQUISITES',
      params: { items: ['directx', 'certificates'] },
    });
    const done = await ws.waitFor('job:completed', (d) => d.jobId === res.body.job.id, 30_000);
    expect(done.result).toEqual({
      items: [
        { id: 'directx', ok: true, message: 'directx: installed' },
        { id: 'certificates', ok: true, message: 'certificates: installed' },
      ],
      restartNeeded: false,
    });
    expect(ws.of('job:progress').some((p) => p.jobId === res.body.job.id)).toBe(true);
    expect(host.installed).toEqual([['directx', 'certificates']]);
  });
});
