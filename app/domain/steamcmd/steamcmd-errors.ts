/**
 * SteamCMD error lines (docs/ark-facts.md#error-lines) mapped to a stable reason and an explanation a user can
 * act on. The state codes and their meanings follow LinuxGSM `core_dl.sh`; the retry verdicts follow
 * Ch4r0ne's and LinuxGSM's retry loops.
 */
export type SteamcmdErrorReason =
  | 'disk-space'
  | 'network'
  | 'disk-write'
  | 'missing-update-files'
  | 'corrupt-update-files'
  | 'update-failed'
  | 'transient'
  | 'update-state'
  | 'no-subscription'
  | 'missing-configuration'
  | 'invalid-platform'
  | 'install-failed'
  | 'appinfo-timeout'
  | 'login-failure'
  | 'install-dir-order'
  | 'beta-password'
  | 'file-permissions'
  | 'error';

export interface SteamcmdDiagnosis {
  reason: SteamcmdErrorReason;
  explanation: string;
  retryable: boolean;
}

const CONTENT_LOG = 'logs/content_log.txt in the SteamCMD folder';

const DISK_SPACE: SteamcmdDiagnosis = {
  reason: 'disk-space',
  explanation:
    'Not enough disk space for the server files (about 13 GB needed): free space on the drive of the data root and try again',
  retryable: false,
};

const NETWORK: SteamcmdDiagnosis = {
  reason: 'network',
  explanation:
    'The download from Steam did not complete (connection failed or dropped): check the internet connection, firewall or proxy, then try again',
  retryable: true,
};

const DISK_WRITE: SteamcmdDiagnosis = {
  reason: 'disk-write',
  explanation:
    'SteamCMD could not write the server files: check that the drive of the data root is not full or read-only, that the files are not locked by antivirus software, and that the manager may write there, then try again',
  retryable: false,
};

/** Keys are lower-case hex as SteamCMD prints them after `state is`. */
const STATE_ERRORS: Readonly<Record<string, SteamcmdDiagnosis>> = {
  '0x202': DISK_SPACE,
  '0x212': DISK_SPACE,
  '0x402': NETWORK,
  '0x602': NETWORK,
  '0x606': DISK_WRITE,
  '0x626': {
    reason: 'missing-update-files',
    explanation:
      'Some downloaded update files were missing: try again; if it keeps failing, install with "validate" enabled',
    retryable: true,
  },
  '0x6a6': {
    reason: 'corrupt-update-files',
    explanation:
      'Downloaded update files were corrupt: try again with "validate" enabled; if it keeps failing, check the drive for errors',
    retryable: true,
  },
  // 0x6 is Steam's catch-all; the real cause is only in content_log.txt. Ch4r0ne retries it after
  // removing the half-finished download, which is why it counts as retryable.
  '0x6': {
    reason: 'update-failed',
    explanation: `Steam reported a generic update failure: try again; if it repeats, see ${CONTENT_LOG} (often "Access Denied" or "No connection")`,
    retryable: true,
  },
  '0xe': {
    reason: 'transient',
    explanation: 'Steam reported a temporary update error: try again (a second run usually succeeds)',
    retryable: true,
  },
};

/** `(<text>)` of `ERROR! Failed to install app '<id>' (<text>)`, lower-cased. */
const INSTALL_FAILURES: Readonly<Record<string, SteamcmdDiagnosis>> = {
  'no subscription': {
    reason: 'no-subscription',
    explanation:
      'Steam refused the download (No subscription): the app id is wrong or needs a licence; the ASA dedicated server (2430930) installs with an anonymous login, so check the app id',
    retryable: false,
  },
  // Seen on SteamCMD's very first run and with a cold app-info cache, both cured by a second run.
  'missing configuration': {
    reason: 'missing-configuration',
    explanation: 'SteamCMD had no configuration for the app yet (first run or empty app-info cache): try again',
    retryable: true,
  },
  'invalid platform': {
    reason: 'invalid-platform',
    explanation:
      'Steam offers the ASA server for Windows only: on other hosts SteamCMD must be told to fetch Windows content (+@sSteamCmdForcePlatformType windows)',
    retryable: false,
  },
  'disk write failure': DISK_WRITE,
};

type Matcher = (line: string) => SteamcmdDiagnosis | null;

const MATCHERS: readonly Matcher[] = [
  (line) => {
    const m = /Error! App '\d+' state is (0x[0-9a-f]+) after update job/i.exec(line);
    if (!m?.[1]) return null;
    const code = m[1].toLowerCase();
    return STATE_ERRORS[code] ?? unknownState(code);
  },
  (line) => {
    const m = /ERROR! Failed to install app '\d+' \(([^)]*)\)/i.exec(line);
    if (!m) return null;
    const text = m[1] ?? '';
    return INSTALL_FAILURES[text.trim().toLowerCase()] ?? installFailed(text);
  },
  (line) =>
    /ERROR! Timed out waiting for AppInfo update/i.test(line)
      ? {
          reason: 'appinfo-timeout',
          explanation:
            'SteamCMD timed out waiting for app information from Steam: check the internet connection and try again',
          retryable: true,
        }
      : null,
  (line) => {
    const m = /Login Failure:\s*(.*)$/i.exec(line);
    return m ? loginFailure(m[1] ?? '') : null;
  },
  (line) =>
    /Please use force_install_dir before logon!/i.test(line)
      ? {
          reason: 'install-dir-order',
          explanation:
            'SteamCMD got the install folder after logging in and will not install there; this is a bug in the command line the manager built: please report it',
          retryable: false,
        }
      : null,
  (line) =>
    /Password check for AppId/i.test(line)
      ? {
          reason: 'beta-password',
          explanation: 'The beta branch password was rejected: check the branch name and its password',
          retryable: false,
        }
      : null,
  (line) =>
    /Missing file privileges/i.test(line)
      ? {
          reason: 'file-permissions',
          explanation:
            'SteamCMD may not write to the install folder: give the manager write access to the data root and try again',
          retryable: false,
        }
      : null,
  (line) => (/Disk write failure/i.test(line) ? DISK_WRITE : null),
  (line) =>
    /^\s*ERROR!/i.test(line)
      ? {
          reason: 'error',
          explanation: `SteamCMD reported an error: try again; if it repeats, see ${CONTENT_LOG}`,
          retryable: false,
        }
      : null,
];

function unknownState(code: string): SteamcmdDiagnosis {
  return {
    reason: 'update-state',
    explanation: `The update stopped with Steam state ${code}: try again; if it repeats, see ${CONTENT_LOG}`,
    retryable: true,
  };
}

function installFailed(text: string): SteamcmdDiagnosis {
  return {
    reason: 'install-failed',
    explanation: `Steam refused to install the app (${text}): try again; if it repeats, see ${CONTENT_LOG}`,
    retryable: false,
  };
}

function loginFailure(detail: string): SteamcmdDiagnosis {
  // The manager logs in anonymously, so only Steam's rate limit is worth waiting out.
  const rateLimited = /rate limit/i.test(detail);
  return {
    reason: 'login-failure',
    explanation: rateLimited
      ? 'Steam refused the login because of too many attempts (rate limit): wait a few minutes and try again'
      : `Steam refused the anonymous login (${detail.trim()}): check the internet connection and Steam's status, then try again`,
    retryable: rateLimited,
  };
}

/** The diagnosis of one SteamCMD output line, or null when it is not an error line. */
export function classifySteamcmdError(line: string): SteamcmdDiagnosis | null {
  for (const match of MATCHERS) {
    const diagnosis = match(line);
    if (diagnosis) return diagnosis;
  }
  return null;
}
