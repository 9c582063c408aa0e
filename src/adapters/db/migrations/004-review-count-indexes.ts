import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../../../ports/dialect.js';

/**
 * Narrow indexes for the reviewers' per-status counts (countByStatus): one pass over
 * (scope, status, review_queue) gives every tab's count and the caller's pending count.
 * Over the queue indexes, which also hold both timestamps and the id, counting the largest
 * region (130 000 of 1 M registrations) took 2.5–5× longer and missed the 20 ms target
 * (bench/review, docs/BENCHMARKS.md).
 */
export function reviewCountIndexesMigration(dialect: Dialect) {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema.createIndex('registrations_site_counts').on('registrations').columns(['site_code', 'status', 'review_queue']).execute();
      await db.schema.createIndex('registrations_region_counts').on('registrations').columns(['region_code', 'status', 'review_queue']).execute();
      if (dialect === 'sqlite') {
        // Where statistics have been gathered (ANALYZE), they must cover the new indexes too: to
        // SQLite an index without them looks like ~10 rows per key, so it would take the counts
        // index for a status tab (and sort the whole status) over the queue index it has figures for.
        const stats = await sql<{ n: number }>`select count(*) as n from sqlite_master where type = 'table' and name = 'sqlite_stat1'`.execute(db);
        if (Number(stats.rows[0]?.n) > 0) await sql`analyze registrations`.execute(db);
      }
    },
    async down(db: Kysely<any>): Promise<void> {
      await db.schema.dropIndex('registrations_region_counts').execute();
      await db.schema.dropIndex('registrations_site_counts').execute();
    },
  };
}
