// Accounts of a shared installation: users with roles, password login into server-side sessions,
// API tokens for scripts, and the audit log every change is written to. Secrets are random 32-byte
// values shown once; the store keeps their SHA-256 (tokens, session ids) or scrypt hash (passwords).
import { randomBytes, randomUUID } from 'node:crypto';
import {
  InputError,
  NotFoundError,
  ROLES,
  sha256Hex,
  type ApiToken,
  type AuditEvent,
  type AuditQuery,
  type Role,
  type Session,
  type Store,
  type User,
} from '@echotrace/core';
import { hashPassword, UNMATCHABLE_HASH, verifyPassword } from './password.hashing.ts';

export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{0,63}$/;
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 1024;
/** How long a session lasts after login. */
export const SESSION_HOURS = 12;
const TOKEN_PREFIX = 'et_';
/** lastUsedAt is written at most this often per token, so scripts do not write on every request. */
const TOKEN_TOUCH_MS = 60_000;

/** A user as shown to others: never the password hash. */
export type PublicUser = Omit<User, 'passwordHash'>;
export const publicUser = ({ passwordHash: _hash, ...rest }: User): PublicUser => rest;

/** A token as listed: never its hash. */
export type PublicToken = Omit<ApiToken, 'tokenHash'>;
export const publicToken = ({ tokenHash: _hash, ...rest }: ApiToken): PublicToken => rest;

const secret = (bytes = 32): string => randomBytes(bytes).toString('base64url');

/** Role order: each role may do what the ones before it may. */
export function roleAllows(role: Role, needed: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(needed);
}

export function checkRole(value: string, input = '--role'): Role {
  if ((ROLES as readonly string[]).includes(value)) return value as Role;
  throw new InputError(input, `must be one of ${ROLES.join(', ')}`);
}

function checkPassword(password: string, input: string): void {
  if (password.length < MIN_PASSWORD_LENGTH)
    throw new InputError(input, `at least ${MIN_PASSWORD_LENGTH} characters`);
  if (password.length > MAX_PASSWORD_LENGTH)
    throw new InputError(input, `at most ${MAX_PASSWORD_LENGTH} characters`);
}

async function requiredUser(store: Store, username: string): Promise<User> {
  const user = await store.accounts.userByName(username);
  if (!user) throw new NotFoundError('user', username);
  return user;
}

/** Records one change in the audit log. */
export async function recordChange(
  store: Store,
  event: {
    actor: string;
    action: string;
    target?: string | null;
    details?: Record<string, unknown>;
    now: Date;
  },
): Promise<AuditEvent> {
  return store.audit.record({
    at: event.now.toISOString(),
    actor: event.actor,
    action: event.action,
    target: event.target ?? null,
    details: event.details ?? {},
  });
}

export async function auditTrail(store: Store, query: AuditQuery): Promise<AuditEvent[]> {
  return store.audit.list(query);
}

export interface CreateUserRequest {
  username: string;
  password: string;
  role: Role;
  actor: string;
  now: Date;
}

/** Adds a user; InputError for a bad name or short password, ConflictError for a taken name. */
export async function createUser(store: Store, request: CreateUserRequest): Promise<PublicUser> {
  if (!USERNAME_PATTERN.test(request.username))
    throw new InputError(
      request.username,
      'a username is 1–64 lowercase letters, digits, ".", "_" or "-", starting with a letter or digit',
    );
  checkPassword(request.password, 'password');
  const user: User = {
    id: randomUUID(),
    username: request.username,
    role: request.role,
    passwordHash: await hashPassword(request.password),
    createdAt: request.now.toISOString(),
    disabledAt: null,
  };
  await store.transaction(async () => {
    await store.accounts.addUser(user);
    await recordChange(store, {
      actor: request.actor,
      action: 'users.add',
      target: user.username,
      details: { role: user.role },
      now: request.now,
    });
  });
  return publicUser(user);
}

export async function listUsers(store: Store): Promise<PublicUser[]> {
  return (await store.accounts.listUsers()).map(publicUser);
}

/** Disables (ending every session) or re-enables a user. */
export async function setUserDisabled(
  store: Store,
  request: { username: string; disabled: boolean; actor: string; now: Date },
): Promise<PublicUser> {
  const user = await requiredUser(store, request.username);
  await store.transaction(async () => {
    await store.accounts.setDisabled(user.username, request.disabled ? request.now.toISOString() : null);
    if (request.disabled) await store.accounts.removeSessionsOf(user.id);
    await recordChange(store, {
      actor: request.actor,
      action: request.disabled ? 'users.disable' : 'users.enable',
      target: user.username,
      now: request.now,
    });
  });
  return publicUser((await store.accounts.userByName(user.username))!);
}

