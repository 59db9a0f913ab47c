// Ownership tracing: is a source's owner, or the company that owns it, on a sanctions list, and to
// whom does the list connect it? The owner text of a source ("Severny Put Holding (Gleb Tumanov)") is
// split into names, each name is matched against the lists, and from every listed entry the list's
// own relations (OFAC "Linked To:", FtM Ownership, Directorship…) are followed outward, so that the
// analyst sees the chain: Tsargrad → TSARGRAD OOO → linked to MALOFEYEV, Konstantin.
import type { SanctionedKind, SanctionsRelation, SanctionsRelationKind } from '@echotrace/core';
import { MATCH_THRESHOLD, type SanctionsMatcher } from './sanctions.matcher.ts';

export interface OwnershipLink {
  readonly list: string;
  readonly entryId: string;
  /** Primary name of the entry; for a relation the list does not resolve, the name it writes. */
  readonly name: string;
  readonly kind?: SanctionedKind;
  readonly programs: readonly string[];
  /** `name`: the owner's name matched this entry; otherwise the relation that led here. */
  readonly via: 'name' | SanctionsRelationKind;
  /** Name-match score (for `via: 'name'`). */
  readonly score?: number;
  /** Whether the link is an entry of the list (an unresolved "Linked To" name is not). */
  readonly listed: boolean;
  readonly explanation: string;
}

export interface OwnershipChain {
  /** The part of the owner text (or the source name) that matched. */
  readonly subject: string;
  readonly links: readonly OwnershipLink[];
  /** One line: `Severny Put Holding → SEVERNY PUT HOLDING LLC → linked to TUMANOV, Gleb Arsenyevich`. */
  readonly summary: string;
}

export interface OwnershipTrace {
  /** The names that were screened, as split from the owner text. */
  readonly names: readonly string[];
  /** True when any name matched a listed entry. */
  readonly flagged: boolean;
  readonly chains: readonly OwnershipChain[];
}

/** Relations of the list where the entry is the subject (or both ways: non-subjects are ignored). */
export type RelationLookup = (
  list: string,
  entryId: string,
) => readonly SanctionsRelation[] | Promise<readonly SanctionsRelation[]>;

export interface TraceOptions {
  /** Relations followed from a matched entry at most (default 4). */
  readonly maxDepth?: number;
  readonly threshold?: number;
}

/** A lookup over relations held in memory (tests, or relations read once). */
export function relationLookup(relations: readonly SanctionsRelation[]): RelationLookup {
  const bySubject = new Map<string, SanctionsRelation[]>();
  for (const relation of relations) {
    const key = `${relation.list}\u0000${relation.fromId}`;
    const list = bySubject.get(key) ?? [];
    list.push(relation);
    bySubject.set(key, list);
  }
  return (list, entryId) => bySubject.get(`${list}\u0000${entryId}`) ?? [];
}

// Words that describe an owner's status, not a name: "(state-owned)", "unknown", "(self-published)".
const QUALIFIER =
  /^(?:state[- ]owned|state[- ]funded|state|self[- ]published|non[- ]profit|private|unknown|anonymous\b.*|n\/a|none)$/i;

/** The names in an owner text: "Severny Put Holding (Gleb Tumanov)" → both; status words dropped. */
export function ownerNames(owner: string): string[] {
  const parts = owner
    .split(/[()[\];]|\s+\/\s+|\s+&\s+|\s+and\s+/i)
    .map((part) => part.replace(/\s+/g, ' ').trim())
    .filter((part) => part.length > 1 && !QUALIFIER.test(part));
  return [...new Set(parts)];
}

const RELATION_WORDS: Record<SanctionsRelationKind, string> = {
  'linked-to': 'linked to',
  ownership: 'owned by / owns',
  directorship: 'director of',
  family: 'family of',
  associate: 'associate of',
};

function relationPhrase(relation: SanctionsRelation): string {
  if (relation.kind === 'ownership') return relation.detail ? `ownership (${relation.detail})` : 'ownership';
  return relation.detail
    ? `${RELATION_WORDS[relation.kind]} (${relation.detail})`
    : RELATION_WORDS[relation.kind];
}

/**
 * Matches each name of `owner` (a string, or several: the source's name and its owner) against the
 * lists and follows the lists' relations from every matched entry. An entry already reached through
 * another chain does not start a chain of its own, so "Holding (Owner)" yields one chain
 * Holding → linked to Owner, not two.
 */
