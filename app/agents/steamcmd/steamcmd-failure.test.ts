import { describe, expect, it } from 'vitest';
import { cleanExit, endedBySelfUpdate, runFailure } from './steamcmd-failure.ts';
import type { SteamcmdRunResult } from './steamcmd-process.ts';

const base: SteamcmdRunResult = {
  exitCode: 0,
  exitSignal: null,
  success: null,
  error: null,
  selfUpdated: false,
  output: '',
  stderr: '',
};
const diskFull = {
  kind: 'error' as const,
  reason: 'disk-space' as const,
  line: "Error! App '2430930' state is 0x202 after update job.",
  explanation: 'Not enough disk space for the server files',
  retryable: false,
};

describe('runFailure', () => {
  it('prefers the error line SteamCMD printed over its exit code', () => {
    const err = runFailure({ ...base, exitCode: 8, error: diskFull }, 'the install');
    expect(err).toMatchObject({ code: 'steamcmd-failed', message: 'Not enough disk space for the server files' });
  });

  it('explains a non-zero exit without an error line by its code', () => {
    expect(runFailure({ ...base, exitCode: 5 }, 'the install').message).toBe(
      "Steam refused the login: check the internet connection and Steam's status, then try again (exit code 5)",
    );
    expect(runFailure({ ...base, exitCode: 42 }, 'the install').message).toMatch(/unexpected code 42/);
  });

  it('names a kill by a signal and an exit 0 without "Success!"', () => {
    expect(runFailure({ ...base, exitCode: null, exitSignal: 'SIGKILL' }, 'the install').message).toMatch(
      /ended by SIGKILL/,
    );
    expect(runFailure(base, 'the install').message).toMatch(/no "Success!" line/);
  });
});

describe('endedBySelfUpdate', () => {
  it('is exit 7 without an error, or a self-update transcript', () => {
    expect(endedBySelfUpdate({ ...base, exitCode: 7 })).toBe(true);
    expect(endedBySelfUpdate({ ...base, exitCode: 0, selfUpdated: true })).toBe(true);
    expect(endedBySelfUpdate({ ...base, exitCode: 8, error: diskFull })).toBe(false);
    expect(
      endedBySelfUpdate({
        ...base,
        exitCode: 7,
        selfUpdated: true,
        success: { kind: 'success', appId: '2430930', outcome: 'installed' },
      }),
    ).toBe(false);
  });
});

describe('cleanExit', () => {
  it('is exit 0 without an error line or a self-update, Success! or not', () => {
    expect(cleanExit(base)).toBe(true);
    expect(cleanExit({ ...base, exitCode: 8 })).toBe(false);
    expect(cleanExit({ ...base, exitCode: null, exitSignal: 'SIGTERM' })).toBe(false);
    expect(cleanExit({ ...base, error: diskFull })).toBe(false);
    expect(cleanExit({ ...base, selfUpdated: true })).toBe(false);
  });
});
