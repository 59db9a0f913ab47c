// Storage of sanctions lists: entries, their names, relations, and the history of imports, so that an
// analyst can say "listed since the import of 2023-01-15" and see what a newer list added or removed.
import type { Timestamp } from '../model.ts';
import type { SanctionsEntry, SanctionsRelation } from './sanctions.model.ts';

export interface SanctionsListInfo {
  readonly list: string;
  readonly entries: number;
  readonly lastImportAt: Timestamp | null;
  readonly publishedOn: string | null;
}

export interface SanctionsImport {
  readonly list: string;
  /** Files the import read, for the record. */
  readonly sources: readonly string[];
  readonly publishedOn?: string;
  readonly importedAt: Timestamp;
  /** The complete list: entries absent here but present before are recorded as removed. */
  readonly entries: readonly SanctionsEntry[];
  readonly relations: readonly SanctionsRelation[];
}

export interface SanctionsImportRecord {
  readonly id: number;
  readonly list: string;
  readonly sources: readonly string[];
  readonly publishedOn: string | null;
  readonly importedAt: Timestamp;
  readonly added: readonly string[];
  readonly removed: readonly string[];
  readonly updated: readonly string[];
  readonly unchanged: number;
}

export type SanctionsDecisionStatus = 'confirmed' | 'dismissed';

/**
 * An analyst's decision on a screening hit: this resolved entity is (confirmed) or is not
 * (dismissed) this list entry. Dismissed pairs are no longer flagged; decisions outlive re-imports.
 */
export interface SanctionsDecision {
  readonly entityId: string;
  readonly list: string;
  readonly listEntryId: string;
  readonly status: SanctionsDecisionStatus;
  readonly reason: string;
  readonly decidedAt: Timestamp;
}

export interface SanctionsRepository {
  /**
   * Replaces the current content of `list` with the import, in one unit of work, and records which
   * entry ids were added, removed (no longer listed) and updated (content changed).
   */
  importList(data: SanctionsImport): Promise<SanctionsImportRecord>;
  lists(): Promise<SanctionsListInfo[]>;
  /** Current entries, of one list or all. */
  entries(list?: string): Promise<SanctionsEntry[]>;
  getEntry(list: string, id: string): Promise<SanctionsEntry | null>;
  /** Relations where the entry is subject or object. */
  relationsOf(list: string, id: string): Promise<SanctionsRelation[]>;
  /** Import history, newest first. */
  imports(list?: string): Promise<SanctionsImportRecord[]>;
  /** When each currently or formerly listed entry id was first seen and (if removed) last removed. */
  entryHistory(
    list: string,
    id: string,
  ): Promise<{ firstSeenAt: Timestamp | null; removedAt: Timestamp | null }>;
  /** Records a decision on a pair; a later decision on the same pair replaces it. */
  decide(decision: SanctionsDecision): Promise<void>;
  /** Decisions, of one entity or all, ordered by entity, list and entry. */
  decisions(entityId?: string): Promise<SanctionsDecision[]>;
}
