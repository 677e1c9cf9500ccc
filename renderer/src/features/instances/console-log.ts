import type { LogEntry } from '@ark-asa/contracts';
import { useEffect, useState } from 'react';
import { instanceLog } from '../../api/log-store.ts';

/**
 * The instance's log lines, re-rendered at most once per animation frame. Every instance:log event
 * is its own WebSocket message, so a chatty server (or SteamCMD) would otherwise cost one render
 * and one layout per line; per frame, a burst of lines costs one.
 */
export function useFrameLog(instanceId: string): readonly LogEntry[] {
  const log = instanceLog(instanceId);
  const [seen, setSeen] = useState<{ log: typeof log; lines: readonly LogEntry[] }>({ log, lines: log.lines });
  useEffect(() => {
    let frame = 0;
    const schedule = () => {
      frame ||= requestAnimationFrame(() => {
        frame = 0;
        setSeen({ log, lines: log.lines });
      });
    };
    const off = log.subscribe(schedule);
    // Lines may have arrived between the render and this subscription.
    schedule();
    void log.load();
    return () => {
      off();
      cancelAnimationFrame(frame);
    };
  }, [log]);
  // After switching instances, show the new log at once rather than the old one for a frame.
  return seen.log === log ? seen.lines : log.lines;
}
