/**
 * The duplicate lookup at national scale: N stored perceptual hashes (two per image: the
 * picture and the stored watermarked copy) on SQLite and PostgreSQL, then the lookup an upload
 * runs (src/services/image-duplicates.ts findDuplicateImages with the upload's two hashes),
 * timed one by one: p50 / p99 / max per lookup. Target: p99 ≤ 20 ms.
 *
 *   npx tsx bench/duplicates/run.ts [--hashes 8000000] [--db sqlite,postgres] [--clustered 0.3] [--lookups 400]
 *
 * Rows are generated inside the database (a recursive CTE on SQLite, generate_series on
 * PostgreSQL) with the band indexes built after the load, as a bulk import would. Hashes are
 * uniformly random, except a `clustered` share drawn near 1000 template hashes (~4 bits off),
 * the way photos of one certificate template look alike: those make the hot band values that
 * multi-index hashing must still get through. 1 image in 50 is deleted.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { openDatabase, migrateToLatest, type Database } from '../../src/adapters/db/database.js';
import { findDuplicateImages } from '../../src/services/image-duplicates.js';
import { createBandIndex } from '../../src/adapters/db/migrations/011-signals-duplicates.js';
import { createPostgresDatabase } from '../../test/support/databases.js';
import { prng } from '../../test/support/prng.js';
import { fmt, summarise } from '../lib/stats.js';

const arg = (name: string, def: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : def;
};
const HASHES = Number(arg('hashes', '8000000'));
const IMAGES = Math.floor(HASHES / 2);
const DBS = arg('db', 'sqlite,postgres').split(',');
const CLUSTERED = Number(arg('clustered', '0.3'));
const LOOKUPS = Number(arg('lookups', '400'));
const CHUNK = 500_000;
const TEMPLATES = 1000;
const clusteredPerTen = Math.round(CLUSTERED * 10);

const now = () => performance.now();
const log = (s: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${s}`);

/** Band k of template t: fixed pseudo-random 16-bit values. */
const templateBand = (t: string, k: number) => `((${t} * 40503 + ${k * 7919 + 1}) * 2654435761 % 65536)`;

async function load(database: Database) {
  const { db, dialect } = database;
  for (const band of ['band0', 'band1', 'band2', 'band3']) await sql`drop index ${sql.ref(`image_hashes_${band}`)}`.execute(db);
  if (dialect === 'sqlite') {
    await sql`pragma foreign_keys = off`.execute(db);
    await sql`pragma synchronous = off`.execute(db);
  } else {
    // Bulk load without per-row foreign-key triggers (the bench owns this database).
    await sql`set session_replication_role = replica`.execute(db);
  }
  const t0 = now();
  for (let from = 0; from < IMAGES; from += CHUNK) {
    const to = Math.min(IMAGES, from + CHUNK) - 1;
    if (dialect === 'sqlite') {
      await sql`with recursive s(x) as (select ${from} union all select x + 1 from s where x < ${to})
        insert into images (id, registration_id, category_code, slot, blob_key, thumb_key, sha256, width, height, bytes, state, reason, uploaded_at, deleted_at, signal_blurry, signal_dark, signal_glare)
        select printf('%032x', x), printf('reg%09d', x / 10), 'id_card', x % 10, '', '', '', 1000, 800, 100000, 'pending', null, '2026-03-01T00:00:00.000Z',
               case when x % 50 = 0 then '2026-03-02T00:00:00.000Z' else null end, 0, 0, 0 from s`.execute(db);
      // One random draw per band, kept for the hash text too (materialised: drawn once).
      const xor = (a: string, b: string) => sql.raw(`((${a}) | (${b})) - ((${a}) & (${b}))`);
      const mask = '(random() & random() & random() & random() & 65535)';
      const band = (k: number) =>
        sql`case when (x % 10) < ${clusteredPerTen} then ${xor(templateBand(`(x % ${TEMPLATES})`, k), mask)} else (random() & 65535) end`;
      await sql`with recursive s(x) as (select ${from * 2} union all select x + 1 from s where x < ${to * 2 + 1}),
        h as materialized (select x, ${band(0)} as b0, ${band(1)} as b1, ${band(2)} as b2, ${band(3)} as b3 from s)
        insert into image_hashes (image_id, kind, hash, band0, band1, band2, band3)
        select printf('%032x', x / 2), case x % 2 when 0 then 'picture' else 'stored' end, printf('%04x%04x%04x%04x', b0, b1, b2, b3), b0, b1, b2, b3 from h`.execute(db);
    } else {
      await sql`insert into images (id, registration_id, category_code, slot, blob_key, thumb_key, sha256, width, height, bytes, state, reason, uploaded_at, deleted_at, signal_blurry, signal_dark, signal_glare)
        select lpad(to_hex(x), 32, '0'), 'reg' || lpad((x / 10)::text, 9, '0'), 'id_card', x % 10, '', '', '', 1000, 800, 100000, 'pending', null, '2026-03-01T00:00:00Z',
               case when x % 50 = 0 then timestamptz '2026-03-02T00:00:00Z' else null end, 0, 0, 0
        from generate_series(${from}::bigint, ${to}::bigint) x`.execute(db);
      const r16 = 'floor(random() * 65536)::int';
      const mask = `(${r16} & ${r16} & ${r16} & ${r16})`;
      const band = (k: number) =>
        sql.raw(`case when (x % 10) < ${clusteredPerTen} then (${templateBand(`(x % ${TEMPLATES})`, k)})::int # ${mask} else ${r16} end`);
      await sql`insert into image_hashes (image_id, kind, hash, band0, band1, band2, band3)
        select lpad(to_hex(x / 2), 32, '0'), case x % 2 when 0 then 'picture' else 'stored' end,
               lpad(to_hex(b0), 4, '0') || lpad(to_hex(b1), 4, '0') || lpad(to_hex(b2), 4, '0') || lpad(to_hex(b3), 4, '0'), b0, b1, b2, b3
        from (select x, ${band(0)} as b0, ${band(1)} as b1, ${band(2)} as b2, ${band(3)} as b3 from generate_series(${from * 2}::bigint, ${to * 2 + 1}::bigint) x) h`.execute(db);
    }
    log(`  ${dialect}: ${(to + 1).toLocaleString()} images, ${((to + 1) * 2).toLocaleString()} hashes (${fmt((now() - t0) / 1000)} s)`);
  }
  const t1 = now();
  for (const band of ['band0', 'band1', 'band2', 'band3']) await createBandIndex(db, band);
  // VACUUM on PostgreSQL sets the visibility map, which index-only scans need (autovacuum does it in service).
  await sql.raw(dialect === 'postgres' ? 'vacuum analyze' : 'analyze').execute(db);
  if (dialect === 'postgres') await sql`set session_replication_role = origin`.execute(db);
  else await sql`pragma foreign_keys = on`.execute(db);
  log(`  ${dialect}: band indexes and statistics in ${fmt((now() - t1) / 1000)} s; load total ${fmt((now() - t0) / 1000)} s`);
}

