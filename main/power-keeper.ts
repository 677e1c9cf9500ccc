/**
 * Keeps the machine awake while game servers run (a sleeping PC drops every player), and lets it
 * sleep again when the last one stops. The screen may still turn off: `prevent-app-suspension`
 * only keeps the system running.
 */
import type { PowerSaveBlockerPort, ShellLogger } from './electron-facade.ts';

export class PowerKeeper {
  private blockerId: number | null = null;

  constructor(
    private readonly blocker: PowerSaveBlockerPort,
    private readonly logger: ShellLogger,
  ) {}

  get blocking(): boolean {
    return this.blockerId !== null;
  }

  /** The running-server count changed (or may have). */
  update(running: number): void {
    if (running > 0 && this.blockerId === null) {
      this.blockerId = this.blocker.start('prevent-app-suspension');
      this.logger.info({ running }, 'keeping the computer awake while servers run');
    } else if (running === 0 && this.blockerId !== null) this.release();
  }

  release(): void {
    if (this.blockerId === null) return;
    if (this.blocker.isStarted(this.blockerId)) this.blocker.stop(this.blockerId);
    this.blockerId = null;
    this.logger.info({}, 'the computer may sleep again');
  }
}
