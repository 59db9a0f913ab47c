// What a channel's web preview says about each post besides its text, poll after poll: views, the
// "edited" mark, where it was forwarded from, and when it was last seen or found gone. Kept apart
// from the document, whose versions change only when the text does.
import type { Timestamp } from '../model.ts';

export interface TelegramPostState {
  documentId: string;
  /** The channel's public name (`rian_ru`). */
  channel: string;
  messageId: number;
  views: number | null;
  edited: boolean;
  /** The original channel's name, and its post's address when the preview links it. */
  forwardedFrom: string | null;
  forwardedFromUrl: string | null;
  firstSeenAt: Timestamp;
  lastSeenAt: Timestamp;
  /** When a poll first found the post missing from a page that spans its id; null while it is there. */
  deletedAt: Timestamp | null;
}

export interface TelegramPostRepository {
  /** Records posts seen on a poll (first seen kept; a post seen again is no longer deleted). */
  recordSeen(states: Array<Omit<TelegramPostState, 'firstSeenAt' | 'deletedAt'>>): Promise<void>;
  /** Posts of a channel with ids in [fromId, toId], by id. */
  forChannel(channel: string, fromId: number, toId: number): Promise<TelegramPostState[]>;
  /** Marks posts gone (those already marked keep their first time). */
  markDeleted(documentIds: readonly string[], at: Timestamp): Promise<void>;
  get(documentId: string): Promise<TelegramPostState | null>;
}
