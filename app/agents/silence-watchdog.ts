/**
 * Calls `onSilent` once nothing has re-armed it for `ms`: the peer of a channel fell silent (the
 * control plane watching a host's heartbeats, a host watching its control plane).
 *
 * After a stall of this process (a long GC, a blocked disk), due timers run before the sockets are
 * read, so a message that arrived meanwhile is still unread when the timer fires. The verdict waits
 * one more turn of the event loop (setImmediate runs after the poll phase): by then that message
 * has been handled and has re-armed the watchdog, and only a peer that really fell silent is cut.
 */
export class SilenceWatchdog {
  private timer: NodeJS.Timeout | null = null;

  arm(ms: number, onSilent: () => void): void {
    this.disarm();
    const timer = setTimeout(() => {
      setImmediate(() => {
        if (this.timer !== timer) return;
        this.timer = null;
        onSilent();
      });
    }, ms);
    // The channel's socket keeps the process alive; the watchdog alone must not.
    timer.unref();
    this.timer = timer;
  }

  disarm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
