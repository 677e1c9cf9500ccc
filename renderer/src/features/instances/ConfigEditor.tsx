import { useMemo, useRef, type ReactNode, type RefObject } from 'react';
import classes from './ConfigEditor.module.css';

interface ConfigEditorProps {
  text: string;
  onChange: (text: string) => void;
  readOnly: boolean;
  label: string;
  /** Start offsets of the search matches, their length, and which one is current. */
  matches: readonly number[];
  matchLength: number;
  current: number | null;
  onCaret: (offset: number) => void;
  textareaRef: RefObject<HTMLTextAreaElement | null>;
}

/** The monospace editor: a plain textarea (native undo, selection, screen readers) with highlighted matches. */
export function ConfigEditor({
  text,
  onChange,
  readOnly,
  label,
  matches,
  matchLength,
  current,
  onCaret,
  textareaRef,
}: ConfigEditorProps) {
  const area = textareaRef;
  const layer = useRef<HTMLDivElement | null>(null);
  // The highlight layer moves with the textarea's scroll (set directly: no re-render per scroll event).
  const sync = () => {
    if (area.current && layer.current)
      layer.current.style.transform = `translate(${-area.current.scrollLeft}px, ${-area.current.scrollTop}px)`;
  };

  const painted = useMemo(
    () => paintMatches(text, matches, matchLength, current),
    [text, matches, matchLength, current],
  );
  return (
    <div className={classes.wrap} data-readonly={readOnly || undefined}>
      {matches.length > 0 && (
        <div className={classes.backdrop} aria-hidden>
          <div
            ref={(el) => {
              layer.current = el;
              sync();
            }}
          >
            {painted}
          </div>
        </div>
      )}
      <textarea
        ref={textareaRef}
        className={classes.input}
        value={text}
        onChange={(e) => onChange(e.currentTarget.value)}
        onScroll={sync}
        onSelect={(e) => onCaret(e.currentTarget.selectionStart)}
        readOnly={readOnly}
        aria-label={label}
        aria-readonly={readOnly}
        wrap="off"
        spellCheck={false}
        autoCapitalize="off"
        autoComplete="off"
        autoCorrect="off"
        data-testid="config-editor"
      />
    </div>
  );
}

/** The text with every match wrapped in a mark; the text itself is transparent (the textarea shows it). */
function paintMatches(text: string, matches: readonly number[], length: number, current: number | null): ReactNode[] {
  const out: ReactNode[] = [];
  let from = 0;
  matches.forEach((m, i) => {
    out.push(text.slice(from, m));
    out.push(
      <mark key={m} className={i === current ? classes.current : classes.match}>
        {text.slice(m, m + length)}
      </mark>,
    );
    from = m + length;
  });
  // A trailing newline collapses in a div; a space keeps the last (empty) line's height.
  out.push(text.slice(from) + ' ');
  return out;
}
