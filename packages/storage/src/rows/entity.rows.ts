// Row ↔ domain mapping for the knowledge base and entity mentions, shared by both adapters.
import type { Entity, EntityMention, EntityType } from '@echotrace/core';

export interface EntityRow {
  id: string;
  type: string;
  names: string;
  aliases: string;
  metonyms: string;
  description: string | null;
  external_ids: string;
  origin: string;
}

export interface MentionRow {
  document_id: string;
  title: string | null;
  source_id: string;
  published_at: string | null;
  canonical_url: string | null;
  entity_id: string;
  start_offset: number;
  end_offset: number;
  surface: string | null;
  span: string;
  confidence: number;
  reason: string | null;
}

export function mentionFromRow(row: MentionRow): EntityMention {
  return {
    documentId: row.document_id,
    title: row.title,
    sourceId: row.source_id,
    publishedAt: row.published_at,
    canonicalUrl: row.canonical_url,
    entityId: row.entity_id,
    start: row.start_offset,
    end: row.end_offset,
    surface: row.surface ?? row.span,
    confidence: row.confidence,
    reason: row.reason,
  };
}

export function entityFromRow(row: EntityRow): Entity {
  return {
    id: row.id,
    type: row.type as EntityType,
    names: JSON.parse(row.names) as Record<string, string>,
    aliases: JSON.parse(row.aliases) as string[],
    metonyms: JSON.parse(row.metonyms) as string[],
    description: row.description,
    externalIds: JSON.parse(row.external_ids) as Record<string, string>,
    origin: row.origin === 'accepted' ? 'accepted' : 'kb',
  };
}