export async function traceOwnership(
  owner: string | readonly string[],
  matcher: SanctionsMatcher,
  relations: RelationLookup | readonly SanctionsRelation[],
  options: TraceOptions = {},
): Promise<OwnershipTrace> {
  const lookup = typeof relations === 'function' ? relations : relationLookup(relations);
  const maxDepth = options.maxDepth ?? 4;
  const threshold = options.threshold ?? MATCH_THRESHOLD;
  const names = [...new Set((typeof owner === 'string' ? [owner] : owner).flatMap(ownerNames))];

  const starts: Array<{ subject: string; link: OwnershipLink }> = [];
  for (const name of names) {
    const [best] = matcher.matchName(name, { limit: 1, threshold });
    if (!best?.match) continue;
    starts.push({
      subject: name,
      link: {
        list: best.list,
        entryId: best.id,
        name: best.name,
        kind: best.kind,
        programs: best.programs,
        via: 'name',
        score: best.score,
        listed: true,
        explanation: `"${name}" matches ${best.name} (${best.list}:${best.id}, score ${best.score.toFixed(3)}): ${best.explanation}`,
      },
    });
  }
  // Longer chains first, so that an entry reached from another start is not a chain of its own.
  const paths: Array<{ subject: string; links: OwnershipLink[] }> = [];
  for (const start of starts) {
    for (const links of await follow(start.link, lookup, matcher, maxDepth, new Set()))
      paths.push({ subject: start.subject, links });
  }
  paths.sort((a, b) => b.links.length - a.links.length);
  const covered = new Set<string>();
  const chains: OwnershipChain[] = [];
  for (const path of paths) {
    const head = path.links[0]!;
    const headKey = `${head.list}\u0000${head.entryId}`;
    const reachedElsewhere = chains.some((chain) =>
      chain.links.slice(1).some((link) => `${link.list}\u0000${link.entryId}` === headKey),
    );
    const pathKey = path.links.map((link) => `${link.list}\u0000${link.entryId}`).join('>');
    if (reachedElsewhere || covered.has(pathKey)) continue;
    covered.add(pathKey);
    chains.push({
      subject: path.subject,
      links: path.links,
      summary: [
        path.subject,
        ...path.links.map((link) =>
          link.via === 'name' ? link.name : `${RELATION_WORDS[link.via]} ${link.name}`,
        ),
      ].join(' → '),
    });
  }
  return { names, flagged: chains.length > 0, chains };
}

// Every path from `link` along the relations, to the end or to maxDepth; cycles are cut.
async function follow(
  link: OwnershipLink,
  lookup: RelationLookup,
  matcher: SanctionsMatcher,
  depth: number,
  visited: Set<string>,
): Promise<OwnershipLink[][]> {
  const key = `${link.list}\u0000${link.entryId}`;
  if (!link.listed || depth === 0 || visited.has(key)) return [[link]];
  const seen = new Set(visited).add(key);
  const outgoing = (await lookup(link.list, link.entryId)).filter((r) => r.fromId === link.entryId);
  const paths: OwnershipLink[][] = [];
  for (const relation of outgoing) {
    const target = relation.toId !== undefined ? matcher.entry(relation.list, relation.toId) : undefined;
    if (target && seen.has(`${target.list}\u0000${target.id}`)) continue;
    const next: OwnershipLink = target
      ? {
          list: target.list,
          entryId: target.id,
          name: target.name,
          kind: target.kind,
          programs: target.programs,
          via: relation.kind,
          listed: true,
          explanation: `${link.name} is ${relationPhrase(relation)} ${target.name} (${target.list}:${target.id}), as the list states`,
        }
      : {
          list: relation.list,
          entryId: relation.toId ?? '',
          name: relation.toName ?? relation.toId ?? '?',
          programs: [],
          via: relation.kind,
          listed: false,
          explanation: `${link.name} is ${relationPhrase(relation)} ${relation.toName ?? relation.toId ?? '?'} (not resolved to an entry of the list)`,
        };
    for (const rest of await follow(next, lookup, matcher, depth - 1, seen)) paths.push([link, ...rest]);
  }
  return paths.length > 0 ? paths : [[link]];
}
