// Cuts a text into plain and marked pieces at annotation spans (UTF-16 code units, as the API gives
// them and as JavaScript strings index). Overlapping spans: the earlier one wins, the later is cut.

export interface Piece {
  text: string;
  /** The annotation the piece belongs to, or null for plain text. */
  mark: { kind: string; label: string; title: string } | null;
}

export function pieces(
  text: string,
  spans: ReadonlyArray<{ start: number; end: number; kind: string; label: string; title: string }>,
): Piece[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Piece[] = [];
  let at = 0;
  for (const span of sorted) {
    const start = Math.max(span.start, at);
    if (span.end <= start || start >= text.length) continue;
    if (start > at) out.push({ text: text.slice(at, start), mark: null });
    out.push({
      text: text.slice(start, span.end),
      mark: { kind: span.kind, label: span.label, title: span.title },
    });
    at = span.end;
  }
  if (at < text.length) out.push({ text: text.slice(at), mark: null });
  return out;
}
