// Users, sessions, API tokens and the audit log: who may use a shared Echotrace and what they did.
// Secrets never reach the store in the clear: passwords as scrypt hashes (app), session and API
// tokens as SHA-256 of their random value (a token is 32 random bytes, so a fast hash is enough).
import type { Timestamp } from '../model.ts';

export const ROLES = ['viewer', 'analyst', 'admin'] as const;
/** viewer reads; analyst also triages, adds sources and edits; admin also manages users and reads the audit log. */
export type Role = (typeof ROLES)[number];

export interface User {
  id: string;
  /** Lowercase letters, digits, `.`, `_`, `-`; unique. */
  username: string;
  role: Role;
  /** `scrypt$N$r$p$salt$hash` (base64url), made and checked by app. */
  passwordHash: string;
  createdAt: Timestamp;
  /** A disabled user can neither log in nor use a session or token made before. */
  disabledAt: Timestamp | null;
}

export interface Session {
  /** SHA-256 (hex) of the cookie's value. */
  idHash: string;
  userId: string;
  /** Sent back in X-CSRF-Token with every write made through the cookie. */
  csrfToken: string;
  createdAt: Timestamp;
  expiresAt: Timestamp;
}

export interface ApiToken {
  id: string;
  userId: string;
  /** What the token is for, as its maker named it. */
  name: string;
  /** SHA-256 (hex) of the token. */
  tokenHash: string;
  createdAt: Timestamp;
  lastUsedAt: Timestamp | null;
  revokedAt: Timestamp | null;
}

export interface AccountRepository {
  /** Refuses (ConflictError) a username that is taken. */
  addUser(user: User): Promise<void>;
  userByName(username: string): Promise<User | null>;
  userById(id: string): Promise<User | null>;
  /** By username. */
  listUsers(): Promise<User[]>;
  /** Sets or clears disabledAt; NotFoundError for an unknown username. */
  setDisabled(username: string, disabledAt: Timestamp | null): Promise<void>;
  setPasswordHash(username: string, passwordHash: string): Promise<void>;
  addSession(session: Session): Promise<void>;
  session(idHash: string): Promise<Session | null>;
  removeSession(idHash: string): Promise<void>;
  /** Every session of a user (on disable or password reset); returns how many. */
  removeSessionsOf(userId: string): Promise<number>;
  /** Sessions expired before `now`; returns how many were removed. */
  removeExpiredSessions(now: Timestamp): Promise<number>;
  addToken(token: ApiToken): Promise<void>;
  tokenByHash(tokenHash: string): Promise<ApiToken | null>;
  /** A user's tokens (every user's when no id), newest first. */
  listTokens(userId?: string): Promise<ApiToken[]>;
  touchToken(id: string, at: Timestamp): Promise<void>;
  /** NotFoundError for an unknown id. */
  revokeToken(id: string, at: Timestamp): Promise<void>;
}

/** One change, as the audit log keeps it: who did what to which thing, when. */
export interface AuditEvent {
  /** Assigned by the store, increasing. */
  id: number;
  at: Timestamp;
  /** A username, or `cli:<os user>` for a change made on the command line. */
  actor: string;
  /** e.g. `sanctions.decide`, `sources.add`, `users.add`, `auth.login`. */
  action: string;
  /** What was changed (an id, a path), when there is one thing. */
  target: string | null;
  details: Record<string, unknown>;
}

export interface AuditQuery {
  actor?: string;
  action?: string;
  /** Events with an id below this (paging backwards). */
  beforeId?: number;
  limit: number;
}

/** Append-only: the store refuses updates and deletes of audit events. */
export interface AuditLog {
  record(event: Omit<AuditEvent, 'id'>): Promise<AuditEvent>;
  /** Newest first. */
  list(query: AuditQuery): Promise<AuditEvent[]>;
}
