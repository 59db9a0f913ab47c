// The dedupe stage over core's ports: signs stored documents, groups copies, persists signatures
// and group membership. `runDedupe` brings the whole corpus up to date (rebuilding the index from
// stored signatures, then adding documents not yet signed or changed since); `dedupeDocument` adds
// one document to a live index (for `watch`).
import {
  describeError,
  type Document,
  type DocumentRepository,
  type DuplicateRepository,
  type GroupMembership,
} from '@echotrace/core';
import { signatureScheme } from './dedupe.config.ts';
import { decodeSignature, encodeSignature } from './document.signature.ts';
import {
  createDuplicateIndex,
  type AddOutcome,
  type DedupeConfigOverrides,
  type DuplicateIndex,
} from './duplicate.index.ts';

export interface DedupePorts {
  documents: DocumentRepository;
  duplicates: DuplicateRepository;
}

export interface DedupeRunSummary {
  /** Signatures re-added from storage. */
  rebuilt: number;
  /** Documents signed in this run (new, changed, or signed under another scheme). */
  signed: number;
  groups: number;
  groupedDocuments: number;
  /** Documents that could not be signed, with why (bad timestamps); the run goes on. */
  failed: Array<{ documentId: string; reason: string }>;
}

export interface DedupeRunOptions {
  config?: DedupeConfigOverrides;
  batchSize?: number;
  signal?: AbortSignal;
  onProgress?: (done: number) => void;
}

/** Brings groups up to date for the whole corpus; returns the live index for further additions. */
export async function runDedupe(
  ports: DedupePorts,
  options: DedupeRunOptions = {},
): Promise<{ summary: DedupeRunSummary; index: DuplicateIndex }> {
  const index = createDuplicateIndex(options.config ?? {});
  const scheme = signatureScheme(index.config);
  const batchSize = options.batchSize ?? 1000;

  const pending: string[] = [];
  for (let afterId = ''; ;) {
    const ids = await ports.duplicates.unsignedDocumentIds(scheme, { afterId, limit: batchSize });
    pending.push(...ids);
    if (ids.length < batchSize) break;
    afterId = ids[ids.length - 1]!;
  }
  const stale = new Set(pending);

  const summary: DedupeRunSummary = { rebuilt: 0, signed: 0, groups: 0, groupedDocuments: 0, failed: [] };
  let done = 0;
  for (let afterSequence = 0; ;) {
    const page = await ports.duplicates.signatures({ afterSequence, limit: batchSize });
    for (const stored of page) {
      if (stored.scheme !== scheme || stale.has(stored.documentId)) continue;
      try {
        index.add(decodeSignature(stored.documentId, stored.data, stored, index.config.permutations));
        summary.rebuilt++;
      } catch (error) {
        // An unreadable signature is recomputed from the text below.
        stale.add(stored.documentId);
        pending.push(stored.documentId);
        summary.failed.push({ documentId: stored.documentId, reason: describeError(error) });
      }
      options.onProgress?.(++done);
    }
    if (page.length < batchSize) break;
    afterSequence = page[page.length - 1]!.sequence;
  }

  for (const documentId of pending) {
    if (options.signal?.aborted) break;
    const document = await ports.documents.get(documentId);
    if (!document) continue;
    try {
      await dedupeDocument(ports, index, document, { writeGroups: false });
      summary.signed++;
    } catch (error) {
      summary.failed.push({ documentId, reason: describeError(error) });
    }
    options.onProgress?.(++done);
  }

  // Memberships are rewritten whole: merges during the rebuild may have moved any of them.
  const memberships: GroupMembership[] = [];
  for (const group of index.groups()) {
    summary.groups++;
    summary.groupedDocuments += group.members.length;
    for (const member of group.members) memberships.push({ documentId: member, groupId: group.id });
  }
  await ports.duplicates.clearGroups();
  await ports.duplicates.setGroups(memberships);
  return { summary, index };
}

/** Adds one stored document to a live index and persists its signature and any group changes. */
export async function dedupeDocument(
  ports: DedupePorts,
  index: DuplicateIndex,
  document: Document,
  options: { writeGroups?: boolean } = {},
): Promise<AddOutcome> {
  const signature = index.sign(document);
  const outcome = index.add(signature);
  const versions = await ports.documents.versions(document.id);
  const current = versions.reduce((latest, v) => (v.seenAt >= latest.seenAt ? v : latest), versions[0]!);
  await ports.duplicates.putSignatures([
    {
      documentId: document.id,
      scheme: signatureScheme(index.config),
      contentSha256: current?.contentSha256 ?? '',
      data: encodeSignature(signature, index.config.permutations),
    },
  ]);
  if (options.writeGroups !== false && outcome.changed.length > 0)
    await ports.duplicates.setGroups(outcome.changed);
  return outcome;
}
