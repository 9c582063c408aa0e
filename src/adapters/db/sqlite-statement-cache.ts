import type BetterSqlite3 from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/**
 * Kysely's SQLite driver prepares every query anew; preparing costs more than running most of
 * our short statements (~3–4 ms of main-thread time per upload went to it). The app issues a
 * few hundred distinct SQL strings, so prepared statements are kept by SQL text (LRU, bounded)
 * and reused. A statement still being iterated (a streamed export) is busy and cannot run a
 * second time; the caller then gets a fresh one.
 */
export function withStatementCache(database: BetterSqlite3.Database, capacity = 500): SqliteDatabase {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => {
      cache.clear();
      database.close();
    },
    prepare(sql: string): SqliteStatement {
      const cached = cache.get(sql);
      if (cached && !cached.busy) {
        // Most recently used last, so the first key is the one to evict.
        cache.delete(sql);
        cache.set(sql, cached);
        return cached as unknown as SqliteStatement;
      }
      const stmt = database.prepare(sql);
      if (!cached) {
        if (cache.size >= capacity) cache.delete(cache.keys().next().value!);
        cache.set(sql, stmt);
      }
      return stmt as unknown as SqliteStatement;
    },
  };
}
