// The knowledge base as the CLI sees it: stored entries (or the bundled seed until a KB has been
// imported) with the analyst's decisions replayed, and the one path by which decisions are recorded.
import { readFile } from 'node:fs/promises';
import { InputError, type Entity, type EntityDecision, type Store } from '@echotrace/core';
import {
  buildKnowledgeBase,
  parseKnowledgeBaseFile,
  SEED_KB_PATH,
  type KnowledgeBase,
} from '@echotrace/entities';

export async function readKnowledgeBaseFile(file: string): Promise<Entity[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new InputError(file, `cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  return parseKnowledgeBaseFile(text, file);
}

export async function seedEntries(): Promise<Entity[]> {
  return readKnowledgeBaseFile(SEED_KB_PATH);
}

export async function loadStoredKnowledgeBase(store: Store): Promise<KnowledgeBase> {
  const stored = await store.entities.list();
  const entries = stored.length > 0 ? stored : await seedEntries();
  return buildKnowledgeBase(entries, await store.entities.decisions());
}

/**
 * Records a decision after checking that it applies to the current KB (a decision naming an
 * unknown entity is refused, not logged), then refreshes the redirects search follows.
 */
export async function recordDecision(
  store: Store,
  decision: EntityDecision,
  note: string | null,
): Promise<KnowledgeBase> {
  const stored = await store.entities.list();
  const entries = stored.length > 0 ? stored : await seedEntries();
  const decisions = await store.entities.decisions();
  const before = buildKnowledgeBase(entries, decisions);
  const after = buildKnowledgeBase(entries, [...decisions, decision]);
  const problem = after.warnings.find((w) => !before.warnings.includes(w));
  if (problem) throw new InputError(`${decision.kind} decision`, problem);
  // The seed becomes stored entries once the analyst starts deciding about it, so that later
  // imports of other files do not make the seed (and the decisions about it) disappear.
  if (stored.length === 0) await store.entities.upsert(entries);
  await store.entities.addDecision(decision, note);
  await store.entities.replaceRedirects(after.redirects);
  return after;
}
