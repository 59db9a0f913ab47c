// Analysts' verdicts on narrative and technique labels: one per (document, kind, label), the latest
// winning. Kept apart from the annotations (which re-processing replaces), so a verdict survives
// re-enrichment; the label enricher reads them and lets them override the model.
import type { Timestamp } from '../model.ts';

export type LabelKind = 'narrative' | 'technique';
export type LabelDecisionStatus = 'confirmed' | 'rejected';

export interface LabelDecision {
  documentId: string;
  kind: LabelKind;
  /** A taxonomy id (narrative) or a technique id (`Loaded_Language`). */
  labelId: string;
  status: LabelDecisionStatus;
  /** Who decided, as the analyst wrote it; may be empty. */
  analyst: string;
  note: string;
  decidedAt: Timestamp;
}

export interface LabelDecisionRepository {
  decide(decision: LabelDecision): Promise<void>;
  /** Every decision, or those on one document, ordered by document, kind, label. */
  list(documentId?: string): Promise<LabelDecision[]>;
}
