import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import { fromDbTime, toDbTime } from '../time.js';
import type { PendingBlobsRepository } from '../../../ports/repositories/pending-blobs.js';

export const createPendingBlobsRepository = (db: Kysely<DB>): PendingBlobsRepository => ({
  async add(keys, at) {
    if (keys.length === 0) return;
    await db.insertInto('pending_blobs').values(keys.map((key) => ({ key, created_at: toDbTime(at) }))).execute();
  },

  async claim(keys) {
    if (keys.length === 0) return 0;
    const res = await db.deleteFrom('pending_blobs').where('key', 'in', keys).executeTakeFirst();
    return Number(res.numDeletedRows);
  },

  async claimStale(key, cutoff) {
    const res = await db.deleteFrom('pending_blobs').where('key', '=', key).where('created_at', '<', toDbTime(cutoff)).executeTakeFirst();
    return Number(res.numDeletedRows) === 1;
  },

  async olderThan(cutoff, limit) {
    const rows = await db.selectFrom('pending_blobs').selectAll().where('created_at', '<', toDbTime(cutoff)).orderBy('created_at').limit(limit).execute();
    return rows.map((r) => ({ key: r.key, createdAt: fromDbTime(r.created_at) }));
  },

  async restore(record) {
    await db.insertInto('pending_blobs').values({ key: record.key, created_at: toDbTime(record.createdAt) }).onConflict((oc) => oc.doNothing()).execute();
  },

  async pendingAmong(keys) {
    if (keys.length === 0) return new Set();
    const rows = await db.selectFrom('pending_blobs').select('key').where('key', 'in', keys).execute();
    return new Set(rows.map((r) => r.key));
  },
});
