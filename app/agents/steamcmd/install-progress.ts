import { describeDiskProgress, diskDownloadProgress, type DiskSnapshot } from '../../domain/steamcmd/disk-progress.ts';
import { describeProgress, overallPercent, type SteamcmdEvent } from '../../domain/steamcmd/output-parser.ts';

export type ProgressCallback = (percent: number, message: string) => void;

/**
 * Turns SteamCMD events into (percent, message) for a job. The percent never goes backwards: a
 * second verify pass, a stalled line or a retry that resumes a download keep the best value so far,
 * while the message still says what SteamCMD is doing now.
 */
export class InstallProgress {
  private best = 0;
  private lastDisk: string | null = null;

  constructor(private readonly report: ProgressCallback = () => undefined) {}

  readonly onEvent = (event: SteamcmdEvent): void => {
    switch (event.kind) {
      case 'progress': {
        const percent = overallPercent(event);
        if (percent !== null) this.best = Math.max(this.best, percent);
        this.report(this.best, describeProgress(event));
        return;
      }
      case 'self-update':
        if (event.stage === 'downloading' || event.stage === 'applying') this.report(this.best, 'Updating SteamCMD…');
        return;
      case 'line':
        if (/^Connecting anonymously/i.test(event.text)) this.report(this.best, 'Logging in to Steam…');
        return;
      case 'success':
        this.best = 100;
        this.report(100, event.outcome === 'installed' ? 'Installed' : 'Already up to date');
        return;
      case 'error':
        return;
    }
  };

  /**
   * Progress read from disk (the manifest's byte counters, the downloading folder): the only
   * progress there is while Windows' buffered stdout holds the lines back. Reported when it moves.
   */
  readonly onDisk = (snapshot: DiskSnapshot): void => {
    const event = diskDownloadProgress(snapshot);
    if (!event) return;
    const key = `${event.bytesDone}/${event.bytesTotal}`;
    if (key === this.lastDisk) return;
    this.lastDisk = key;
    const percent = overallPercent(event);
    if (percent !== null) this.best = Math.max(this.best, percent);
    this.report(this.best, describeDiskProgress(event));
  };

  note(message: string): void {
    this.report(this.best, message);
  }
}
