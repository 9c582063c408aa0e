import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../../../ports/dialect.js';

/** A region's 公告 (title, text, an https link) that its candidates see on the registration page. */
export function reviewStaffAnnouncementsMigration(dialect: Dialect) {
  const time = dialect === 'postgres' ? sql`timestamptz` : sql`text`;
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('region_announcements')
        .addColumn('region_code', 'text', (c) => c.primaryKey().references('regions.code'))
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('link', 'text')
        .addColumn('updated_at', time, (c) => c.notNull())
        .addColumn('updated_by', 'text')
        .execute();
    },
    async down(db: Kysely<any>): Promise<void> {
      await db.schema.dropTable('region_announcements').execute();
    },
  };
}
