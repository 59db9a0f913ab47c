// Spans are stored in UTF-16 code units because that is how JavaScript strings index, so every
// slice in this code base is exact. Tools outside it (Python's str, Rust's chars, most notebooks)
// index by code point, and the two differ after every character outside the Basic Multilingual
// Plane (emoji in Telegram posts, some CJK). Exports others read carry both, converted here.

/** A converter from UTF-16 offsets of one text to code-point offsets of the same text. */
export type CodePointOffset = (utf16Offset: number) => number;

/**
 * Builds the converter for `text` once (a sorted list of where astral characters end), so a
 * document with many spans is converted in O(log n) per offset. A text with no astral character,
 * the usual case, gets the identity.
 */
export function codePointOffsets(text: string): CodePointOffset {
  const pairEnds: number[] = [];
  for (let i = 0; i < text.length - 1; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        pairEnds.push(i + 2);
        i++;
      }
    }
  }
  if (pairEnds.length === 0) return (offset) => offset;
  return (offset) => {
    // Pairs wholly before `offset`: each counts two code units but one code point. An offset inside
    // a pair (never produced by our spans) maps to the code point that the pair is.
    let low = 0;
    let high = pairEnds.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (pairEnds[middle]! <= offset) low = middle + 1;
      else high = middle;
    }
    return offset - low;
  };
}

/** `{startCodePoint, endCodePoint}` for a UTF-16 span of the text `toCodePoint` was built for. */
export const codePointSpan = (
  toCodePoint: CodePointOffset,
  span: { start: number; end: number },
): { startCodePoint: number; endCodePoint: number } => ({
  startCodePoint: toCodePoint(span.start),
  endCodePoint: toCodePoint(span.end),
});