/** Sets a new password and ends every session of the user. */
export async function resetPassword(
  store: Store,
  request: { username: string; password: string; actor: string; now: Date },
): Promise<void> {
  checkPassword(request.password, 'password');
  const user = await requiredUser(store, request.username);
  const hash = await hashPassword(request.password);
  await store.transaction(async () => {
    await store.accounts.setPasswordHash(user.username, hash);
    await store.accounts.removeSessionsOf(user.id);
    await recordChange(store, {
      actor: request.actor,
      action: 'users.reset',
      target: user.username,
      now: request.now,
    });
  });
}

/** A new API token for a user: the token itself is returned once and never stored. */
export async function createApiToken(
  store: Store,
  request: { username: string; name: string; actor: string; now: Date },
): Promise<{ token: string; record: PublicToken }> {
  const name = request.name.trim();
  if (!name || name.length > 200)
    throw new InputError('token name', 'say what the token is for (1–200 characters)');
  const user = await requiredUser(store, request.username);
  const token = TOKEN_PREFIX + secret();
  const record: ApiToken = {
    id: randomUUID(),
    userId: user.id,
    name,
    tokenHash: sha256Hex(token),
    createdAt: request.now.toISOString(),
    lastUsedAt: null,
    revokedAt: null,
  };
  await store.transaction(async () => {
    await store.accounts.addToken(record);
    await recordChange(store, {
      actor: request.actor,
      action: 'tokens.add',
      target: user.username,
      details: { tokenId: record.id, name },
      now: request.now,
    });
  });
  return { token, record: publicToken(record) };
}

export async function listApiTokens(store: Store, username?: string): Promise<PublicToken[]> {
  const user = username === undefined ? undefined : await requiredUser(store, username);
  return (await store.accounts.listTokens(user?.id)).map(publicToken);
}

export async function revokeApiToken(
  store: Store,
  request: { id: string; actor: string; now: Date },
): Promise<void> {
  await store.transaction(async () => {
    await store.accounts.revokeToken(request.id, request.now.toISOString());
    await recordChange(store, {
      actor: request.actor,
      action: 'tokens.revoke',
      target: request.id,
      now: request.now,
    });
  });
}

export interface LoginOutcome {
  user: PublicUser;
  /** The cookie's value: shown to the client once, stored as its SHA-256. */
  sessionToken: string;
  csrfToken: string;
  expiresAt: string;
}

/** A session for the right password of an enabled user; null otherwise (the caller says nothing more). */
export async function login(
  store: Store,
  request: { username: string; password: string; now: Date },
): Promise<LoginOutcome | null> {
  const user =
    request.password.length <= MAX_PASSWORD_LENGTH ? await store.accounts.userByName(request.username) : null;
  // Verified against a hash nothing matches when the user is unknown: the answer takes as long.
  const matches = await verifyPassword(request.password, user?.passwordHash ?? UNMATCHABLE_HASH);
  if (!user || !matches || user.disabledAt) return null;
  const sessionToken = secret();
  const session: Session = {
    idHash: sha256Hex(sessionToken),
    userId: user.id,
    csrfToken: secret(24),
    createdAt: request.now.toISOString(),
    expiresAt: new Date(request.now.getTime() + SESSION_HOURS * 3_600_000).toISOString(),
  };
  await store.transaction(async () => {
    await store.accounts.removeExpiredSessions(session.createdAt);
    await store.accounts.addSession(session);
    await recordChange(store, {
      actor: user.username,
      action: 'auth.login',
      target: user.username,
      now: request.now,
    });
  });
  return { user: publicUser(user), sessionToken, csrfToken: session.csrfToken, expiresAt: session.expiresAt };
}

export async function logout(
  store: Store,
  request: { sessionToken: string; actor: string; now: Date },
): Promise<void> {
  await store.transaction(async () => {
    await store.accounts.removeSession(sha256Hex(request.sessionToken));
    await recordChange(store, {
      actor: request.actor,
      action: 'auth.logout',
      target: request.actor,
      now: request.now,
    });
  });
}

/** The user and session a cookie's value stands for, while the session lasts and the user is enabled. */
export async function sessionPrincipal(
  store: Store,
  sessionToken: string,
  now: Date,
): Promise<{ user: PublicUser; session: Session } | null> {
  const session = await store.accounts.session(sha256Hex(sessionToken));
  if (!session || session.expiresAt <= now.toISOString()) return null;
  const user = await store.accounts.userById(session.userId);
  if (!user || user.disabledAt) return null;
  return { user: publicUser(user), session };
}

/** The user an API token stands for, while it is not revoked and the user is enabled. */
export async function tokenPrincipal(
  store: Store,
  token: string,
  now: Date,
): Promise<{ user: PublicUser; token: PublicToken } | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const record = await store.accounts.tokenByHash(sha256Hex(token));
  if (!record || record.revokedAt) return null;
  const user = await store.accounts.userById(record.userId);
  if (!user || user.disabledAt) return null;
  if (!record.lastUsedAt || now.getTime() - Date.parse(record.lastUsedAt) > TOKEN_TOUCH_MS)
    await store.accounts.touchToken(record.id, now.toISOString());
  return { user: publicUser(user), token: publicToken(record) };
}
