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

/**
 * How nested annotations become flat spans. `outermost` keeps the widest mapped span ("Министерство
 * обороны России" is one ORG). `names` follows FactRuEval's name-only convention, used to train a
 * model scored on FactRuEval: spans that begin with a lowercase word (descriptors such as
 * "правительство Китая") are dropped in favour of the names inside them, and an organization that
 * ends with a nested place or person is cut before it ("Министерство обороны" + "России").
 */
export type FlatteningConvention = 'outermost' | 'names';

function nameConvention(text: string, spans: GoldSpan[]): GoldSpan[] {
  const result: GoldSpan[] = [];
  for (const span of spans) {
    if (/^\p{Ll}/u.test(text.slice(span.start, span.end))) continue;
    if (span.type === 'ORG') {
      const tail = spans.find(
        (inner) => inner !== span && inner.end === span.end && inner.start > span.start,
      );
      if (tail) {
        const prefix = text.slice(span.start, tail.start).trimEnd();
        const lastWord = /(\S+)$/u.exec(prefix)?.[1] ?? '';
        if (!(lastWord.length <= 2 && /^\p{Ll}/u.test(lastWord)) && !/[«"(-]$/u.test(prefix)) {
          result.push({ start: span.start, end: span.start + prefix.length, type: span.type });
          continue;
        }
      }
    }
    result.push(span);
  }
  return result;
}

export function readBratDocument(
  dir: string,
  id: string,
  convention: FlatteningConvention = 'outermost',
): LabeledDocument {
  const text = readFileSync(join(dir, `${id}.txt`), 'utf8');
  const raw = parseBratAnnotations(readFileSync(join(dir, `${id}.ann`), 'utf8'));
  let gold: GoldSpan[] = [];
  for (const span of raw) {
    const type = BRAT_TYPE_MAP[span.type];
    if (type) gold.push({ start: span.start, end: span.end, type });
  }
  if (convention === 'names') gold = nameConvention(text, gold);
  return {
    id,
    text,
    sequences: splitSequences(text, tokenize(text)),
    gold: outermostSpans(gold, (t) => PRIORITY[t] ?? 9),
  };
}

export function readBrat(dir: string, convention: FlatteningConvention = 'outermost'): LabeledDocument[] {
  const ids = readdirSync(dir)
    .filter((name) => name.endsWith('.ann'))
    .map((name) => name.slice(0, -'.ann'.length))
    .sort();
  return ids.map((id) => readBratDocument(dir, id, convention));
}
