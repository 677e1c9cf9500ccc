import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCommandRunner } from './command-runner.ts';

describe('createCommandRunner', () => {
  const run = createCommandRunner({ timeoutMs: 10_000 });

  it('collects stdout and stderr and resolves with a non-zero exit code', async () => {
    const res = await run(process.execPath, [
      '-e',
      'process.stdout.write("out ü"); process.stderr.write("err"); process.exit(2)',
    ]);
    expect(res).toEqual({ stdout: 'out ü', stderr: 'err', code: 2 });
  });

  it('passes arguments without a shell', async () => {
    const res = await run(process.execPath, [
      '-e',
      'process.stdout.write(JSON.stringify(process.argv.slice(1)))',
      '$(echo hi)',
      'a b',
      '"q"',
    ]);
    expect(JSON.parse(res.stdout)).toEqual(['$(echo hi)', 'a b', '"q"']);
    expect(res.code).toBe(0);
  });

  it('rejects when the program cannot be started or does not finish in time', async () => {
    await expect(run(path.join(import.meta.dirname, 'no-such-tool'), [])).rejects.toThrow(/gave no answer/);
    const slow = createCommandRunner({ timeoutMs: 100 });
    await expect(slow(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'])).rejects.toThrow(/gave no answer/);
  });
});
