import { describe, expect, it } from 'vitest';
import { describeProgress, explainExitCode, overallPercent, progressPhase } from './output-parser.ts';
import type { SteamcmdProgress } from './output-parser.ts';

function p(stateCode: string, stateLabel: string, percent: number): SteamcmdProgress {
  return { stateCode, stateLabel, percent, bytesDone: 0, bytesTotal: 0 };
}

describe('progressPhase', () => {
  it.each([
    ['0x3', 'reconfiguring'],
    ['0x5', 'verifying-install'],
    ['0x11', 'preallocating'],
    ['0x61', 'downloading'],
    ['0x81', 'verifying-update'],
    ['0x101', 'committing'],
    ['0x401', 'stopping'],
    ['0x0', 'other'],
    ['0x1', 'other'],
  ])('%s is %s', (code, phase) => {
    expect(progressPhase({ stateCode: code })).toBe(phase);
  });
});

describe('describeProgress', () => {
  it('says what SteamCMD is doing', () => {
    expect(describeProgress(p('0x61', 'downloading', 45.99))).toBe('Downloading… 45%');
    expect(describeProgress(p('0x5', 'verifying install', 12.3))).toBe('Verifying installation… 12%');
    expect(describeProgress(p('0x5', 'validating', 12.3))).toBe('Verifying installation… 12%');
    expect(describeProgress(p('0x11', 'preallocating', 0))).toBe('Preallocating disk space…');
    expect(describeProgress(p('0x101', 'committing', 90))).toBe('Committing files… 90%');
    expect(describeProgress(p('0x3', 'reconfiguring', 0))).toBe('Reconfiguring…');
    expect(describeProgress(p('0x81', 'verifying update', 99.99))).toBe('Verifying download… 99%');
    expect(describeProgress(p('0x0', 'unknown', 0))).toBe('Working (unknown)…');
  });
});

describe('overallPercent', () => {
  it('maps the phases into one band each', () => {
    expect(overallPercent(p('0x3', 'reconfiguring', 0))).toBe(0);
    expect(overallPercent(p('0x5', 'verifying install', 50))).toBe(5);
    expect(overallPercent(p('0x11', 'preallocating', 0))).toBe(10);
    expect(overallPercent(p('0x61', 'downloading', 0))).toBe(10);
    expect(overallPercent(p('0x61', 'downloading', 100))).toBe(85);
    expect(overallPercent(p('0x81', 'verifying update', 50))).toBe(90);
    expect(overallPercent(p('0x101', 'committing', 100))).toBe(100);
    expect(overallPercent(p('0x401', 'stopping', 10))).toBeNull();
    expect(overallPercent(p('0x0', 'unknown', 0))).toBeNull();
  });

  it('never goes backwards over a fresh install in phase order', () => {
    const codes = ['0x3', '0x5', '0x11', '0x61', '0x81', '0x101'];
    const values = codes.flatMap((code) => [0, 33.3, 100].map((pct) => overallPercent(p(code, 'x', pct)) ?? -1));
    expect(values).toEqual([...values].sort((a, b) => a - b));
  });
});

describe('explainExitCode', () => {
  it.each([
    [0, 'success', true, false],
    [1, 'appinfo-timeout', false, true],
    [5, 'login-failure', false, false],
    [7, 'self-update', false, true],
    [8, 'install-failed', false, true],
    [3221225477, 'crashed', false, true],
    [-1073741819, 'crashed', false, true],
    [42, 'unknown', false, false],
  ])('%i → %s', (code, reason, ok, retryable) => {
    expect(explainExitCode(code)).toMatchObject({ code, reason, ok, retryable });
  });
});
