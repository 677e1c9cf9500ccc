import type { LogEntry } from '@ark-asa/contracts';
import { useEffect, useState } from 'react';
import { instanceLog } from '../../api/log-store.ts';

/**
 * At most this often the console re-renders while lines stream in. A line after a quiet spell
 * shows at the next frame; a flood (a server writing 2,000 lines/s, SteamCMD) re-renders ten times
 * a second instead of every frame: nobody reads lines scrolling by that fast, and each render
 * re-lays and repaints the log, which at 60 renders a second starved the page of frames.
 */
const MIN_RENDER_GAP_MS = 100;

/**
 * The instance's log lines, re-rendered at most once per animation frame and MIN_RENDER_GAP_MS.
 * Every instance:log event is its own WebSocket message; per render, a burst of lines costs one.
 */
export function useFrameLog(instanceId: string): readonly LogEntry[] {
  const log = instanceLog(instanceId);
  const [seen, setSeen] = useState<{ log: typeof log; lines: readonly LogEntry[] }>({ log, lines: log.lines });
  useEffect(() => {
    let frame = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let last = -Infinity;
    const render = () => {
      frame = 0;
      last = performance.now();
      setSeen({ log, lines: log.lines });
    };
    const schedule = () => {
      if (frame || timer) return;
      const wait = last + MIN_RENDER_GAP_MS - performance.now();
      if (wait <= 0) frame = requestAnimationFrame(render);
      else
        timer = setTimeout(() => {
          timer = undefined;
          frame = requestAnimationFrame(render);
        }, wait);
    };
    const off = log.subscribe(schedule);
    // Lines may have arrived between the render and this subscription.
    schedule();
    void log.load();
    return () => {
      off();
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [log]);
  // After switching instances, show the new log at once rather than the old one for a frame.
  return seen.log === log ? seen.lines : log.lines;
}
