// Telegram forwards: a forwarded post names the channel it came from. The edge is recorded even
// when the original post is not in the corpus, because "channel X forwards channel Y" is itself
// evidence of a network.
import { documentIdForKey, type ForwardEdge, type IngestInput } from '@echotrace/core';

const POST_LINK = /^(?:https?:\/\/)?t\.me\/(?:s\/)?([A-Za-z0-9_]{3,})\/(\d+)\/?$/u;
const CHANNEL_LINK = /^(?:https?:\/\/)?t\.me\/([A-Za-z0-9_]{3,})\/?$/u;

/**
 * The forward edge of a post whose export states `forwardedFrom` (a channel name, `@handle`, or a
 * t.me link to the channel or the original post); null when it is not a forward.
 */
export function forwardEdgeFor(
  documentId: string,
  forwardedFrom: string | null | undefined,
  fromMessageId?: string | number | null,
): ForwardEdge | null {
  const from = forwardedFrom?.trim();
  if (!from) return null;
  const post = POST_LINK.exec(from);
  if (post) return { documentId, fromChannel: `@${post[1]!}`, fromMessageId: post[2]! };
  const channel = CHANNEL_LINK.exec(from);
  const fromChannel = channel ? `@${channel[1]!}` : from;
  const messageId = fromMessageId === undefined || fromMessageId === null ? null : String(fromMessageId);
  return { documentId, fromChannel, fromMessageId: messageId };
}

/** The forward edges of items a reader produced (ids as ingest assigns them), to record after ingest. */
export function forwardEdgesOf(inputs: IngestInput[]): ForwardEdge[] {
  const edges: ForwardEdge[] = [];
  for (const input of inputs) {
    if ('failed' in input) continue;
    const edge = forwardEdgeFor(documentIdForKey(input.key), input.forwardedFrom);
    if (edge) edges.push(edge);
  }
  return edges;
}
