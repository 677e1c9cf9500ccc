import type { Clock } from '../../domain/clock.ts';
import { diskFingerprint, type DiskSnapshot } from '../../domain/steamcmd/disk-progress.ts';
import { StallDetector } from '../../domain/steamcmd/stall-detector.ts';
import { readDiskSnapshot } from './disk-snapshot.ts';

export interface SteamcmdWatchdogOptions {
  clock: Clock;
  /** Stall after this long without output and without a change on disk. */
  timeoutMs: number;
  /** How often the disk is looked at. */
  pollMs: number;
  /** The force_install_dir of the run; without it only output counts as activity. */
  installDir?: string;
  /** Each snapshot of the disk (progress from the manifest and the downloading folder). */
  onDisk?: (snapshot: DiskSnapshot) => void;
  /** Called once, when the run has stalled; the watchdog stops itself first. */
  onStall: () => void;
  readDisk?: (installDir: string) => Promise<DiskSnapshot>;
}

/**
 * Watches one SteamCMD run: polls its manifest and downloading folder (progress that Windows'
 * buffered stdout hides), and reports a stall when neither output nor disk has moved for the
 * timeout. Time comes from the Clock, so tests drive it without waiting.
 */
export class SteamcmdWatchdog {
  private readonly detector: StallDetector;
  private readonly stopper = new AbortController();
  private loop: Promise<void> | null = null;

  constructor(private readonly opts: SteamcmdWatchdogOptions) {
    this.detector = new StallDetector(opts.timeoutMs, this.now());
  }

  start(): void {
    this.loop ??= this.run();
  }

  /** SteamCMD wrote something. */
  readonly noteOutput = (): void => {
    this.detector.output(this.now());
  };

  /** Stops polling; resolves when a poll under way has finished (so nothing reports after the run). */
  async stop(): Promise<void> {
    this.stopper.abort();
    await this.loop;
  }

  /** One look at the disk and the clock; exposed for tests. */
  async tick(): Promise<void> {
    const { installDir, readDisk = readDiskSnapshot } = this.opts;
    if (installDir !== undefined) {
      const snapshot = await readDisk(installDir).catch(() => null);
      if (this.stopper.signal.aborted) return;
      if (snapshot) {
        this.detector.disk(diskFingerprint(snapshot), this.now());
        this.opts.onDisk?.(snapshot);
      }
    }
    if (this.detector.stalled(this.now())) {
      this.stopper.abort();
      this.opts.onStall();
    }
  }

  private now(): number {
    return this.opts.clock.now().getTime();
  }

  private async run(): Promise<void> {
    const { signal } = this.stopper;
    while (!signal.aborted) {
      try {
        await this.opts.clock.sleep(this.opts.pollMs, signal);
      } catch {
        return; // stopped
      }
      await this.tick();
    }
  }
}
