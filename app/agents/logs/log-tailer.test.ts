import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LogTailer, type LogTailerOptions } from './log-tailer.ts';

let dir: string;
let file: string;
let tailers: LogTailer[];

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ark-tail-'));
  file = path.join(dir, 'ShooterGame.log');
  tailers = [];
});
afterEach(async () => {
  for (const t of tailers) await t.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const BOM = '\uFEFF';

/** A tailer that only reads when the test says so (pollNow), unless an interval is given. */
function tail(opts: Partial<LogTailerOptions> = {}) {
  const lines: string[] = [];
  const errors: unknown[] = [];
  const tailer = new LogTailer({
    path: file,
    onLine: (l) => lines.push(l),
    onError: (e) => errors.push(e),
    pollIntervalMs: 60_000,
    ...opts,
  });
  tailers.push(tailer);
  return { tailer, lines, errors };
}

const append = (text: string | Buffer) => fs.appendFileSync(file, text);

/** What ASA does at start: the old log becomes a backup, a new one is created with a BOM. */
function rotateLikeAsa(firstLines: string) {
  fs.renameSync(file, path.join(dir, 'ShooterGame-backup-2025.11.05-16.11.49.log'));
  fs.writeFileSync(file, BOM + firstLines);
}

async function waitFor(check: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !check(); i += 1) await new Promise((r) => setTimeout(r, 10));
  expect(check()).toBe(true);
}

describe('LogTailer', () => {
  it('emits a line written in two pieces once, whole, with BOM and CR stripped', async () => {
    const { tailer, lines } = tail();
    await tailer.start({ fromStart: true });
    append(BOM + '[2025.11.05-16.11.49:765][  0]Log file open\r\nhalf a ');
    await tailer.pollNow();
    expect(lines).toEqual(['[2025.11.05-16.11.49:765][  0]Log file open']);
    append('line\r\n');
    await tailer.pollNow();
    expect(lines).toEqual(['[2025.11.05-16.11.49:765][  0]Log file open', 'half a line']);
  });

  it('decodes a multi-byte character whose bytes arrive in two writes', async () => {
    const { tailer, lines } = tail();
    await tailer.start({ fromStart: true });
    const bytes = Buffer.from('Jörg joined 🦖\n');
    const dino = bytes.indexOf(Buffer.from('🦖'));
    append(bytes.subarray(0, dino + 2));
    await tailer.pollNow();
    expect(lines).toEqual([]);
    append(bytes.subarray(dino + 2));
    await tailer.pollNow();
    expect(lines).toEqual(['Jörg joined 🦖']);
  });

  it('waits for a file that does not exist yet (nor its directory)', async () => {
    file = path.join(dir, 'ShooterGame', 'Saved', 'Logs', 'ShooterGame.log');
    const { tailer, lines, errors } = tail();
    await tailer.start({ fromStart: true });
    await tailer.pollNow();
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, BOM + 'late\n');
    await tailer.pollNow();
    expect(lines).toEqual(['late']);
    expect(errors).toEqual([]);
  });

  it('starts again at 0 after a truncation, also when the new content outgrew the old', async () => {
    const { tailer, lines } = tail();
    await tailer.start({ fromStart: true });
    append('one\ntwo\n');
    await tailer.pollNow();
    fs.truncateSync(file, 0);
    append('three\n');
    await tailer.pollNow();
    fs.writeFileSync(file, 'a much longer first line than before\nfive\n');
    await tailer.pollNow();
    expect(lines).toEqual(['one', 'two', 'three', 'a much longer first line than before', 'five']);
  });

  it('follows an ASA rotation: every line of both files once, in order', async () => {
    const { tailer, lines } = tail();
    await tailer.start({ fromStart: true });
    fs.writeFileSync(file, BOM + 'old 1\r\nold 2\r\n');
    await tailer.pollNow();
    // Written after the last poll, then the file is renamed: read through the handle still open.
    append('old 3\r\nold 4 unfinished');
    rotateLikeAsa('new 1\r\nnew 2\r\n');
    await tailer.pollNow();
    append('new 3\r\n');
    await tailer.pollNow();
    expect(lines).toEqual(['old 1', 'old 2', 'old 3', 'old 4 unfinished', 'new 1', 'new 2', 'new 3']);
  });

  it('follows a rotation observed while the new file is not created yet', async () => {
    const { tailer, lines, errors } = tail();
    await tailer.start({ fromStart: true });
    fs.writeFileSync(file, 'a\n');
    await tailer.pollNow();
    append('b\n');
    fs.renameSync(file, path.join(dir, 'ShooterGame-backup-2025.11.05-16.11.49.log'));
    await tailer.pollNow();
    expect(lines).toEqual(['a', 'b']);
    // The server writes the BOM on its own first (sim/ark-server/ue-log.ts does the same).
    fs.writeFileSync(file, BOM);
    await tailer.pollNow();
    append('c\n');
    await tailer.pollNow();
    expect(lines).toEqual(['a', 'b', 'c']);
    expect(errors).toEqual([]);
  });

  it('fromStart skips the previous run’s file and reads the new one from its first byte', async () => {
    fs.writeFileSync(file, BOM + 'previous run 1\r\nprevious run 2\r\n');
    const { tailer, lines } = tail();
    await tailer.start({ fromStart: true });
    await tailer.pollNow();
    append('still the previous run\r\n');
    await tailer.pollNow();
    expect(lines).toEqual([]);
    rotateLikeAsa('Log file open\r\n');
    await tailer.pollNow();
    expect(lines).toEqual(['Log file open']);
  });

  it('fromStart records the previous file at the call, so a server spawned without awaiting start() loses nothing', async () => {
    fs.writeFileSync(file, BOM + 'previous run\r\n');
    const { tailer, lines } = tail();
    const started = tailer.start({ fromStart: true });
    // The server replaces the log before the tailer's asynchronous open has even begun.
    rotateLikeAsa('Log file open\r\nsecond\r\n');
    await started;
    await tailer.pollNow();
    expect(lines).toEqual(['Log file open', 'second']);
  });

  it('fromStart treats the previous file truncated in place as the new one', async () => {
    fs.writeFileSync(file, 'previous run, a long line\n');
    const { tailer, lines } = tail();
    await tailer.start({ fromStart: true });
    fs.writeFileSync(file, BOM + 'new\n');
    await tailer.pollNow();
    expect(lines).toEqual(['new']);
  });

  it('re-attaching begins at the end, re-reading an unfinished last line whole', async () => {
    fs.writeFileSync(file, BOM + 'before the manager restarted\nhalf');
    const { tailer, lines } = tail();
    await tailer.start({ fromStart: false });
    await tailer.pollNow();
    expect(lines).toEqual([]);
    append(' written\nafter\n');
    await tailer.pollNow();
    expect(lines).toEqual(['half written', 'after']);
  });

  it('re-attaching to a missing file reads it from 0 once it appears', async () => {
    const { tailer, lines } = tail();
    await tailer.start({ fromStart: false });
    fs.writeFileSync(file, BOM + 'x\n');
    await tailer.pollNow();
    expect(lines).toEqual(['x']);
  });

  it('cuts an absurdly long line with a marker', async () => {
    const { tailer, lines } = tail({ maxLineChars: 100 });
    await tailer.start({ fromStart: true });
    append('x'.repeat(60));
    await tailer.pollNow();
    append('x'.repeat(940) + '\nok\n');
    await tailer.pollNow();
    expect(lines).toEqual(['x'.repeat(100) + ' … [line cut: 900 more characters]', 'ok']);
  });

  it('reads a backlog larger than one poll may read over several polls, without losing a byte', async () => {
    const want = Array.from({ length: 2000 }, (_, i) => `line ${i} ${'.'.repeat(i % 50)}`);
    fs.writeFileSync(file, want.join('\n') + '\n');
    const { tailer, lines } = tail({ pollIntervalMs: 5, maxBytesPerPoll: 4096 });
    await tailer.start({ fromStart: false });
    fs.rmSync(file);
    fs.writeFileSync(file, want.join('\n') + '\n');
    await waitFor(() => lines.length === want.length);
    expect(lines).toEqual(want);
  });

  it('polls on its own; stop() emits the unterminated last line and then nothing more', async () => {
    const { tailer, lines } = tail({ pollIntervalMs: 5 });
    await tailer.start({ fromStart: true });
    fs.writeFileSync(file, BOM + 'auto\n');
    await waitFor(() => lines.length === 1);
    append('no newline before exit');
    await tailer.stop();
    expect(lines).toEqual(['auto', 'no newline before exit']);
    append('after stop\n');
    await tailer.pollNow();
    await new Promise((r) => setTimeout(r, 30));
    expect(lines).toHaveLength(2);
  });

  it('leaves nothing behind after stop(): a process that only tailed exits on its own', () => {
    fs.writeFileSync(file, 'before\n');
    const script = path.join(dir, 'tail-then-stop.mts');
    const tailerModule = pathToFileURL(path.join(import.meta.dirname, 'log-tailer.ts')).href;
    fs.writeFileSync(
      script,
      `import fs from 'node:fs';
      import { LogTailer } from '${tailerModule}';
      const file = process.argv[2];
      const t = new LogTailer({ path: file, onLine: (l) => console.log('line:' + l), pollIntervalMs: 5 });
      await t.start({ fromStart: false });
      fs.appendFileSync(file, 'during\\n');
      await new Promise((r) => setTimeout(r, 50));
      await t.stop();
      console.log('stopped');`,
    );
    // A leaked timer or handle would keep the child alive until the guard kills it. (.mts: the temp dir
    // has no package.json saying "module", and the script uses top-level await.)
    const child = spawnSync(process.execPath, ['--import', 'tsx', script, file], { encoding: 'utf8', timeout: 20_000 });
    expect(child.signal).toBeNull();
    expect(child.status).toBe(0);
    expect(child.stdout.trim().split('\n')).toEqual(['line:during', 'stopped']);
  });

  it('survives an onLine that throws, reporting it', async () => {
    const seen: string[] = [];
    const { tailer, errors } = tail({
      onLine: (l) => {
        seen.push(l);
        if (l === 'bad') throw new Error('consumer failed');
      },
    });
    await tailer.start({ fromStart: true });
    fs.writeFileSync(file, 'bad\ngood\n');
    await tailer.pollNow();
    expect(seen).toEqual(['bad', 'good']);
    expect(errors).toHaveLength(1);
  });
});
