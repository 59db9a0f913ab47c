// Compact charts for a terminal: a sparkline is one character per period, eight heights of block
// (U+2581…U+2588), a blank for zero, so a series of a hundred weeks fits one line.
const BLOCKS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

export function sparkline(values: readonly number[], max = Math.max(0, ...values)): string {
  return values
    .map((v) => (v <= 0 || max <= 0 ? ' ' : BLOCKS[Math.min(7, Math.ceil((v / max) * 8) - 1)]!))
    .join('');
}

/** A horizontal bar of `width` cells at most, for value out of max. */
export function bar(value: number, max: number, width = 30): string {
  if (max <= 0 || value <= 0) return '';
  return '█'.repeat(Math.max(1, Math.round((value / max) * width)));
}

/** Marks under a sparkline: `^` where a rise was marked, `v` a drop. */
export function markLine(changes: ReadonlyArray<'rise' | 'drop' | null>): string {
  return changes.map((c) => (c === 'rise' ? '^' : c === 'drop' ? 'v' : ' ')).join('');
}
