/**
 * SteamCMD exit codes (docs/ark-facts.md#exit-codes). Valve never documented them; this is the community list
 * (steam-for-linux #4341, LinuxGSM #719) plus the Windows crash code Ch4r0ne handles.
 */
export interface SteamcmdExitInfo {
  code: number;
  ok: boolean;
  /** Whether running SteamCMD again can help; for code 8 a parsed error line knows better. */
  retryable: boolean;
  reason: 'success' | 'appinfo-timeout' | 'login-failure' | 'self-update' | 'install-failed' | 'crashed' | 'unknown';
  explanation: string;
}

/** 0xC0000005 (access violation) as Windows reports it, unsigned and signed. */
const ACCESS_VIOLATION = [3221225477, -1073741819];

type Known = Omit<SteamcmdExitInfo, 'code'>;

const KNOWN: Readonly<Record<number, Known>> = {
  0: { ok: true, retryable: false, reason: 'success', explanation: 'SteamCMD finished successfully' },
  1: {
    ok: false,
    retryable: true,
    reason: 'appinfo-timeout',
    explanation:
      'SteamCMD timed out waiting for app information from Steam: check the internet connection and try again',
  },
  5: {
    ok: false,
    retryable: false,
    reason: 'login-failure',
    explanation: "Steam refused the login: check the internet connection and Steam's status, then try again",
  },
  // A fresh SteamCMD updates itself and quits without running the commands; running it again is
  // the cure (Ch4r0ne, soda3x #248). Permission problems also end with 7 and will fail again.
  7: {
    ok: false,
    retryable: true,
    reason: 'self-update',
    explanation:
      'SteamCMD updated itself and quit before installing: run it again; if it keeps happening, check that the manager may write to the SteamCMD folder',
  },
  8: {
    ok: false,
    retryable: true,
    reason: 'install-failed',
    explanation: 'SteamCMD could not install or update the server: see the error it printed',
  },
};

export function explainExitCode(code: number): SteamcmdExitInfo {
  const known = KNOWN[code];
  if (known) return { code, ...known };
  if (ACCESS_VIOLATION.includes(code)) {
    return {
      code,
      ok: false,
      retryable: true,
      reason: 'crashed',
      explanation:
        'SteamCMD crashed (access violation 0xC0000005): try again; if it keeps crashing, delete the SteamCMD folder so that a fresh copy is installed',
    };
  }
  return {
    code,
    ok: false,
    retryable: false,
    reason: 'unknown',
    explanation: `SteamCMD exited with unexpected code ${code}`,
  };
}
