// NEREL v1.1 (brat standoff) mentions of people, organizations and places with their gold Wikidata
// links (`N… Reference T… Wikidata:Q…` lines), for scoring linking against a knowledge base.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EntityType } from '../recognition/mention.types.ts';

export interface LinkedGoldMention {
  text: string;
  type: EntityType;
  start: number;
  end: number;
  /** Gold Wikidata QID, or null when the annotators linked it to nothing. */
  qid: string | null;
}

export interface LinkedDocument {
  id: string;
  text: string;
  mentions: LinkedGoldMention[];
}

const TYPES: Record<string, EntityType> = {
  PERSON: 'PERSON',
  ORGANIZATION: 'ORGANIZATION',
  COUNTRY: 'LOCATION',
  CITY: 'LOCATION',
  STATE_OR_PROVINCE: 'LOCATION',
  LOCATION: 'LOCATION',
  DISTRICT: 'LOCATION',
};

export function readNerelLinks(dir: string): LinkedDocument[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.ann'))
    .sort()
    .map((name) => {
      const id = name.slice(0, -'.ann'.length);
      const text = readFileSync(join(dir, `${id}.txt`), 'utf8');
      const spans = new Map<string, { type: EntityType; start: number; end: number }>();
      const qids = new Map<string, string>();
      for (const line of readFileSync(join(dir, name), 'utf8').split('\n')) {
        const [tag, body] = line.split('\t');
        if (!tag || !body) continue;
        if (tag.startsWith('T')) {
          const [type, start, end] = body.split(' ');
          const mapped = TYPES[type ?? ''];
          // Discontinuous spans ("1647 1658;1674 1704") are not names a recognizer emits.
          if (!mapped || !start || !end || end.includes(';')) continue;
          spans.set(tag, { type: mapped, start: Number(start), end: Number(end) });
        } else if (tag.startsWith('N')) {
          const m = /^Reference (T\d+) Wikidata:(Q\d+)/.exec(body);
          if (m) qids.set(m[1]!, m[2]!);
        }
      }
      const mentions = [...spans.entries()]
        .map(([tag, s]) => ({ ...s, text: text.slice(s.start, s.end), qid: qids.get(tag) ?? null }))
        .sort((a, b) => a.start - b.start || b.end - a.end);
      return { id, text, mentions };
    });
}
