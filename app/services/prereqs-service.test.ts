import type { Job } from '@ark-asa/contracts';
import { describe, expect, it } from 'vitest';
import { NotApplicablePrereqHost, type PrereqHost } from '../agents/prereqs/prereq-host.ts';
import { PrereqsService } from './prereqs-service.ts';

describe('PrereqsService', () => {
  const runner = { enqueue: () => ({ id: 'job' }) as Job };

  it('answers not-applicable on Linux and refuses to install there', async () => {
    const service = new PrereqsService({ host: new NotApplicablePrereqHost('linux'), runner, agentId: () => 'a' });
    const checked = await service.check();
    expect(checked.platform).toBe('linux');
    expect(checked.items.every((i) => i.state === 'not-applicable')).toBe(true);
    expect(() => service.install({ items: ['vcredist'], consent: true })).toThrow(/only Windows hosts/);
  });

  it('queues one job with each item once on Windows', () => {
    const queued: unknown[] = [];
    const host = { platform: 'win32' } as PrereqHost;
    const service = new PrereqsService({
      host,
      runner: { enqueue: (req) => (queued.push(req), { id: 'job' } as Job) },
      agentId: () => 'agent',
    });
    service.install({ items: ['certificates', 'certificates', 'vcredist'], consent: true });
    expect(queued).toEqual([
      { type: 'INSTALL_PREREQUISITES', params: { items: ['certificates', 'vcredist'] }, agentId: 'agent' },
    ]);
  });
});
