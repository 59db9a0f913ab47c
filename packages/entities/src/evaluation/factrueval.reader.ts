// FactRuEval-2016 documents (*.txt, *.tokens, *.spans, *.objects). Gold entities follow the
// conversion used by Natasha/slovnet to report FactRuEval scores: a Person object is one span from
// its first to its last part; an Org contributes only its org_name spans; Location and LocOrg only
// their loc_name spans (both become LOC). Overlaps are resolved to the outermost span.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { outermostSpans } from './labeled.document.ts';
import type { GoldSpan, LabeledDocument } from './labeled.document.ts';
import type { TextToken } from '../recognition/word.tokenizer.ts';

interface RawSpan {
  type: string;
  start: number;
  end: number;
}

const PRIORITY: Record<string, number> = { PER: 0, ORG: 1, LOC: 2 };

export function readFactRuEvalDocument(dir: string, id: string): LabeledDocument {
  const file = (ext: string): string => readFileSync(join(dir, `${id}.${ext}`), 'utf8');
  const text = file('txt');
  const sequences: TextToken[][] = [];
  let sentence: TextToken[] = [];
  for (const line of file('tokens').split('\n')) {
    const parts = line.trim().split(' ');
    if (parts.length < 4) {
      if (sentence.length > 0) sequences.push(sentence);
      sentence = [];
      continue;
    }
    const start = Number(parts[1]);
    const word = parts.slice(3).join(' ');
    sentence.push({ text: word, start, end: start + Number(parts[2]) });
  }
  if (sentence.length > 0) sequences.push(sentence);

  const spans = new Map<string, RawSpan>();
  for (const line of file('spans').split('\n')) {
    const parts = line.split('#')[0]!.trim().split(/\s+/);
    if (parts.length < 4) continue;
    const start = Number(parts[2]);
    spans.set(parts[0]!, { type: parts[1]!, start, end: start + Number(parts[3]) });
  }
  const gold: GoldSpan[] = [];
  for (const line of file('objects').split('\n')) {
    const parts = line.split('#')[0]!.trim().split(/\s+/);
    if (parts.length < 3) continue;
    const objectType = parts[1]!;
    const parts2 = parts
      .slice(2)
      .map((sid) => spans.get(sid))
      .filter((s): s is RawSpan => s !== undefined);
    if (parts2.length === 0) continue;
    if (objectType === 'Person') {
      gold.push({
        start: Math.min(...parts2.map((s) => s.start)),
        end: Math.max(...parts2.map((s) => s.end)),
        type: 'PER',
      });
    } else if (objectType === 'Org') {
      for (const s of parts2)
        if (s.type === 'org_name') gold.push({ start: s.start, end: s.end, type: 'ORG' });
    } else if (objectType === 'Location' || objectType === 'LocOrg') {
      for (const s of parts2)
        if (s.type === 'loc_name') gold.push({ start: s.start, end: s.end, type: 'LOC' });
    }
  }
  return { id, text, sequences, gold: outermostSpans(gold, (t) => PRIORITY[t] ?? 9) };
}

export function readFactRuEval(dir: string): LabeledDocument[] {
  const ids = readdirSync(dir)
    .filter((name) => name.endsWith('.objects'))
    .map((name) => name.slice(0, -'.objects'.length))
    .sort();
  return ids.map((id) => readFactRuEvalDocument(dir, id));
}

/** Role phrases (`job` spans) of FactRuEval, used to learn title words. */
export function readFactRuEvalJobs(dir: string, id: string): string[] {
  const text = readFileSync(join(dir, `${id}.txt`), 'utf8');
  const jobs: string[] = [];
  for (const line of readFileSync(join(dir, `${id}.spans`), 'utf8').split('\n')) {
    const parts = line.split('#')[0]!.trim().split(/\s+/);
    if (parts[1] !== 'job') continue;
    const start = Number(parts[2]);
    jobs.push(text.slice(start, start + Number(parts[3])));
  }
  return jobs;
}
