// Syndication and reposts: what the dedupe stage persists. The signature bytes are opaque here (the
// extract package owns their format, named by `scheme`), so that a store can keep them and a later
// run can rebuild the near-duplicate index without re-reading every text.
import type { Timestamp } from '../model.ts';

/** One document's near-duplicate signature as the dedupe stage encoded it. */
export interface StoredSignature {
  documentId: string;
  /** Format and parameters of `data`, e.g. `minhash16-128-w3-v1`; a different scheme means recompute. */
  scheme: string;
  /** The document content the signature was computed from, so changed documents are re-signed. */
  contentSha256: string;
  data: Uint8Array;
}

/** A stored signature with the times the index orders a group by. */
export interface IndexedSignature extends StoredSignature {
  publishedAt: Timestamp | null;
  ingestedAt: Timestamp;
}

/** A document's place in a group of copies of the same text. */
export interface GroupMembership {
  documentId: string;
  /** The group's earliest appearance (by publication, then ingestion time): its original. */
  groupId: string;
}

/** A Telegram post that the platform marks as forwarded from another channel. */
export interface ForwardEdge {
  /** The forwarding post. */
  documentId: string;
  /** The original channel's name or handle as the export states it. */
  fromChannel: string;
  fromMessageId?: string | null;
}

/** One member of a document's group, as `show` lists it. */
export interface DuplicateCopy {
  documentId: string;
  sourceId: string;
  title: string | null;
  publishedAt: Timestamp | null;
  ingestedAt: Timestamp;
  canonicalUrl: string | null;
  /** True for the group's earliest appearance. */
  original: boolean;
}

export interface SignaturePage {
  afterId?: string;
  limit: number;
}

export interface DuplicateRepository {
  /** Inserts or replaces signatures by document id. */
  putSignatures(signatures: StoredSignature[]): Promise<void>;
  /**
   * Stored signatures in the order they were first stored (the order a rebuild re-adds them, so it
   * reproduces the incremental result), with the document times; keyset-paged by insertion order.
   */
  signatures(page: {
    afterSequence?: number;
    limit: number;
  }): Promise<Array<IndexedSignature & { sequence: number }>>;
  /** Documents whose signature is missing, of another scheme, or computed from older content. */
  unsignedDocumentIds(scheme: string, page: SignaturePage): Promise<string[]>;
  /** Sets (or moves) these documents' group. */
  setGroups(memberships: GroupMembership[]): Promise<void>;
  /** Forgets every group membership (before a full rebuild); signatures and forwards stay. */
  clearGroups(): Promise<void>;
  groupOf(documentId: string): Promise<string | null>;
  /** Every member of the document's group, earliest first; empty when it has no known copy. */
  copiesOf(documentId: string): Promise<DuplicateCopy[]>;
  /** Records a forward; recording the same edge again is a no-op. */
  recordForward(edge: ForwardEdge): Promise<void>;
  /** Forwards recorded for this post (normally one). */
  forwardsOf(documentId: string): Promise<ForwardEdge[]>;
  /** Posts forwarded from this channel. */
  forwardsFrom(fromChannel: string, limit?: number): Promise<ForwardEdge[]>;
}
