import { AppError } from '../app-error.ts';
import { ASA_APP_ID } from './app-id.ts';

export interface SteamcmdInstallOptions {
  /** Absolute folder the build is installed into (`+force_install_dir`). */
  installDir: string;
  /** Check every installed file against Steam (slower). */
  validate: boolean;
  /** Beta branch name; omitted or `public` means the default branch. */
  beta?: string;
  betaPassword?: string;
  /** Host OS: `windows` or `win32` for Windows; anything else makes SteamCMD fetch Windows content. */
  platform: NodeJS.Platform | 'windows';
}

const BRANCH_RE = /^[A-Za-z0-9_.-]+$/;

function checkArg(field: string, value: string, what: string): void {
  // Arguments are spawned without a shell, but SteamCMD itself reads a leading `+` as a new command.
  if (value.trim() === '' || value.startsWith('+') || /[\r\n\0]/.test(value)) {
    throw AppError.validation([{ field, message: `${what} must not be empty, start with "+" or contain line breaks` }]);
  }
}

function isWindows(platform: string): boolean {
  return platform === 'win32' || platform.toLowerCase() === 'windows';
}

function betaArgs(beta: string | undefined, betaPassword: string | undefined): string[] {
  if (beta === undefined || beta === 'public') return [];
  if (!BRANCH_RE.test(beta)) {
    throw AppError.validation([{ field: 'beta', message: 'A branch name has only letters, digits, ".", "_" and "-"' }]);
  }
  if (betaPassword === undefined) return ['-beta', beta];
  checkArg('betaPassword', betaPassword, 'The beta password');
  return ['-beta', beta, '-betapassword', betaPassword];
}

/**
 * The argv of an install/update run, in the canonical order of docs/ark-facts.md#install-and-update-command:
 * `+force_install_dir <dir>` must come before `+login`, or SteamCMD answers "Please use
 * force_install_dir before logon!" and the install fails. On non-Windows hosts
 * `+@sSteamCmdForcePlatformType windows` comes first (as LinuxGSM does) because ASA ships Windows
 * binaries only. Meant for spawning without a shell: no quoting.
 */
export function buildSteamcmdArgs(options: SteamcmdInstallOptions): string[] {
  checkArg('installDir', options.installDir, 'The install folder');
  const platform = isWindows(options.platform) ? [] : ['+@sSteamCmdForcePlatformType', 'windows'];
  return [
    ...platform,
    '+force_install_dir',
    options.installDir,
    '+login',
    'anonymous',
    '+app_update',
    ASA_APP_ID,
    ...betaArgs(options.beta, options.betaPassword),
    ...(options.validate ? ['validate'] : []),
    '+quit',
  ];
}

/** The argv that prints the latest build ids (docs/ark-facts.md#latest-build-id); parse with parseAppInfoBuildId. */
export function buildAppInfoArgs(): string[] {
  return ['+login', 'anonymous', '+app_info_update', '1', '+app_info_print', ASA_APP_ID, '+quit'];
}
