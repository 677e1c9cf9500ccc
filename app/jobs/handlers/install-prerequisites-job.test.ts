import type { InstallPrerequisitesResult, Job } from '@ark-asa/contracts';
import { describe, expect, it } from 'vitest';
import { installPrerequisitesJob } from './install-prerequisites-job.ts';

const run = (result: InstallPrerequisitesResult) =>
  installPrerequisitesJob({ installer: { install: () => Promise.resolve(result) } }).run({
    job: {} as Job,
    runId: 'r',
    params: { items: ['vcredist', 'directx'] },
    signal: new AbortController().signal,
    progress: () => undefined,
  });

describe('INSTALL_PREREQUISITES', () => {
  it('completes when at least one item was installed', async () => {
    const result = {
      items: [
        { id: 'vcredist' as const, ok: true, message: 'installed' },
        { id: 'directx' as const, ok: false, message: 'declined' },
      ],
      restartNeeded: false,
    };
    await expect(run(result)).resolves.toEqual(result);
  });

  it('fails with every item’s message when none was', async () => {
    const result = {
      items: [
        { id: 'vcredist' as const, ok: false, message: 'VC++: declined' },
        { id: 'directx' as const, ok: false, message: 'DirectX: declined' },
      ],
      restartNeeded: false,
    };
    await expect(run(result)).rejects.toThrow('VC++: declined · DirectX: declined');
  });
});
