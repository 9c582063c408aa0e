import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import { toDbTime } from '../time.js';
import type { RequirementChangesRepository } from '../../../ports/repositories/requirement-changes.js';

export function createRequirementChangesRepository(db: Kysely<DB>): RequirementChangesRepository {
  return {
    async returnToDraft(registrationId, fromStatus, at) {
      const nowIso = toDbTime(at);
      const res = await db
        .updateTable('registrations')
        .set({ status: 'draft', status_changed_at: nowIso, changed_since_return: 0, claim_account_id: null, claim_expires_at: null, updated_at: nowIso })
        .where('id', '=', registrationId)
        .where('status', '=', fromStatus)
        .executeTakeFirst();
      return Number(res.numUpdatedRows) === 1;
    },
    async releaseCategories(registrationId, before, after, at) {
      if (after.length) await db.deleteFrom('released_categories').where('registration_id', '=', registrationId).where('category_code', 'in', [...after]).execute();
      const released = before.filter((c) => !after.includes(c));
      if (released.length === 0) return;
      await db
        .insertInto('released_categories')
        .values(released.map((category_code) => ({ registration_id: registrationId, category_code, released_at: toDbTime(at) })))
        .onConflict((oc) => oc.columns(['registration_id', 'category_code']).doNothing())
        .execute();
    },
  };
}
