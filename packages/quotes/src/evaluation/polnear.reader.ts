// PolNeAR (brat standoff): `<split>/text/<article>.txt` and `<split>/attributions/<article>_<annotator>.ann`
// with Source, Cue and Content spans (possibly discontinuous: "s e;s e") tied by Attribution events.
// An article annotated by several annotators is read once, with the first annotator's file.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '@echotrace/core';
import type { GoldAttribution, GoldDocument } from './quote.scoring.ts';
import type { Span } from '../quote.model.ts';

export function readPolnear(dir: string, split: string): GoldDocument[] {
  const base = join(dir, split);
  const annotations = join(base, 'attributions');
  if (!existsSync(annotations))
    throw new InputError(annotations, 'not a PolNeAR split folder (no attributions/)');
  const byArticle = new Map<string, string>();
  for (const file of readdirSync(annotations)
    .filter((f) => f.endsWith('.ann'))
    .sort()) {
    const article = file.replace(/_[0-9a-f]+\.ann$/, '');
    if (!byArticle.has(article)) byArticle.set(article, file);
  }
  const documents: GoldDocument[] = [];
  for (const [article, file] of byArticle) {
    const textPath = join(base, 'text', `${article}.txt`);
    if (!existsSync(textPath)) throw new InputError(textPath, `text of ${file} is missing`);
    const text = readFileSync(textPath, 'utf8');
    documents.push({
      id: article,
      text,
      attributions: parseAnn(readFileSync(join(annotations, file), 'utf8'), join(annotations, file)),
    });
  }
  return documents;
}

function parseAnn(content: string, where: string): GoldAttribution[] {
  const spans = new Map<string, { role: string; spans: Span[] }>();
  const events: string[][] = [];
  for (const line of content.split('\n')) {
    const t = /^(T\d+)\t(\S+) ([\d ;]+)\t/.exec(line);
    if (t) {
      const pieces = t[3]!.split(';').map((p) => {
        const [s, e] = p.trim().split(' ').map(Number);
        if (!Number.isInteger(s) || !Number.isInteger(e))
          throw new InputError(where, `bad span in ${line.slice(0, 60)}`);
        return { start: s!, end: e! };
      });
      spans.set(t[1]!, { role: t[2]!, spans: pieces });
      continue;
    }
    if (/^E\d+\t/.test(line)) events.push(line.split('\t')[1]!.trim().split(/\s+/));
  }
  const out: GoldAttribution[] = [];
  for (const event of events) {
    const roles: Record<string, Span[]> = {};
    for (const arg of event.slice(1)) {
      const [role, id] = arg.split(':');
      const target = id ? spans.get(id) : undefined;
      if (role && target) roles[role.replace(/\d+$/, '')] = target.spans;
    }
    if (!roles.Content) continue;
    out.push({ content: roles.Content, cue: roles.Cue ?? [], source: roles.Source ?? [] });
  }
  return out;
}
