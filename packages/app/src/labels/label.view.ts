// How a narrative or technique annotation reads outside storage: its id, name, score, method, its
// span with the words, and the evidence sentences. `analyze` and `documentLabels` show the same
// thing, one for a text analyzed on the fly, the other for a stored document with decisions.
import type { TypedAnnotation } from '@echotrace/core';

export interface LabelSpan {
  start: number;
  end: number;
  text: string;
}

export interface LabelView extends LabelSpan {
  id: string;
  name: string;
  score: number;
  method: string;
  evidence: LabelSpan[];
  /** For a technique, the paragraph it was detected in. */
  paragraph?: { start: number; end: number };
}

const spanIn = (text: string, { start, end }: { start: number; end: number }): LabelSpan => ({
  start,
  end,
  text: text.slice(start, end),
});

/** A narrative label of `text`; its evidence sentences, or the label's own span when it has none. */
export function narrativeView(text: string, a: TypedAnnotation<'narrative'>): LabelView {
  return {
    id: a.attributes.narrativeId,
    name: a.attributes.name,
    score: a.attributes.score ?? a.confidence,
    method: a.attributes.method ?? 'model',
    ...spanIn(text, a),
    evidence: (a.attributes.evidence ?? [a]).map((e) => spanIn(text, e)),
  };
}

/** A technique label of `text`: its triggering sentence is its evidence. */
export function techniqueView(text: string, a: TypedAnnotation<'technique'>): LabelView {
  return {
    id: a.attributes.techniqueId,
    name: a.attributes.name,
    score: a.attributes.score ?? a.confidence,
    method: a.attributes.method ?? 'model',
    ...spanIn(text, a),
    evidence: [spanIn(text, a)],
    ...(a.attributes.paragraph ? { paragraph: a.attributes.paragraph } : {}),
  };
}
