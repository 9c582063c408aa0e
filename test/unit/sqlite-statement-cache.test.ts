import type BetterSqlite3Types from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { withStatementCache } from '../../src/adapters/db/sqlite-statement-cache.js';
import { BetterSqlite3 } from '../../src/adapters/db/better-sqlite3.js';

interface TestDb {
  t: { id: number; v: string };
}

describe('SQLite prepared-statement cache', () => {
  let db: Kysely<TestDb> | undefined;
  afterEach(async () => db?.destroy());

  const open = (capacity?: number) => {
    const raw = new BetterSqlite3(':memory:');
    raw.exec('create table t (id integer primary key, v text)');
    const cached = withStatementCache(raw, capacity);
    db = new Kysely<TestDb>({ dialect: new SqliteDialect({ database: cached }) });
    return { raw, cached, db };
  };

  it('hands back the same statement for the same SQL, so it is prepared once', () => {
    const { cached } = open();
    expect(cached.prepare('select 1')).toBe(cached.prepare('select 1'));
  });

  it('gives a fresh statement when the cached one is still being iterated', () => {
    const { raw, cached } = open();
    raw.exec("insert into t (id, v) values (1, 'a'), (2, 'b')");
    const first = cached.prepare('select v from t order by id') as unknown as BetterSqlite3Types.Statement;
    const iterator = first.iterate();
    expect(iterator.next().value).toEqual({ v: 'a' });
    const second = cached.prepare('select v from t order by id') as unknown as BetterSqlite3Types.Statement;
    expect(second).not.toBe(first);
    expect(second.all()).toEqual([{ v: 'a' }, { v: 'b' }]);
    iterator.return?.();
  });

  it('keeps at most `capacity` statements and still answers evicted ones', async () => {
    const { db } = open(2);
    for (let round = 0; round < 2; round++) {
      for (let n = 1; n <= 5; n++) {
        const r = await sql<{ n: number }>`select ${sql.lit(n)} as n`.execute(db);
        expect(r.rows[0]!.n).toBe(n);
      }
    }
  });

  it('sees rows written after the statement was first prepared', async () => {
    const { db } = open();
    const count = async () => Number((await db.selectFrom('t').select((e) => e.fn.countAll().as('c')).executeTakeFirstOrThrow()).c);
    expect(await count()).toBe(0);
    await db.insertInto('t').values({ id: 9, v: 'z' }).execute();
    expect(await count()).toBe(1);
  });
});
