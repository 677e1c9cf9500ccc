import { Button } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { Fragment, memo, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import type { LogEntry } from '@ark-asa/contracts';
import { clock, countNewer, indexOfSeq, splitMatches } from './console-filter.ts';
import classes from './LogView.module.css';

/** One line of 18px plus 2px padding: the estimate must not exceed a real row, see onScroll. */
const ROW = 20;
/** Within this many pixels of the end counts as "at the bottom" (sub-pixel zoom rounding). */
const BOTTOM_SLACK = 8;

interface LogViewProps {
  lines: readonly LogEntry[];
  /** Filter text to mark in each message. */
  highlight: string;
  /** Shown over the empty view (no lines, or none matching). */
  empty: ReactNode;
}

/**
 * The live log, virtualised (only the visible rows exist, so 5,000 lines scroll smoothly). It
 * follows the tail while scrolled to the bottom; scrolling up pauses it and counts what arrives.
 */
export function LogView({ lines, highlight, empty }: LogViewProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const lastTop = useRef(0);
  /** While paused: the top visible line and how far into it the view starts, to hold it in place. */
  const anchor = useRef<{ seq: number; delta: number } | null>(null);
  const [following, setFollowing] = useState(true);
  const [pausedAfterSeq, setPausedAfterSeq] = useState(-1);
  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Virtual returns a mutable object by design; this component opts out of React Compiler memoisation, which is fine here
  const virtualizer = useVirtualizer({
    count: lines.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW,
    getItemKey: (i) => lines[i]?.seq ?? i,
    overscan: 15,
  });
  const total = virtualizer.getTotalSize();

  // Following: pin to the end after every render that adds lines or grows a row. Paused: keep the
  // anchor line still, since a full log drops its oldest lines (5,000 max) and filters reshuffle rows.
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    if (following) {
      el.scrollTop = el.scrollHeight;
      return;
    }
    const a = anchor.current;
    const row = a ? virtualizer.measurementsCache[indexOfSeq(lines, a.seq)] : undefined;
    if (a && row && Math.abs(el.scrollTop - (row.start + a.delta)) > 1) el.scrollTop = row.start + a.delta;
  }, [following, lines, total, virtualizer]);

  const onScroll = () => {
    const el = scrollRef.current;
    if (!el) return;
    const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight <= BOTTOM_SLACK;
    // Only a move upwards pauses: pinning and row measurements (estimates never exceed a real
    // row, so rows only grow) move the view down, never up.
    if (atBottom) setFollowing(true);
    else if (el.scrollTop < lastTop.current - 1 && following) {
      setFollowing(false);
      setPausedAfterSeq(lines.at(-1)?.seq ?? -1);
    }
    lastTop.current = el.scrollTop;
    const top = virtualizer.getVirtualItemForOffset(el.scrollTop);
    const entry = top ? lines[top.index] : undefined;
    anchor.current = top && entry ? { seq: entry.seq, delta: el.scrollTop - top.start } : null;
  };

  const fresh = following ? 0 : countNewer(lines, pausedAfterSeq);
  return (
    <div className={classes.frame}>
      <div
        ref={scrollRef}
        className={classes.scroller}
        onScroll={onScroll}
        tabIndex={0}
        role="log"
        aria-label="Server log (arrow keys and Page Up/Down scroll; End follows the newest line)"
        data-testid="log-view"
        data-following={following}
      >
        <div style={{ height: total, position: 'relative' }}>
          {virtualizer.getVirtualItems().map((row) => {
            const entry = lines[row.index];
            if (!entry) return null;
            return (
              <div
                key={row.key}
                ref={virtualizer.measureElement}
                data-index={row.index}
                className={classes.line}
                style={{ transform: `translateY(${row.start}px)` }}
                data-testid="log-line"
                data-source={entry.source}
                data-level={entry.level}
              >
                <LogLine entry={entry} highlight={highlight} />
              </div>
            );
          })}
        </div>
      </div>
      {lines.length === 0 && <div className={classes.empty}>{empty}</div>}
      {!following && (
        <Button
          className={classes.jump}
          size="xs"
          radius="xl"
          onClick={() => setFollowing(true)}
          data-testid="log-jump"
        >
          {fresh > 0 ? `${fresh} new line${fresh === 1 ? '' : 's'} — jump to latest` : 'Paused — jump to latest'}
        </Button>
      )}
    </div>
  );
}

/** The row's cells; memoised because a new line re-renders the list but never changes old rows. */
const LogLine = memo(function LogLine({ entry, highlight }: { entry: LogEntry; highlight: string }) {
  return (
    <>
      <span className={classes.time} title={new Date(entry.timestamp).toLocaleString()}>
        {clock(entry.timestamp)}
      </span>
      <span className={classes.level}>{entry.level}</span>
      <span className={classes.source}>{entry.source}</span>
      <span className={classes.message}>
        {splitMatches(entry.message, highlight).map((p, i) =>
          p.match ? (
            <mark key={i} className={classes.mark}>
              {p.text}
            </mark>
          ) : (
            <Fragment key={i}>{p.text}</Fragment>
          ),
        )}
      </span>
    </>
  );
});
