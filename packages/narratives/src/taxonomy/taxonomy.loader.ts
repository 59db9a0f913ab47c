// The narrative taxonomy is data: a versioned YAML file of narratives and sub-narratives, each with
// an id, a name, an optional description, examples per language and query rules. This module reads
// and validates it; a malformed file is refused naming the file and the problem.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { InputError } from '@echotrace/core';
import { parse } from 'yaml';
import { z } from 'zod';

const ruleSchema = z.array(z.array(z.string().min(1)).min(1)).min(1);

const subnarrativeSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/u),
  name: z.string().min(1),
  description: z.string().optional(),
  examples: z.record(z.string(), z.array(z.string())).optional(),
  rules: z.array(ruleSchema).optional(),
});

const narrativeSchema = subnarrativeSchema.extend({
  subnarratives: z.array(subnarrativeSchema).optional(),
});

const taxonomySchema = z.object({
  version: z.number().int().positive(),
  narratives: z.array(narrativeSchema),
});

export type NarrativeRule = string[][];

export interface TaxonomyEntry {
  id: string;
  name: string;
  description?: string;
  examples?: Record<string, string[]>;
  rules?: NarrativeRule[];
  /** The narrative a sub-narrative belongs to; absent for a narrative. */
  parentId?: string;
}

export interface Taxonomy {
  version: number;
  /** Narratives first then their sub-narratives, in file order. */
  entries: TaxonomyEntry[];
  byId: ReadonlyMap<string, TaxonomyEntry>;
  /** The entry a model's label name ("URW: Discrediting Ukraine") stands for. */
  byName: ReadonlyMap<string, TaxonomyEntry>;
}

export const DEFAULT_TAXONOMY_PATH = fileURLToPath(
  new URL('../../taxonomy/default.taxonomy.yaml', import.meta.url),
);

export function parseTaxonomy(text: string, name: string): Taxonomy {
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (error) {
    throw new InputError(name, `not YAML: ${(error as Error).message}`);
  }
  const result = taxonomySchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new InputError(name, `${issue.path.join('.') || 'document'}: ${issue.message}`);
  }
  const entries: TaxonomyEntry[] = [];
  for (const n of result.data.narratives) {
    const { subnarratives, ...narrative } = n;
    entries.push(narrative);
    for (const s of subnarratives ?? []) entries.push({ ...s, parentId: n.id });
  }
  const byId = new Map<string, TaxonomyEntry>();
  const byName = new Map<string, TaxonomyEntry>();
  for (const e of entries) {
    if (byId.has(e.id)) throw new InputError(name, `duplicate id ${e.id}`);
    byId.set(e.id, e);
    byName.set(e.name, e);
  }
  return { version: result.data.version, entries, byId, byName };
}

export function loadTaxonomy(file: string = DEFAULT_TAXONOMY_PATH): Taxonomy {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new InputError(file, 'cannot read the taxonomy file');
  }
  return parseTaxonomy(text, file);
}

/** Whether a sentence matches a rule: at least one term of every group; a term's words match word starts in order. */
export function ruleMatches(rule: NarrativeRule, sentenceWords: readonly string[]): boolean {
  return rule.every((group) => group.some((term) => termMatches(term, sentenceWords)));
}

// Terms split once: rules are matched against every sentence of every document.
const termParts = new Map<string, string[]>();

function termMatches(term: string, ws: readonly string[]): boolean {
  let parts = termParts.get(term);
  if (!parts) termParts.set(term, (parts = term.toLowerCase().replaceAll('ё', 'е').split(/\s+/u)));
  for (let i = 0; i + parts.length <= ws.length; i++)
    if (parts.every((p, k) => ws[i + k]!.startsWith(p))) return true;
  return false;
}
