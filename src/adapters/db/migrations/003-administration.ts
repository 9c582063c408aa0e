import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../../../ports/dialect.js';

/**
 * Administration: used hand-off tokens (replay guard), registration import reports,
 * one requirement rule per key, and the indexes the admin lists read by.
 */
export function administrationMigration(dialect: Dialect) {
  const time = dialect === 'postgres' ? sql`timestamptz` : sql`text`;
  return {
    async up(db: Kysely<any>): Promise<void> {
      // A hand-off token is usable once: its jti is kept here until it has expired.
      await db.schema
        .createTable('handoff_tokens_used')
        .addColumn('jti', 'text', (c) => c.primaryKey())
        .addColumn('registration_no', 'text', (c) => c.notNull())
        .addColumn('expires_at', time, (c) => c.notNull())
        .addColumn('used_at', time, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('handoff_tokens_used_expiry').on('handoff_tokens_used').column('expires_at').execute();

      // What an import did; the rejected rows (with their raw values, hence encrypted) make
      // the downloadable error report.
      await db.schema
        .createTable('import_reports')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('account_id', 'text')
        .addColumn('actor_username', 'text', (c) => c.notNull())
        /** null: a national import; otherwise the region the importer administers. */
        .addColumn('region_scope', 'text')
        .addColumn('file_name', 'text', (c) => c.notNull())
        .addColumn('file_format', 'text', (c) => c.notNull())
        .addColumn('total_rows', 'integer', (c) => c.notNull())
        .addColumn('imported', 'integer', (c) => c.notNull())
        .addColumn('updated', 'integer', (c) => c.notNull())
        .addColumn('unchanged', 'integer', (c) => c.notNull())
        .addColumn('rejected', 'integer', (c) => c.notNull())
        .addColumn('report_cipher', 'text', (c) => c.notNull())
        .addColumn('created_at', time, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('import_reports_scope').on('import_reports').columns(['region_scope', 'created_at']).execute();

      // One rule per (region, exam category, situation, material); null means "any".
      await sql`create unique index requirement_rules_key on requirement_rules
        (coalesce(region_code, ''), coalesce(exam_category_code, ''), coalesce(situation, ''), material_code)`.execute(db);

      await db.schema.createIndex('accounts_scope').on('accounts').columns(['region_code', 'role']).execute();
    },
    async down(db: Kysely<any>): Promise<void> {
      await db.schema.dropIndex('accounts_scope').execute();
      await db.schema.dropIndex('requirement_rules_key').execute();
      await db.schema.dropTable('import_reports').execute();
      await db.schema.dropTable('handoff_tokens_used').execute();
    },
  };
}
