// The incremental near-duplicate index: documents are added one at a time (as `watch` ingests them)
// or re-added from stored signatures, and each addition reports the group changes to persist.
//
// Candidates come from LSH over the whole-text signatures and the window signatures of long texts;
// a candidate is a copy when the estimated Jaccard index of the two whole texts is high
// (resemblance: boilerplate, headline and light edits), or when the estimated share of the smaller
// text found in the other is high (containment: a short repost quoting a longer article, or a
// truncated copy). Copies are joined transitively; a group's id is its earliest member's id.
import type { GroupMembership } from '@echotrace/core';
import { InputError } from '@echotrace/core';
import { DEFAULT_DEDUPE_CONFIG, type DedupeConfig } from './dedupe.config.ts';
import { createDocumentSigner, type DedupeInput, type DedupeSignature } from './document.signature.ts';
import { createGroupForest } from './duplicate.groups.ts';
import { createLshTable } from './lsh.table.ts';
import { factsConflict, factsSubstituted, type TextFacts } from './fact.extractor.ts';

export interface DuplicateMatch {
  documentId: string;
  /** The already indexed document it was found to copy (or be copied by). */
  otherId: string;
  /** Estimated Jaccard index of the whole texts (or of the text and the matching window). */
  jaccard: number;
  /** Estimated share of the smaller text's shingles that occur in the other. */
  containment: number;
  via: 'resemblance' | 'containment';
}

export interface AddOutcome {
  documentId: string;
  /** The earliest member of its group, or null while it has no known copy. */
  groupId: string | null;
  /** Matches that joined groups (a match inside an existing group is not re-verified). */
  matches: DuplicateMatch[];
  /** Documents whose group id is new or changed by this addition: persist these. */
  changed: GroupMembership[];
}

export interface DuplicateGroup {
  /** The earliest appearance: by publication time (ingestion time when undated), then ingestion, then id. */
  id: string;
  /** Earliest first. */
  members: string[];
}

export interface DuplicateIndex {
  readonly config: DedupeConfig;
  /** Signs (leaving out lines the index has seen repeated as boilerplate) and adds a document. */
  addDocument(input: DedupeInput): AddOutcome;
  /** Adds a signature computed earlier (a rebuild from storage). */
  add(signature: DedupeSignature): AddOutcome;
  /** The signature `addDocument` would add now (it depends on the boilerplate seen so far). */
  sign(input: DedupeInput): DedupeSignature;
  has(documentId: string): boolean;
  groupOf(documentId: string): string | null;
  /** Members of the document's group, earliest first (just itself when it has no copy). */
  membersOf(documentId: string): string[];
  /** Groups of two or more, ordered by their earliest member's appearance. */
  groups(): DuplicateGroup[];
  readonly documents: number;
  /** Sizes, for benchmarks and capacity planning. */
  stats(): { documents: number; entries: number; postings: number; lshBytes: number; entryBytes: number };
}

const WHOLE = 0xffff;

export type DedupeConfigOverrides = Partial<DedupeConfig>;

