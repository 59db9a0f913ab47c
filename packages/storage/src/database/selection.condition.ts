// What "the documents of this selection" means in SQL, as one condition on documents `d`: a query's
// filters (written once here for search and analysis) and its full-text match through the dialect's
// seam, or a copy group's members. Analysis aggregates over exactly the documents search finds.
import type { DocumentSelection, QueryFilters } from '@echotrace/core';
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { compileMatch } from './full-text.ts';
import type { StoreContext } from './unit-of-work.ts';

/** The source, language and date filters: the part that decides which documents count at all. */
export function scopeConditions(filters: QueryFilters): RawBuilder<SqlBool>[] {
  const conditions: RawBuilder<SqlBool>[] = [];
  if (filters.sources.length) conditions.push(sql`d.source_id IN (${sql.join(filters.sources)})`);
  if (filters.languages.length) conditions.push(sql`d.language IN (${sql.join(filters.languages)})`);
  if (filters.from) conditions.push(sql`d.published_utc >= ${filters.from}`);
  if (filters.to) conditions.push(sql`d.published_utc < ${filters.to}`);
  return conditions;
}

/** The entity and speaker filters. */
export function annotationConditions(filters: QueryFilters): RawBuilder<SqlBool>[] {
  const conditions: RawBuilder<SqlBool>[] = [];
  for (const entity of filters.entities) {
    // Mentions stored under an id since merged into this one count as this entity's.
    conditions.push(sql`EXISTS (SELECT 1 FROM annotations a WHERE a.document_id = d.id AND a.kind = 'entity'
      AND a.entity_id IN (SELECT CAST(${entity} AS TEXT) UNION ALL SELECT from_id FROM entity_redirects WHERE to_id = ${entity}))`);
  }
  for (const speaker of filters.speakers ?? []) {
    // Quotes whose speaker was resolved to this entity (or to one since merged into it).
    conditions.push(sql`EXISTS (SELECT 1 FROM annotations q WHERE q.document_id = d.id AND q.kind = 'quote'
      AND q.speaker_entity_id IN (SELECT CAST(${speaker} AS TEXT) UNION ALL SELECT from_id FROM entity_redirects WHERE to_id = ${speaker}))`);
  }
  for (const [kind, values] of [
    ['narrative', filters.narratives ?? []],
    ['technique', filters.techniques ?? []],
  ] as const) {
    // Labels an analyst rejected are no longer stored (the label enricher drops them), so they never match.
    for (const value of values)
      conditions.push(sql`EXISTS (SELECT 1 FROM annotations l WHERE l.document_id = d.id AND l.kind = ${kind}
        AND LOWER(l.label) = ${value})`);
  }
  return conditions;
}

export const allOf = (conditions: RawBuilder<SqlBool>[]): RawBuilder<SqlBool> =>
  conditions.length ? sql<SqlBool>`(${sql.join(conditions, sql` AND `)})` : sql<SqlBool>`1 = 1`;

/** Every condition a document `d` of the selection meets. */
export function selectionCondition(context: StoreContext, selection: DocumentSelection): RawBuilder<SqlBool> {
  if (selection.kind === 'group') {
    const id = selection.documentId;
    return sql<SqlBool>`(d.id = ${id} OR d.id IN (SELECT m.document_id FROM duplicate_members m
      WHERE m.group_id = (SELECT g.group_id FROM duplicate_members g WHERE g.document_id = ${id})))`;
  }
  const { query } = selection;
  const { fullText } = context.dialect;
  const match = compileMatch(query.text, query.source, fullText.syntax);
  const conditions = [...scopeConditions(query.filters), ...annotationConditions(query.filters)];
  if (match.include) conditions.push(fullText.matches(match.include));
  if (match.exclude) conditions.push(sql`NOT (${fullText.matches(match.exclude)})`);
  return allOf(conditions);
}

/** The scope of the selection alone (the denominator of a share): its source, language and dates. */
export function scopeCondition(selection: DocumentSelection): RawBuilder<SqlBool> {
  return selection.kind === 'group' ? allOf([]) : allOf(scopeConditions(selection.query.filters));
}
