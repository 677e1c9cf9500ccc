const LINE_HEIGHT = 20; // ConfigEditor.module.css .input line-height

/**
 * Selects [start, end) in the textarea and scrolls it into view without moving the focus (the
 * find box keeps it, so Enter goes on to the next match). Centred vertically when off screen.
 */
export function selectAndReveal(el: HTMLTextAreaElement, start: number, end: number): void {
  el.setSelectionRange(start, end);
  const before = el.value.slice(0, start);
  const line = before.split('\n').length - 1;
  const column = start - (before.lastIndexOf('\n') + 1);
  const top = line * LINE_HEIGHT;
  if (top < el.scrollTop || top + LINE_HEIGHT > el.scrollTop + el.clientHeight)
    el.scrollTop = top - el.clientHeight / 2;
  const left = column * charWidth(el);
  if (left < el.scrollLeft || left > el.scrollLeft + el.clientWidth - 80)
    el.scrollLeft = Math.max(0, left - el.clientWidth / 3);
}

let measured = 0;
function charWidth(el: HTMLTextAreaElement): number {
  if (measured) return measured;
  const ctx = document.createElement('canvas').getContext('2d');
  if (!ctx) return 8;
  ctx.font = getComputedStyle(el).font;
  measured = ctx.measureText('0000000000').width / 10;
  return measured;
}
