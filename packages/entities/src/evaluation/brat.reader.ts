// brat standoff documents (*.txt + *.ann), as NEREL ships them. NEREL's 29 nested types are mapped to
// ours and flattened to the outermost mapped span:
//   PERSON → PER; ORGANIZATION → ORG;
//   COUNTRY, CITY, STATE_OR_PROVINCE, DISTRICT, LOCATION, FACILITY → LOC;
//   everything else (PROFESSION, NATIONALITY, EVENT, DATE, AWARD, PRODUCT, WORK_OF_ART, LAW, …) is
//   not an entity for us. Generic brat types PER/ORG/LOC/MISC and long forms pass through.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { outermostSpans } from './labeled.document.ts';
import type { GoldSpan, LabeledDocument } from './labeled.document.ts';
import { splitSequences, tokenize } from '../recognition/word.tokenizer.ts';

export const BRAT_TYPE_MAP: Record<string, string> = {
  PERSON: 'PER',
  PER: 'PER',
  ORGANIZATION: 'ORG',
  ORG: 'ORG',
  COUNTRY: 'LOC',
  CITY: 'LOC',
  STATE_OR_PROVINCE: 'LOC',
  STATE_OR_PROV: 'LOC',
  DISTRICT: 'LOC',
  LOCATION: 'LOC',
  LOC: 'LOC',
  FACILITY: 'LOC',
  MISC: 'MISC',
};

const PRIORITY: Record<string, number> = { PER: 0, ORG: 1, LOC: 2, MISC: 3 };

export interface BratSpan {
  type: string;
  start: number;
  end: number;
}

/** Every text-bound annotation (T lines) with its raw type; discontinuous spans are joined end to end. */
export function parseBratAnnotations(content: string): BratSpan[] {
  const spans: BratSpan[] = [];
  for (const line of content.split('\n')) {
    if (!line.startsWith('T')) continue;
    const fields = line.split('\t');
    const [type, ...ranges] = (fields[1] ?? '').split(/[ ;]/);
    const numbers = ranges.map(Number);
    if (!type || numbers.length < 2 || numbers.some(Number.isNaN)) continue;
    spans.push({ type, start: Math.min(...numbers), end: Math.max(...numbers) });
  }
  return spans;
}

export function readBratDocument(dir: string, id: string): LabeledDocument {
  const text = readFileSync(join(dir, `${id}.txt`), 'utf8');
  const raw = parseBratAnnotations(readFileSync(join(dir, `${id}.ann`), 'utf8'));
  const gold: GoldSpan[] = [];
  for (const span of raw) {
    const type = BRAT_TYPE_MAP[span.type];
    if (type) gold.push({ start: span.start, end: span.end, type });
  }
  return {
    id,
    text,
    sequences: splitSequences(text, tokenize(text)),
    gold: outermostSpans(gold, (t) => PRIORITY[t] ?? 9),
  };
}

export function readBrat(dir: string): LabeledDocument[] {
  const ids = readdirSync(dir)
    .filter((name) => name.endsWith('.ann'))
    .map((name) => name.slice(0, -'.ann'.length))
    .sort();
  return ids.map((id) => readBratDocument(dir, id));
}
