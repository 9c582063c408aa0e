import crypto from 'node:crypto';
import pg from 'pg';

export type DbKind = 'sqlite' | 'postgres';

export const PG_ADMIN_URL = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** The databases the integration suites run on. Both run in CI; TEST_DBS narrows it locally. */
export function testDatabases(): DbKind[] {
  const env = process.env.TEST_DBS;
  if (!env) return ['sqlite', 'postgres'];
  return env.split(',').map((s) => s.trim()).filter((s): s is DbKind => s === 'sqlite' || s === 'postgres');
}

/**
 * Creates a fresh PostgreSQL database (for one test file or one benchmark run, named
 * `<prefix>_<random>` so that a leftover is recognisable); returns its URL, name and a drop.
 */
export async function createPostgresDatabase(prefix = 'medexam_test'): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const name = `${prefix}_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = PG_ADMIN_URL.replace(/\/[^/]*$/, `/${name}`);
  return {
    url,
    name,
    async drop() {
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
