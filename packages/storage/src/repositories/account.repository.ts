// Users, sessions and API tokens, written once over Kysely for every dialect. Hashing happens in
// app; this stores and finds what it is given.
import { NotFoundError } from '@echotrace/core';
import type { AccountRepository, ApiToken, Role, Session, User } from '@echotrace/core';
import type { Selectable } from 'kysely';
import type { ApiTokensTable, SessionsTable, UsersTable } from '../database/schema.ts';
import type { StoreContext } from '../database/unit-of-work.ts';

const user = (row: Selectable<UsersTable>): User => ({
  id: row.id,
  username: row.username,
  role: row.role as Role,
  passwordHash: row.password_hash,
  createdAt: row.created_at,
  disabledAt: row.disabled_at,
});

const session = (row: Selectable<SessionsTable>): Session => ({
  idHash: row.id_hash,
  userId: row.user_id,
  csrfToken: row.csrf_token,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
});

const token = (row: Selectable<ApiTokensTable>): ApiToken => ({
  id: row.id,
  userId: row.user_id,
  name: row.name,
  tokenHash: row.token_hash,
  createdAt: row.created_at,
  lastUsedAt: row.last_used_at,
  revokedAt: row.revoked_at,
});

export function createAccountRepository(context: StoreContext): AccountRepository {
  const db = () => context.db();
  const changedOne = (result: { numUpdatedRows: bigint }, what: string, id: string): void => {
    if (result.numUpdatedRows === 0n) throw new NotFoundError(what, id);
  };
  return {
    async addUser(u) {
      await db()
        .insertInto('users')
        .values({
          id: u.id,
          username: u.username,
          role: u.role,
          password_hash: u.passwordHash,
          created_at: u.createdAt,
          disabled_at: u.disabledAt,
        })
        .execute();
    },
    async userByName(username) {
      const row = await db()
        .selectFrom('users')
        .selectAll()
        .where('username', '=', username)
        .executeTakeFirst();
      return row ? user(row) : null;
    },
    async userById(id) {
      const row = await db().selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? user(row) : null;
    },
    async listUsers() {
      return (await db().selectFrom('users').selectAll().orderBy('username').execute()).map(user);
    },
    async setDisabled(username, disabledAt) {
      const result = await db()
        .updateTable('users')
        .set({ disabled_at: disabledAt })
        .where('username', '=', username)
        .executeTakeFirst();
      changedOne(result, 'user', username);
    },
    async setPasswordHash(username, passwordHash) {
      const result = await db()
        .updateTable('users')
        .set({ password_hash: passwordHash })
        .where('username', '=', username)
        .executeTakeFirst();
      changedOne(result, 'user', username);
    },
    async addSession(s) {
      await db()
        .insertInto('sessions')
        .values({
          id_hash: s.idHash,
          user_id: s.userId,
          csrf_token: s.csrfToken,
          created_at: s.createdAt,
          expires_at: s.expiresAt,
        })
        .execute();
    },
    async session(idHash) {
      const row = await db()
        .selectFrom('sessions')
        .selectAll()
        .where('id_hash', '=', idHash)
        .executeTakeFirst();
      return row ? session(row) : null;
    },
    async removeSession(idHash) {
      await db().deleteFrom('sessions').where('id_hash', '=', idHash).execute();
    },
    async removeSessionsOf(userId) {
      const result = await db().deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
    async removeExpiredSessions(now) {
      const result = await db().deleteFrom('sessions').where('expires_at', '<', now).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
    async addToken(t) {
      await db()
        .insertInto('api_tokens')
        .values({
          id: t.id,
          user_id: t.userId,
          name: t.name,
          token_hash: t.tokenHash,
          created_at: t.createdAt,
          last_used_at: t.lastUsedAt,
          revoked_at: t.revokedAt,
        })
        .execute();
    },
    async tokenByHash(tokenHash) {
      const row = await db()
        .selectFrom('api_tokens')
        .selectAll()
        .where('token_hash', '=', tokenHash)
        .executeTakeFirst();
      return row ? token(row) : null;
    },
    async listTokens(userId) {
      let query = db().selectFrom('api_tokens').selectAll();
      if (userId !== undefined) query = query.where('user_id', '=', userId);
      return (await query.orderBy('created_at', 'desc').orderBy('id').execute()).map(token);
    },
    async touchToken(id, at) {
      await db().updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
    },
    async revokeToken(id, at) {
      const result = await db()
        .updateTable('api_tokens')
        .set({ revoked_at: at })
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      if (
        result.numUpdatedRows === 0n &&
        !(await db().selectFrom('api_tokens').select('id').where('id', '=', id).executeTakeFirst())
      )
        throw new NotFoundError('API token', id);
    },
  };
}
