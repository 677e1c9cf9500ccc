import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ShellStateStore } from './shell-state.ts';
import { memoryLogger } from './testing/fake-electron.ts';

const dirs: string[] = [];
function tempFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shell-state-'));
  dirs.push(dir);
  return path.join(dir, 'nested', 'desktop-shell.json');
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('the desktop shell state file', () => {
  it('starts empty and round-trips what it saved', () => {
    const file = tempFile();
    const store = new ShellStateStore(file, memoryLogger());
    expect(store.get()).toEqual({});
    store.update({ window: { bounds: { x: 10, y: 20, width: 1280, height: 820 }, maximized: true } });
    store.update({ trayHintShown: true });
    expect(new ShellStateStore(file, memoryLogger()).get()).toEqual({
      window: { bounds: { x: 10, y: 20, width: 1280, height: 820 }, maximized: true },
      trayHintShown: true,
    });
    expect(fs.readdirSync(path.dirname(file))).toEqual(['desktop-shell.json']);
  });

  it('ignores a corrupt or foreign file instead of failing the start', () => {
    const file = tempFile();
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, '{"window": {"bounds": {"x": "left"}}');
    const logger = memoryLogger();
    expect(new ShellStateStore(file, logger).get()).toEqual({});
    fs.writeFileSync(
      file,
      JSON.stringify({ window: { bounds: { x: 0, y: 0, width: 5, height: 5 }, maximized: false } }),
    );
    expect(new ShellStateStore(file, logger).get()).toEqual({});
    expect(logger.lines.filter((l) => l.level === 'warn')).toHaveLength(2);
  });

  it('logs, and keeps going, when it cannot write', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shell-state-'));
    dirs.push(dir);
    const blocker = path.join(dir, 'file');
    fs.writeFileSync(blocker, 'not a directory');
    const logger = memoryLogger();
    const store = new ShellStateStore(path.join(blocker, 'desktop-shell.json'), logger);
    store.update({ trayHintShown: true });
    expect(store.get().trayHintShown).toBe(true);
    expect(logger.lines.some((l) => l.level === 'warn')).toBe(true);
  });
});