function flip(hex: string, bits: number, rnd: () => number): string {
  let v = BigInt(`0x${hex}`);
  const used = new Set<number>();
  while (used.size < bits) used.add(Math.floor(rnd() * 64));
  for (const b of used) v ^= 1n << BigInt(b);
  return v.toString(16).padStart(16, '0');
}

async function measure(database: Database) {
  const { db } = database;
  const rnd = prng(2026);
  const randomHash = () => Array.from({ length: 4 }, () => Math.floor(rnd() * 65536).toString(16).padStart(4, '0')).join('');
  // Half the lookups are copies of stored pictures (0–3 bits off), half new pictures; the
  // upload sends two hashes (the picture and its watermarked copy).
  const stored = await sql<{ hash: string }>`select h.hash from image_hashes h join images i on i.id = h.image_id where i.deleted_at is null and h.image_id in (${sql.join(
    Array.from({ length: LOOKUPS / 2 }, () => `${Math.floor(rnd() * IMAGES).toString(16).padStart(32, '0')}`),
  )}) and h.kind = 'picture'`.execute(db);
  const queries: { hashes: string[]; copy: boolean }[] = [];
  for (const r of stored.rows) queries.push({ hashes: [flip(r.hash, Math.floor(rnd() * 4), rnd), randomHash()], copy: true });
  while (queries.length < LOOKUPS) queries.push({ hashes: [randomHash(), randomHash()], copy: false });
  for (let i = queries.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [queries[i], queries[j]] = [queries[j]!, queries[i]!];
  }
  if (process.argv.includes('--explain')) {
    const hashes = queries[0]!.hashes;
    const bands = hashes.map((h) => [0, 4, 8, 12].map((o) => Number.parseInt(h.slice(o, o + 4), 16)));
    const text = [0, 1, 2, 3].map((k) => `select image_id, hash from image_hashes where band${k} in (${bands.map((b) => b[k]).join(',')})`).join(' union all ');
    const plan = await sql.raw(`${database.dialect === 'postgres' ? 'explain analyze' : 'explain query plan'} ${text}`).execute(db);
    console.log(plan.rows.map((r: any) => r['QUERY PLAN'] ?? r.detail).join('\n'));
  }
  // Warm-up: the first queries read the indexes from disk.
  for (const q of queries.slice(0, 20)) await findDuplicateImages(db, q.hashes);
  const times: number[] = [];
  let copiesFound = 0;
  let copies = 0;
  let matches = 0;
  for (const q of queries) {
    const t = now();
    const found = await findDuplicateImages(db, q.hashes);
    times.push(now() - t);
    matches += found.length;
    if (q.copy) {
      copies++;
      if (found.length > 0) copiesFound++;
    }
  }
  const s = summarise(times);
  return { ...s, copies, copiesFound, matches };
}

const results: string[] = [];
for (const kind of DBS) {
  log(`${kind}: ${HASHES.toLocaleString()} hashes (${IMAGES.toLocaleString()} images), ${Math.round(CLUSTERED * 100)} % near ${TEMPLATES} templates`);
  let database: Database;
  let cleanup: () => Promise<void>;
  if (kind === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-dup-'));
    database = openDatabase({ dataDir: dir });
    cleanup = async () => {
      await database.close();
      fs.rmSync(dir, { recursive: true, force: true });
    };
  } else {
    const pgdb = await createPostgresDatabase('medexam_bench_dup');
    database = openDatabase({ databaseUrl: pgdb.url, dataDir: os.tmpdir() });
    cleanup = async () => {
      await database.close();
      await pgdb.drop();
    };
  }
  try {
    await migrateToLatest(database);
    await load(database);
    const r = await measure(database);
    const line = `${kind.padEnd(8)} | ${HASHES.toLocaleString().padStart(11)} | ${String(r.n).padStart(7)} | ${fmt(r.p50, 2).padStart(8)} | ${fmt(r.p99, 2).padStart(8)} | ${fmt(r.max, 2).padStart(8)} | ${r.copiesFound}/${r.copies} copies found, ${r.matches} matches in all`;
    results.push(line);
    log(line);
  } finally {
    await cleanup();
  }
}
console.log('\ndatabase |      hashes | lookups | p50 (ms) | p99 (ms) | max (ms) | check');
for (const l of results) console.log(l);
