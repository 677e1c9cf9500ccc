import type { SteamcmdErrorReason } from './steamcmd-errors.ts';

/** One `Update state (0x61) downloading, progress: 45.12 (4230000000 / 9371487164)` line. */
export interface SteamcmdProgress {
  /** The hex code as printed, e.g. `0x61`; a bit set (see progress.ts). */
  stateCode: string;
  /** The label as printed, e.g. `downloading`, `verifying install`; older builds say `validating`. */
  stateLabel: string;
  /** 0–100 with SteamCMD's two decimals; a locale comma is already turned into a point. */
  percent: number;
  bytesDone: number;
  bytesTotal: number;
}

export interface SteamcmdProgressEvent extends SteamcmdProgress {
  kind: 'progress';
}

export interface SteamcmdSuccessEvent {
  kind: 'success';
  appId: string;
  outcome: 'installed' | 'up-to-date';
}

export interface SteamcmdErrorEvent {
  kind: 'error';
  reason: SteamcmdErrorReason;
  /** The output line as printed (trailing whitespace removed). */
  line: string;
  /** What happened and what the user can do about it. */
  explanation: string;
  /** Whether running SteamCMD again without changing anything can help. */
  retryable: boolean;
}

/**
 * A bracketed line of SteamCMD's own bootstrapper (`[  0%] Checking for available update...`,
 * `[----] Update complete, launching...`). A normal run prints `checking` and `verifying` lines too;
 * only `downloading`, `applying` and `complete` mean that SteamCMD really updated itself, in which
 * case it usually exits with code 7 without running the requested commands.
 */
export interface SteamcmdSelfUpdateEvent {
  kind: 'self-update';
  stage: SelfUpdateStage;
  /** The bracketed percentage, or null for `[----]`. */
  percent: number | null;
  text: string;
}

export type SelfUpdateStage = 'checking' | 'downloading' | 'applying' | 'complete' | 'verifying' | 'other';

/** Any other non-blank line, for the raw log. */
export interface SteamcmdLineEvent {
  kind: 'line';
  text: string;
}

export type SteamcmdEvent =
  SteamcmdProgressEvent | SteamcmdSuccessEvent | SteamcmdErrorEvent | SteamcmdSelfUpdateEvent | SteamcmdLineEvent;
