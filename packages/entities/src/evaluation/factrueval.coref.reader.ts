// FactRuEval-2016 mentions with their coreference chains (*.objects + *.spans + *.coref), for
// scoring resolution with gold mentions. Mention spans follow the NER reader's conversion: a Person
// is its first to last part; an Org its org_name spans; a Location or LocOrg its loc_name spans.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EntityType } from '../recognition/mention.types.ts';

export interface GoldMention {
  text: string;
  type: EntityType;
  start: number;
  end: number;
  /** The coreference chain (document-local object id). */
  chain: string;
}

export interface CorefDocument {
  id: string;
  text: string;
  mentions: GoldMention[];
}

const TYPES: Record<string, EntityType> = {
  Person: 'PERSON',
  Org: 'ORGANIZATION',
  Location: 'LOCATION',
  LocOrg: 'LOCATION',
};
const NAME_SPANS: Record<string, string> = { Org: 'org_name', Location: 'loc_name', LocOrg: 'loc_name' };

export function readFactRuEvalCoref(dir: string): CorefDocument[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.coref'))
    .map((name) => name.slice(0, -'.coref'.length))
    .sort()
    .map((id) => readDocument(dir, id));
}

function readDocument(dir: string, id: string): CorefDocument {
  const file = (ext: string): string => readFileSync(join(dir, `${id}.${ext}`), 'utf8');
  const text = file('txt');
  const spans = new Map<string, { type: string; start: number; end: number }>();
  for (const line of file('spans').split('\n')) {
    const parts = line.split('#')[0]!.trim().split(/\s+/);
    if (parts.length < 4) continue;
    const start = Number(parts[2]);
    spans.set(parts[0]!, { type: parts[1]!, start, end: start + Number(parts[3]) });
  }
  const chainOf = new Map<string, string>();
  for (const record of file('coref').split(/\n\s*\n/)) {
    const [chain, ...objects] = (record.trim().split('\n')[0] ?? '').trim().split(/\s+/);
    if (chain) for (const object of objects) chainOf.set(object, chain);
  }
  const mentions: GoldMention[] = [];
  const taken = new Set<string>();
  for (const line of file('objects').split('\n')) {
    const parts = line.split('#')[0]!.trim().split(/\s+/);
    const type = TYPES[parts[1] ?? ''];
    if (parts.length < 3 || !type) continue;
    const own = parts
      .slice(2)
      .map((sid) => spans.get(sid))
      .filter((s) => s !== undefined);
    const named = parts[1] === 'Person' ? own : own.filter((s) => s.type === NAME_SPANS[parts[1]!]);
    if (named.length === 0) continue;
    const start = Math.min(...named.map((s) => s.start));
    const end = Math.max(...named.map((s) => s.end));
    // One span may be two objects' name (Москвы: the city, and the LocOrg): score it once.
    if (taken.has(`${start}:${end}`)) continue;
    taken.add(`${start}:${end}`);
    mentions.push({
      text: text.slice(start, end),
      type,
      start,
      end,
      chain: chainOf.get(parts[0]!) ?? `object-${parts[0]}`,
    });
  }
  mentions.sort((a, b) => a.start - b.start);
  return { id, text, mentions };
}
