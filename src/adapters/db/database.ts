import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { Kysely, Migrator, sql, PostgresDialect, SqliteDialect, type LogEvent, type Migration, type MigrationProvider } from 'kysely';
import type { DB } from './schema.js';
import { BetterSqlite3 } from './better-sqlite3.js';
import { withStatementCache } from './sqlite-statement-cache.js';
import { initialMigration } from './migrations/001-initial.js';
import { administrationMigration } from './migrations/003-administration.js';
import { reviewCountIndexesMigration } from './migrations/004-review-count-indexes.js';
import { securityAuditRequestIdMigration } from './migrations/005-security-audit-request-id.js';
import { storageBlobKeyIndexesMigration } from './migrations/006-storage-blob-key-indexes.js';
import { reviewStaffDraftsResultsMigration } from './migrations/010-review-staff-drafts-results.js';
import { reviewStaffAnnouncementsMigration } from './migrations/010-review-staff-announcements.js';
import { reviewCandidateRequestsMigration } from './migrations/009-review-candidate-requests.js';
import { signalsMigration } from './migrations/011-signals-duplicates.js';
import { siteRequirementRulesMigration } from './migrations/012-site-requirement-rules.js';
import { duplicateLookupIndexMigration } from './migrations/012-duplicate-lookup-index.js';
import { catalogEnglishMigration } from './migrations/012-catalog-english.js';
import { examCategoryEnglishMigration } from './migrations/013-exam-category-english.js';

import type { Dialect } from '../../ports/dialect.js';

export type { Dialect };
export interface Database {
  db: Kysely<DB>;
  dialect: Dialect;
  close(): Promise<void>;
}

// pg returns int8 as string and timestamptz as Date: convert once, here.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));
pg.types.setTypeParser(1184, (v) => new Date(v).toISOString());

export interface DatabaseOptions {
  databaseUrl?: string | undefined;
  dataDir: string;
  pgPoolMax?: number;
  /** Called with the text of every statement sent to the database (tests count them per request). */
  onStatement?: ((sql: string) => void) | undefined;
}

export function openDatabase(opts: DatabaseOptions): Database {
  // Kysely's log hook sees every statement its driver sends, BEGIN and COMMIT included, failed ones too.
  const onStatement = opts.onStatement;
  const log = onStatement ? (event: LogEvent) => onStatement(event.query.sql) : undefined;
  if (opts.databaseUrl && /^postgres(ql)?:\/\//.test(opts.databaseUrl)) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.pgPoolMax ?? 10 });
    // An idle client losing its connection (server restart, failover) must not crash the process;
    // the pool replaces it on the next query.
    pool.on('error', (err) => console.error(`PostgreSQL idle client error: ${err.message}`));
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), ...(log ? { log } : {}) });
    return { db, dialect: 'postgres', close: () => db.destroy() };
  }
  fs.mkdirSync(opts.dataDir, { recursive: true });
  const file = path.join(opts.dataDir, 'app.db');
  const sqlite = new BetterSqlite3(file);
  sqlite.pragma('journal_mode = WAL');
  // NORMAL in WAL mode survives a process crash; only an OS crash may lose the last commits.
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }), ...(log ? { log } : {}) });
  return { db, dialect: 'sqlite', close: () => db.destroy() };
}

export class CodeMigrations implements MigrationProvider {
  constructor(private readonly dialect: Dialect) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    return {
      '001-initial': initialMigration(this.dialect),
      '003-administration': administrationMigration(this.dialect),
      '004-review-count-indexes': reviewCountIndexesMigration(this.dialect),
      '005-security-audit-request-id': securityAuditRequestIdMigration(),
      '006-storage-blob-key-indexes': storageBlobKeyIndexesMigration(),
      '010-review-staff-drafts-results': reviewStaffDraftsResultsMigration(this.dialect),
      '010-review-staff-announcements': reviewStaffAnnouncementsMigration(this.dialect),
      '009-review-candidate-requests': reviewCandidateRequestsMigration(this.dialect),
      '011-signals-duplicates': signalsMigration(this.dialect),
      '012-site-requirement-rules': siteRequirementRulesMigration(),
      '012-duplicate-lookup-index': duplicateLookupIndexMigration(this.dialect),
      '012-catalog-english': catalogEnglishMigration(),
      '013-exam-category-english': examCategoryEnglishMigration(),
    };
  }
}

export async function migrateToLatest(database: Database): Promise<void> {
  // Unordered: migrations are numbered per piece of work and may land in any order.
  const migrator = new Migrator({ db: database.db, provider: new CodeMigrations(database.dialect), allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) throw new Error(`Migration failed: ${failed?.migrationName ?? ''} ${String(error)}`);
  if (database.dialect === 'sqlite') {
    // SQLite plans well only with statistics (e.g. the 报名号 prefix search at 1 M rows):
    // gather what is missing or stale at start-up, as SQLite recommends for long-lived connections.
    await sql`pragma optimize=0x10002`.execute(database.db);
  }
}
