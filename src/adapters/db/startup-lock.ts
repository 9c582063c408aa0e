import { sql } from 'kysely';
import type { Database } from './database.js';

/**
 * Runs start-up work (migrations, reference and demo data) while holding a PostgreSQL
 * session advisory lock, so nodes started together do it one after another: the first
 * migrates and loads, the others find everything in place. SQLite has one process per
 * file and needs no lock.
 */
export async function withStartupLock<T>(database: Database, work: () => Promise<T>): Promise<T> {
  if (database.dialect !== 'postgres') return work();
  return database.db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(hashtext('medexam:startup'))`.execute(conn);
    try {
      return await work();
    } finally {
      await sql`select pg_advisory_unlock(hashtext('medexam:startup'))`.execute(conn);
    }
  });
}
