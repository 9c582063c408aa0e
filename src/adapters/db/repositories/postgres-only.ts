import { PostgresAdapter, type Kysely } from 'kysely';
import type { DB } from '../schema.js';

/** Row locks (FOR UPDATE, SKIP LOCKED) exist on PostgreSQL only; SQLite serialises writers anyway. */
export const isPostgres = (db: Kysely<DB>): boolean => db.getExecutor().adapter instanceof PostgresAdapter;
