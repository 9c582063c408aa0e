import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../../../ports/dialect.js';

/**
 * The returned candidate's path (issue 12):
 * - requested_categories: a reviewer's return asking for a further document
 *   (requestedCategories); open until the candidate uploads into the category
 *   (fulfilled_at) or the next decision closes it (closed_at).
 * - candidate_reminders: the 提醒 of an incomplete file, one per candidate and China day
 *   (the primary key is what makes "at most once a day" hold under concurrent clicks).
 * - released_categories: categories an import took out of a candidate's required set; their
 *   approved images, otherwise locked for good, may be deleted by the candidate.
 * - queue indexes with materials_complete, so the default queue (complete files only while
 *   the upload window is open) and the 材料不齐 list read an index range, not a filter.
 */
export function reviewCandidateRequestsMigration(dialect: Dialect) {
  const time = dialect === 'postgres' ? sql`timestamptz` : sql`text`;
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('requested_categories')
        .addColumn('id', dialect === 'postgres' ? 'bigserial' : 'integer', (c) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
        .addColumn('registration_id', 'text', (c) => c.notNull().references('registrations.id'))
        .addColumn('category_code', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('level', 'text', (c) => c.notNull())
        .addColumn('account_id', 'text', (c) => c.notNull())
        .addColumn('requested_at', time, (c) => c.notNull())
        .addColumn('fulfilled_at', time)
        .addColumn('closed_at', time)
        .execute();
      await db.schema.createIndex('requested_categories_registration').on('requested_categories').columns(['registration_id', 'category_code']).execute();

      await db.schema
        .createTable('candidate_reminders')
        .addColumn('registration_id', 'text', (c) => c.notNull().references('registrations.id'))
        /** The China calendar day, YYYY-MM-DD. */
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('account_id', 'text', (c) => c.notNull())
        .addColumn('at', time, (c) => c.notNull())
        .addPrimaryKeyConstraint('candidate_reminders_pk', ['registration_id', 'day'])
        .execute();

      await db.schema
        .createTable('released_categories')
        .addColumn('registration_id', 'text', (c) => c.notNull().references('registrations.id'))
        .addColumn('category_code', 'text', (c) => c.notNull())
        .addColumn('released_at', time, (c) => c.notNull())
        .addPrimaryKeyConstraint('released_categories_pk', ['registration_id', 'category_code'])
        .execute();

      await db.schema
        .createIndex('registrations_site_pending_complete')
        .on('registrations')
        .columns(['site_code', 'review_queue', 'materials_complete', 'waiting_since', 'id'])
        .execute();
      await db.schema
        .createIndex('registrations_region_pending_complete')
        .on('registrations')
        .columns(['region_code', 'review_queue', 'materials_complete', 'waiting_since', 'id'])
        .execute();
      if (dialect === 'sqlite') {
        // As in 004: where statistics exist they must cover the new indexes too.
        const stats = await sql<{ n: number }>`select count(*) as n from sqlite_master where type = 'table' and name = 'sqlite_stat1'`.execute(db);
        if (Number(stats.rows[0]?.n) > 0) await sql`analyze registrations`.execute(db);
      }
    },
    async down(db: Kysely<any>): Promise<void> {
      await db.schema.dropIndex('registrations_region_pending_complete').execute();
      await db.schema.dropIndex('registrations_site_pending_complete').execute();
      await db.schema.dropTable('released_categories').execute();
      await db.schema.dropTable('candidate_reminders').execute();
      await db.schema.dropTable('requested_categories').execute();
    },
  };
}