export function createDuplicateIndex(overrides: DedupeConfigOverrides = {}): DuplicateIndex {
  const config: DedupeConfig = { ...DEFAULT_DEDUPE_CONFIG, ...overrides };
  if (config.bands * config.rows > config.permutations)
    throw new InputError(
      'dedupe config',
      `bands × rows (${config.bands * config.rows}) exceeds permutations (${config.permutations})`,
    );
  const perms = config.permutations;
  const signer = createDocumentSigner(config);
  const lsh = createLshTable(config.bands, config.rows, config.bucketLimit);

  // Documents by slot.
  const ids: string[] = [];
  const factsOf: TextFacts[] = [];
  const slotById = new Map<string, number>();
  const share = config.factConflictShare;
  // A figure put where the other text has another one is a replacement, whatever the sizes; so is a
  // name, between short texts of like size (one-sentence posts from a template: «освободила
  // населенный пункт Воровское»). In longer texts a rewrite or update changes a name here and there
  // and still copies the story. Texts of like size must also largely agree on their figures; a
  // digest or a quoting post has names and figures of its own, and a summary drops some.
  const disagree = (a: number, b: number, nested: boolean, longest: number): boolean =>
    share > 0 &&
    (factsSubstituted(
      factsOf[a]!,
      factsOf[b]!,
      nested || longest > config.nameCheckShingles ? 'figures' : 'all',
    ) ||
      (!nested && factsConflict(factsOf[a]!.numbers, factsOf[b]!.numbers, share)));
  let appeared = new Float64Array(1024);
  let ingested = new Float64Array(1024);
  let containerUsed = new Uint8Array(1024);
  let wholeEntry = new Int32Array(1024).fill(-1);
  let docStamp = new Int32Array(1024);
  let addStamp = 0;
  const before = (a: number, b: number): boolean =>
    appeared[a]! !== appeared[b]!
      ? appeared[a]! < appeared[b]!
      : ingested[a]! !== ingested[b]!
        ? ingested[a]! < ingested[b]!
        : ids[a]! < ids[b]!;
  const forest = createGroupForest(before);

  // LSH entries: a whole text or one of its windows.
  let entryDoc = new Int32Array(4096);
  let entryWindow = new Uint16Array(4096);
  let entryCount = new Int32Array(4096);
  let entryValues = new Uint16Array(4096 * perms);
  let entries = 0;

  // Marks candidate entries already seen during one addition.
  let stamp = new Int32Array(4096);
  let stampNow = 0;

  const growDocs = (): void => {
    const a = new Float64Array(appeared.length * 2);
    a.set(appeared);
    appeared = a;
    const i = new Float64Array(ingested.length * 2);
    i.set(ingested);
    ingested = i;
    const c = new Uint8Array(containerUsed.length * 2);
    c.set(containerUsed);
    containerUsed = c;
    const w = new Int32Array(wholeEntry.length * 2).fill(-1);
    w.set(wholeEntry);
    wholeEntry = w;
    const d = new Int32Array(docStamp.length * 2);
    d.set(docStamp);
    docStamp = d;
  };

  const addEntry = (
    doc: number,
    window: number,
    count: number,
    values: Uint16Array,
    offset: number,
  ): number => {
    if (entries === entryDoc.length) {
      // Growing by half keeps the slack of these, the largest arrays, small.
      const size = Math.ceil(entries * 1.5);
      const d = new Int32Array(size);
      d.set(entryDoc);
      entryDoc = d;
      const w = new Uint16Array(size);
      w.set(entryWindow);
      entryWindow = w;
      const c = new Int32Array(size);
      c.set(entryCount);
      entryCount = c;
      const v = new Uint16Array(size * perms);
      v.set(entryValues);
      entryValues = v;
      const s = new Int32Array(size);
      s.set(stamp);
      stamp = s;
    }
    entryDoc[entries] = doc;
    entryWindow[entries] = window;
    entryCount[entries] = count;
    entryValues.set(values.subarray(offset, offset + perms), entries * perms);
    return entries++;
  };

  /** Verifies a query (whole text or window of the new document) against an indexed entry. */
  const verify = (
    queryValues: Uint16Array,
    queryOffset: number,
    queryCount: number,
    queryWhole: boolean,
    entry: number,
    // queryContains: which side nests the other (null when neither does: a symmetric near-copy).
  ): {
    jaccard: number;
    containment: number;
    via: DuplicateMatch['via'];
    queryContains: boolean | null;
  } | null => {
    const base = entry * perms;
    let equal = 0;
    for (let p = 0; p < perms; p++) if (queryValues[queryOffset + p] === entryValues[base + p]) equal++;
    const jaccard = equal / perms;
    const entryWhole = entryWindow[entry] === WHOLE;
    const otherCount = entryCount[entry]!;
    // |A ∩ B| from J = |A ∩ B| / |A ∪ B| and the set sizes.
    const intersection = (jaccard * (queryCount + otherCount)) / (1 + jaccard);
    if (queryWhole && entryWhole && jaccard >= config.jaccardThreshold) {
      // Resemblance between texts of unequal size is nesting too (a two-story digest resembles each).
      const nested = intersection / Math.max(queryCount, otherCount) < config.nestedCoverage;
      return {
        jaccard,
        containment: Math.min(1, intersection / Math.min(queryCount, otherCount)),
        via: 'resemblance',
        queryContains: nested ? queryCount > otherCount : null,
      };
    }
    // Containment only counts for a whole text inside the other: a window inside a text says only
    // that part of one document appears in the other.
    // Far apart in size, J is small and its estimate too noisy to scale up: windows cover those.
    if (jaccard < config.minContainmentJaccard) return null;
    const queryInside =
      queryWhole && queryCount >= config.minContainmentShingles ? intersection / queryCount : 0;
    const entryInside =
      entryWhole && otherCount >= config.minContainmentShingles ? intersection / otherCount : 0;
    const containment = Math.min(1, Math.max(queryInside, entryInside));
    if (containment >= config.containmentThreshold)
      return { jaccard, containment, via: 'containment', queryContains: entryInside > queryInside };
    return null;
  };

  // How many documents had each short line (by hash, saturating): repeated lines are boilerplate.
  const lineCounts = new Uint8Array(1 << 22);
  const lineMask = lineCounts.length - 1;
  const isBoilerplate = (lineHash: number): boolean =>
    lineCounts[lineHash & lineMask]! >= config.boilerplateRepeats;

  const add = (signature: DedupeSignature): AddOutcome => {
    const id = signature.documentId;
    if (slotById.has(id))
      throw new InputError(`document ${id}`, 'already in the duplicate index (changed texts need a rebuild)');
    if (signature.values.length !== perms * (1 + signature.windowCounts.length))
      throw new InputError(`signature of document ${id}`, 'does not match the index configuration');
    const slot = forest.add();
    if (slot === appeared.length) growDocs();
    ids.push(id);
    factsOf.push({ numbers: signature.numbers, names: signature.names, slots: signature.slots });
    slotById.set(id, slot);
    appeared[slot] = signature.appearedAt;
    ingested[slot] = signature.ingestedAt;
    for (const line of signature.shortLines) {
      const counter = line & lineMask;
      if (lineCounts[counter]! < 255) lineCounts[counter] = lineCounts[counter]! + 1;
    }
    const outcome: AddOutcome = { documentId: id, groupId: null, matches: [], changed: [] };
    if (signature.shingleCount < config.minShingles) return outcome;

    const changed = new Map<string, string>();
    const values = signature.values;
    const windows = signature.windowCounts.length;
    addStamp++;
    for (let q = 0; q <= windows; q++) {
      stampNow++;
      const queryWhole = q === 0;
      const queryOffset = q * perms;
      const queryCount = queryWhole ? signature.shingleCount : signature.windowCounts[q - 1]!;
      lsh.query(values, queryOffset, queryWhole ? config.bands : config.windowBands, (entry) => {
        // A window only needs comparing with whole texts: window-to-window overlap is partial.
        if (!queryWhole && entryWindow[entry] !== WHOLE) return;
        if (stamp[entry] === stampNow) return;
        stamp[entry] = stampNow;
        const other = entryDoc[entry]!;
        if (forest.find(other) === forest.find(slot)) return;
        // Whichever entries collided, the two whole texts are compared once: a text spanning several
        // windows of the other is judged on all of it.
        let verdict = null;
        if (docStamp[other] !== addStamp) {
          docStamp[other] = addStamp;
          verdict = verify(values, 0, signature.shingleCount, true, wholeEntry[other]!);
        }
        if (!verdict && !(queryWhole && entryWindow[entry] === WHOLE))
          verdict = verify(values, queryOffset, queryCount, queryWhole, entry);
        if (!verdict) return;
        // Same wording, other figures or names: the next day's report from one template.
        const sizes = [signature.shingleCount, entryCount[wholeEntry[other]!]!];
        const nested = Math.min(...sizes) < config.nestedCoverage * Math.max(...sizes);
        if (disagree(slot, other, nested, Math.max(...sizes))) return;
        if (verdict.queryContains !== null) {
          // A text holding several others whole (a digest of earlier posts) would chain unrelated
          // stories into one group: a document nests others into its group only once.
          const container = verdict.queryContains ? slot : other;
          if (containerUsed[container] === 1) return;
          containerUsed[container] = 1;
        }
        outcome.matches.push({
          documentId: id,
          otherId: ids[other]!,
          jaccard: verdict.jaccard,
          containment: verdict.containment,
          via: verdict.via,
        });
        join(slot, other, changed);
      });
    }

    wholeEntry[slot] = addEntry(slot, WHOLE, signature.shingleCount, values, 0);
    lsh.insert(wholeEntry[slot], values, 0, config.bands);
    for (let w = 0; w < windows; w++) {
      const offset = (w + 1) * perms;
      lsh.insert(
        addEntry(slot, w, signature.windowCounts[w]!, values, offset),
        values,
        offset,
        config.windowBands,
      );
    }
    const root = forest.find(slot);
    if (forest.size(root) > 1) outcome.groupId = ids[forest.earliest(root)]!;
    outcome.changed = [...changed].map(([documentId, groupId]) => ({ documentId, groupId }));
    return outcome;
  };

  /** Joins two groups and notes every member whose group id is new or different. */
  const join = (a: number, b: number, changed: Map<string, string>): void => {
    const roots = [forest.find(a), forest.find(b)];
    if (roots[0] === roots[1]) return;
    const [ea, eb] = roots.map((root) => forest.earliest(root)) as [number, number];
    const earliest = before(ea, eb) ? ea : eb;
    const groupId = ids[earliest]!;
    // Members whose group id is new (singletons) or moves (the side that was not earliest), listed
    // before the union splices the two member lists into one.
    const relabel: number[] = [];
    for (const root of roots) {
      if (forest.size(root) > 1 && forest.earliest(root) === earliest) continue;
      relabel.push(...forest.members(root));
    }
    forest.union(a, b);
    for (const member of relabel) changed.set(ids[member]!, groupId);
  };

  const sortEarliestFirst = (slots: number[]): number[] => slots.sort((a, b) => (before(a, b) ? -1 : 1));

  return {
    config,
    add,
    addDocument(input) {
      return add(signer.sign(input, isBoilerplate));
    },
    sign(input) {
      return signer.sign(input, isBoilerplate);
    },
    has(documentId) {
      return slotById.has(documentId);
    },
    groupOf(documentId) {
      const slot = slotById.get(documentId);
      if (slot === undefined) return null;
      const root = forest.find(slot);
      return forest.size(root) > 1 ? ids[forest.earliest(root)]! : null;
    },
    membersOf(documentId) {
      const slot = slotById.get(documentId);
      if (slot === undefined) return [];
      return sortEarliestFirst(forest.members(slot)).map((member) => ids[member]!);
    },
    groups() {
      const result: Array<{ earliest: number; members: number[] }> = [];
      for (let slot = 0; slot < ids.length; slot++) {
        if (forest.find(slot) !== slot || forest.size(slot) < 2) continue;
        result.push({ earliest: forest.earliest(slot), members: sortEarliestFirst(forest.members(slot)) });
      }
      result.sort((x, y) => (before(x.earliest, y.earliest) ? -1 : 1));
      return result.map((group) => ({
        id: ids[group.earliest]!,
        members: group.members.map((m) => ids[m]!),
      }));
    },
    get documents() {
      return ids.length;
    },
    stats() {
      return {
        documents: ids.length,
        entries,
        postings: lsh.postings,
        lshBytes: lsh.bytes,
        entryBytes:
          entryDoc.byteLength +
          entryWindow.byteLength +
          entryCount.byteLength +
          entryValues.byteLength +
          stamp.byteLength,
      };
    },
  };
}
