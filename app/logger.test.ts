import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SonicBoom } from 'sonic-boom';
import { describe, expect, it, vi } from 'vitest';
import { createLogger, RollingLogFile } from './logger.ts';

const until = async (cond: () => boolean, ms = 10_000) => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('the manager log', () => {
  it('rotates by size and keeps a bounded number of files, without a worker thread', async () => {
    const logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ark-log-'));
    const logger = createLogger({ logDir, stdout: false, rotation: { maxFileBytes: 4096, keepFiles: 2 } });
    const line = 'x'.repeat(500);
    for (let i = 0; i < 200; i += 1) {
      logger.info({ i }, line);
      if (i % 20 === 0) await new Promise((r) => setTimeout(r, 5));
    }
    const logs = () => fs.readdirSync(logDir).filter((f) => /^manager\.\d+\.log$/.test(f));
    await until(() => logs().length <= 3 && logs().some((f) => f !== 'manager.1.log'));
    const total = logs().reduce((sum, f) => sum + fs.statSync(path.join(logDir, f)).size, 0);
    // 200 lines of ~550 bytes (110 kB) were written; the current file and two older ones remain,
    // each a little over 4 kB since a file rolls once the write that crossed the limit is done.
    expect(total).toBeLessThan(40_000);
  });

  it('truncates long error messages and stacks in log lines', async () => {
    const logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ark-log-'));
    const logger = createLogger({ logDir, stdout: false });
    logger.error({ err: new URIError(`Failed to decode param '${'%zz'.repeat(20_000)}'`) }, 'request failed');
    const file = path.join(logDir, 'manager.1.log');
    await until(() => fs.existsSync(file) && fs.readFileSync(file, 'utf8').includes('request failed'));
    expect(fs.statSync(file).size).toBeLessThan(12_000);
  });

  it('drops lines it cannot write (a full disk) instead of throwing into the caller', async () => {
    const full = new SonicBoom({ dest: '/dev/full', sync: true });
    const stream = new RollingLogFile(fs.mkdtempSync(path.join(os.tmpdir(), 'ark-log-')), {}, () =>
      Promise.resolve(full),
    );
    await stream.ready;
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      for (let i = 0; i < 100; i += 1) expect(stream.write(`{"msg":"line ${i}"}\n`)).toBe(true);
      // Told once, not once per line.
      expect(stderr).toHaveBeenCalledTimes(1);
    } finally {
      stderr.mockRestore();
    }
  });
});
