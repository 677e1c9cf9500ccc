import type { SteamcmdProgress } from './steamcmd-events.ts';

/**
 * The phase of an `Update state` line, from its code's bits (docs/ark-facts.md#progress-lines-and-state-codes: 0x2 reconfiguring,
 * 0x4 validating, 0x10 preallocating, 0x20 downloading, 0x40 staging, 0x80 verifying, 0x100
 * committing, 0x400 stopping). Bits, not labels, because the label of 0x5 changed between SteamCMD
 * builds (`validating` → `verifying install`).
 */
export type ProgressPhase =
  | 'reconfiguring'
  | 'verifying-install'
  | 'preallocating'
  | 'downloading'
  | 'staging'
  | 'verifying-update'
  | 'committing'
  | 'stopping'
  | 'other';

// Checked in this order because codes combine bits: 0x61 is running|staging|downloading and reads
// as downloading; 0x401 is running|stopping.
const PHASE_BITS: ReadonlyArray<readonly [number, ProgressPhase]> = [
  [0x400, 'stopping'],
  [0x100, 'committing'],
  [0x80, 'verifying-update'],
  [0x20, 'downloading'],
  [0x40, 'staging'],
  [0x10, 'preallocating'],
  [0x4, 'verifying-install'],
  [0x2, 'reconfiguring'],
];

export function progressPhase(p: Pick<SteamcmdProgress, 'stateCode'>): ProgressPhase {
  const code = Number.parseInt(p.stateCode, 16);
  if (!Number.isFinite(code)) return 'other';
  for (const [bit, phase] of PHASE_BITS) if ((code & bit) !== 0) return phase;
  return 'other';
}

function wholePercent(percent: number): number {
  // Floor, so that 99.99 never reads as "100%" before the phase is really over.
  return Math.floor(clamp(percent));
}

function clamp(percent: number): number {
  return Math.min(100, Math.max(0, percent));
}

/** A short message for the UI, e.g. "Downloading… 45%". */
export function describeProgress(p: SteamcmdProgress): string {
  const pct = `${wholePercent(p.percent)}%`;
  switch (progressPhase(p)) {
    case 'reconfiguring':
      return 'Reconfiguring…';
    case 'verifying-install':
      return `Verifying installation… ${pct}`;
    case 'preallocating':
      return 'Preallocating disk space…';
    case 'downloading':
      return `Downloading… ${pct}`;
    case 'staging':
      return `Staging files… ${pct}`;
    case 'verifying-update':
      return `Verifying download… ${pct}`;
    case 'committing':
      return `Committing files… ${pct}`;
    case 'stopping':
      return 'Stopping the update…';
    case 'other':
      return `Working (${p.stateLabel})…`;
  }
}

/**
 * Where each phase sits in one job percentage. A fresh install runs 0x3 → 0x11 → 0x61 → 0x81 →
 * 0x101; `validate` on an existing install adds 0x5 first. Download dominates the wall time.
 *
 *   reconfiguring      0
 *   verifying-install  0–10   (the phase's own 0–100 % scaled into the band)
 *   preallocating      10
 *   downloading        10–85
 *   staging            85
 *   verifying-update   85–95
 *   committing         95–100
 *   stopping, other    null  (no position: keep the previous value)
 */
const BANDS: Readonly<Record<ProgressPhase, readonly [number, number] | null>> = {
  reconfiguring: [0, 0],
  'verifying-install': [0, 10],
  preallocating: [10, 10],
  downloading: [10, 85],
  staging: [85, 85],
  'verifying-update': [85, 95],
  committing: [95, 100],
  stopping: null,
  other: null,
};

/**
 * The job percentage (0–100, two decimals) for one progress line, or null when the line says
 * nothing about it. Monotonic in the phase order above; a caller keeps the maximum so that a phase
 * SteamCMD repeats (a second verify pass) never moves the bar backwards.
 */
export function overallPercent(p: SteamcmdProgress): number | null {
  const band = BANDS[progressPhase(p)];
  if (!band) return null;
  const [from, to] = band;
  const value = from + ((to - from) * clamp(p.percent)) / 100;
  return Math.round(value * 100) / 100;
}
