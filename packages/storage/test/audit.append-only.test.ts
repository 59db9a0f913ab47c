// The audit log is append-only in the database itself: an UPDATE or DELETE issued past the
// repository (a script with the database open) is refused by the trigger of migration 0140.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AssembledStore } from '../src/database/store.assembly.ts';
import { sql } from 'kysely';
import { EVERY_DIALECT } from './every-dialect.ts';

for (const { name, factory } of EVERY_DIALECT) {
  describe(`audit events are append-only: ${name}`, () => {
    it('refuses updates and deletes', async () => {
      const store = (await factory.create()) as AssembledStore;
      try {
        await store.audit.record({
          at: '2026-12-02T10:00:00Z',
          actor: 'zoe',
          action: 'a',
          target: null,
          details: {},
        });
        const db = store.context.db();
        await assert.rejects(sql`UPDATE audit_events SET actor = 'mallory'`.execute(db), /append-only/);
        await assert.rejects(sql`DELETE FROM audit_events`.execute(db), /append-only/);
        assert.equal((await store.audit.list({ limit: 5 }))[0]?.actor, 'zoe');
      } finally {
        await factory.destroy(store);
      }
    });
  });
}
