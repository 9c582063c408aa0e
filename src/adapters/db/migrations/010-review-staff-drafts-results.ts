import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../../../ports/dialect.js';

/**
 * Review drafts (a reviewer's per-image verdicts saved while the claim holds) and the
 * final-result events the registration system receives (webhook + pull API).
 */
export function reviewStaffDraftsResultsMigration(dialect: Dialect) {
  const time = dialect === 'postgres' ? sql`timestamptz` : sql`text`;
  return {
    async up(db: Kysely<any>): Promise<void> {
      // One draft per registration: it belongs to the claim holder and goes with the claim.
      await db.schema
        .createTable('review_drafts')
        .addColumn('registration_id', 'text', (c) => c.primaryKey().references('registrations.id').onDelete('cascade'))
        .addColumn('account_id', 'text', (c) => c.notNull())
        .addColumn('level', 'text', (c) => c.notNull())
        /** JSON: {verdicts: {imageId: {verdict, preset, note}}, seen: [imageId]} */
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('updated_at', time, (c) => c.notNull())
        .execute();

      // Final results in the order they happened; `seq` is the pull API's cursor.
      await db.schema
        .createTable('result_events')
        .addColumn('seq', dialect === 'postgres' ? 'bigserial' : 'integer', (c) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
        .addColumn('id', 'text', (c) => c.notNull().unique())
        .addColumn('registration_id', 'text', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('created_at', time, (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<any>): Promise<void> {
      await db.schema.dropTable('result_events').execute();
      await db.schema.dropTable('review_drafts').execute();
    },
  };
}
