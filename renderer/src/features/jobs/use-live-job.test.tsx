// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Job } from '@ark-asa/contracts';
import { fakeApi, fetchedUrls, installDomShims, json, renderInApp } from '../../test/harness.tsx';
import { BASEMENT, LOCAL } from '../hosts/test-hosts.ts';
import { useLatestJob, type JobHost } from './use-live-job.ts';

const T = (s: number) => new Date(Date.UTC(2026, 11, 6, 10, 0, s)).toISOString();

function job(agentId: string, createdAt: string): Job {
  return {
    id: crypto.randomUUID(),
    type: 'INSTALL_BUILD',
    status: 'COMPLETED',
    instanceId: null,
    agentId,
    params: {},
    createdAt,
    updatedAt: createdAt,
    startedAt: createdAt,
    finishedAt: createdAt,
    error: null,
  };
}

/** A control plane holding `jobs`, answering GET /api/v1/jobs with its type, agentId and limit filters. */
function serve(jobs: Job[]): void {
  fakeApi((c) => {
    const q = new URL(fetchedUrls().at(-1) ?? '', 'http://x').searchParams;
    if (c.path !== '/api/v1/jobs') return json(404, { error: { code: 'route-not-found', message: c.path } });
    const items = jobs
      .filter(
        (j) => (!q.get('type') || j.type === q.get('type')) && (!q.get('agentId') || j.agentId === q.get('agentId')),
      )
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
      .slice(0, Number(q.get('limit') ?? 50));
    return json(200, { items, nextCursor: null });
  });
}

function Latest({ host }: { host?: JobHost }) {
  const latest = useLatestJob('INSTALL_BUILD', host);
  return <p data-testid="latest">{latest ? latest.id : 'none'}</p>;
}

const shown = async (id: string) => expect((await screen.findByText(id)).dataset.testid).toBe('latest');

beforeAll(installDomShims);
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('useLatestJob', () => {
  // 60 newer installs on this PC: more than the page of 50 the hook used to filter by host itself.
  const basement = job(BASEMENT.id, T(0));
  const local = Array.from({ length: 60 }, (_, i) => job(LOCAL.id, T(i + 1)));

  it("finds a host's newest job under many newer jobs of other hosts, asking the API for that one job", async () => {
    serve([basement, ...local]);
    renderInApp(<Latest host={{ id: BASEMENT.id }} />);
    await shown(basement.id);
    expect(fetchedUrls()).toEqual([`/api/v1/jobs?limit=1&type=INSTALL_BUILD&agentId=${BASEMENT.id}`]);
  });

  it("asks for this PC's jobs by its id (the API adds those stored without a host)", async () => {
    serve([...local, basement]);
    renderInApp(<Latest host={{ id: LOCAL.id }} />);
    await shown(local.at(-1)!.id);
    expect(fetchedUrls()).toEqual([`/api/v1/jobs?limit=1&type=INSTALL_BUILD&agentId=${LOCAL.id}`]);
  });

  it('takes the newest of any host when no host is given', async () => {
    const newest = job(BASEMENT.id, T(99));
    serve([...local, newest]);
    renderInApp(<Latest />);
    await shown(newest.id);
    expect(fetchedUrls()).toEqual(['/api/v1/jobs?limit=1&type=INSTALL_BUILD']);
  });
});
