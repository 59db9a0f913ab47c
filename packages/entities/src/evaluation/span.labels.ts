// Hand labels of real posts, kept apart from the posts themselves (which we may not copy): each post
// is named by id and each label by its surface form; the spans are found in the post text when it
// is read at evaluation time. Format (`packages/entities/eval/telegram-sample.labels.txt`):
//   #### <post id>
//   <surface>\t<PER|LOC|ORG>[\t@n,m]
// Every whole-word occurrence of a surface is one span, longer surfaces first; `@n,m` keeps only
// the n-th and m-th occurrences (1-based, counted among those not inside a longer label).
import { InputError } from '@echotrace/core';
import type { GoldSpan } from './labeled.document.ts';

export interface SpanLabel {
  surface: string;
  type: string;
  /** 1-based occurrences to keep; all when absent. */
  occurrences?: number[];
  line: number;
}

export interface LabeledPost {
  id: string;
  labels: SpanLabel[];
}

const TYPES = new Set(['PER', 'LOC', 'ORG']);

export function parseSpanLabels(content: string, source = 'labels'): LabeledPost[] {
  const posts: LabeledPost[] = [];
  const ids = new Set<string>();
  content.split('\n').forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    const at = `${source}:${i + 1}`;
    const header = /^#### (\S+)\s*$/.exec(line);
    if (header) {
      const id = header[1]!;
      if (ids.has(id)) throw new InputError(at, `post ${id} is labeled twice`);
      ids.add(id);
      posts.push({ id, labels: [] });
      return;
    }
    if (line.trim() === '' || line.startsWith('#')) return;
    const post = posts.at(-1);
    if (!post) throw new InputError(at, 'a label before the first "#### <post id>" line');
    const [surface, type, which, extra] = line.split('\t');
    if (!surface || !type || extra !== undefined)
      throw new InputError(at, 'expected "surface<TAB>TYPE" or "surface<TAB>TYPE<TAB>@n,m"');
    if (!TYPES.has(type)) throw new InputError(at, `type ${JSON.stringify(type)} is not PER, LOC or ORG`);
    const label: SpanLabel = { surface, type, line: i + 1 };
    if (which !== undefined) {
      if (!/^@\d+(,\d+)*$/.test(which))
        throw new InputError(at, `occurrences ${JSON.stringify(which)} are not @n,m`);
      label.occurrences = which.slice(1).split(',').map(Number);
    }
    post.labels.push(label);
  });
  return posts;
}

/** The gold spans of one post in its text; a surface the text lacks is an error naming the label. */
export function resolveSpanLabels(post: LabeledPost, text: string, source = 'labels'): GoldSpan[] {
  const spans: GoldSpan[] = [];
  const ordered = [...post.labels].sort((a, b) => b.surface.length - a.surface.length || a.line - b.line);
  for (const label of ordered) {
    const found: GoldSpan[] = [];
    let from = 0;
    for (;;) {
      const start = text.indexOf(label.surface, from);
      if (start < 0) break;
      const end = start + label.surface.length;
      from = start + 1;
      if (!wholeWord(text, start, end)) continue;
      if (spans.some((s) => s.start < end && start < s.end)) continue;
      found.push({ start, end, type: label.type });
    }
    const at = `${source}:${label.line}`;
    if (found.length === 0)
      throw new InputError(at, `"${label.surface}" does not occur as a word in post ${post.id}`);
    const kept = label.occurrences ? label.occurrences.map((n) => found[n - 1]) : found;
    kept.forEach((span, k) => {
      if (!span)
        throw new InputError(
          at,
          `post ${post.id} has no occurrence ${label.occurrences![k]} of "${label.surface}"`,
        );
      spans.push(span);
    });
  }
  return spans.sort((a, b) => a.start - b.start);
}

function wholeWord(text: string, start: number, end: number): boolean {
  const word = /[\p{L}\p{N}]/u;
  return !word.test(text[start - 1] ?? '') && !word.test(text[end] ?? '');
}
