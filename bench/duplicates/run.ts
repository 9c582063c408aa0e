/**
 * The duplicate lookup at national scale: N stored perceptual hashes (two per image: the
 * picture and the stored, watermarked copy) on SQLite and PostgreSQL, then the lookup an upload
 * runs (src/services/image-duplicates.ts findDuplicateImages with the upload's two hashes),
 * each timed alone, interleaved with a same-run baseline (one primary-key read of
 * image_hashes through the same Kysely connection). Target: p99 ≤ 20 ms.
 *
 *   npx tsx bench/duplicates/run.ts [--hashes 8000000] [--db sqlite,postgres] [--lookups 1000] [--rounds 1] [--explain]
 *
 * The data (generated once in JS, the same rows in both databases, seeded):
 * - 87 % random pictures; 10 % photos of 2 000 certificate templates (10 bits from their
 *   template: different people's certificates of one template look alike, never the same);
 *   2 % fraud rings (one picture used by ~5 images, 0–3 bits apart); 0.5 % ten pictures shared
 *   by ~2 000 images each (a sample certificate from the web: hot buckets in every band);
 *   0.5 % blank pages (a flat picture: the degenerate hash, not indexed; their stored copy is
 *   the watermark on white, one picture for all of them: the hottest buckets);
 * - the stored hash is the picture's with 2–14 bits flipped (what the watermark does);
 * - 1 image in 50 deleted (live = 0).
 * Filled fast: SQLite one transaction with one prepared insert, PostgreSQL unnest batches;
 * band indexes built after the load, then ANALYZE (VACUUM ANALYZE on PostgreSQL). The bench
 * creates its own database file / database and drops it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { sql } from 'kysely';
import { openDatabase, migrateToLatest, type Database } from '../../src/adapters/db/database.js';
import { BetterSqlite3 } from '../../src/adapters/db/better-sqlite3.js';
import { findDuplicateImages, MAX_REPORTED_DUPLICATES } from '../../src/services/image-duplicates.js';
import { createStore } from '../../src/adapters/db/store.js';
import { BAND_INDEXES, createLiveBandIndex } from '../../src/adapters/db/migrations/012-duplicate-lookup-index.js';
import { DEGENERATE_HASH, DUPLICATE_MAX_DISTANCE, hashFromHalves, popcount32 } from '../../src/domain/image-signals.js';
import { createPostgresDatabase } from '../../test/support/databases.js';
import { prng } from '../../test/support/prng.js';
import { fmt, percentile } from '../lib/stats.js';

const arg = (name: string, def: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : def;
};
const HASHES = Number(arg('hashes', '8000000'));
const IMAGES = Math.floor(HASHES / 2);
const DBS = arg('db', 'sqlite,postgres').split(',');
const LOOKUPS = Number(arg('lookups', '1000'));
/** Measurement rounds on the same loaded database (the machine's load changes between them). */
const ROUNDS = Number(arg('rounds', '1'));
const TEMPLATES = 2000;
const COMMON = 10;
const RING_SIZE = 5;

const now = () => performance.now();
const log = (s: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${s}`);
const load = () => {
  const psi = fs.existsSync('/proc/pressure/cpu') ? fs.readFileSync('/proc/pressure/cpu', 'utf8').split('\n')[0]!.match(/avg60=([\d.]+)/)?.[1] : undefined;
  return `load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}${psi ? `, CPU pressure (some, 60 s) ${psi} %` : ''}`;
};

// ---- data, generated once: hash k of image i is (hi[2i+k], lo[2i+k]); k 0 = picture, 1 = stored.
const rnd = prng(2026);
const u32 = () => Math.floor(rnd() * 4294967296) >>> 0;
function flip(hi: number, lo: number, bits: number): [number, number] {
  const used = new Set<number>();
  while (used.size < bits) used.add(Math.floor(rnd() * 64));
  for (const b of used) {
    if (b < 32) lo ^= 1 << b;
    else hi ^= 1 << (b - 32);
  }
  return [hi >>> 0, lo >>> 0];
}
const templates = Array.from({ length: TEMPLATES }, () => [u32(), u32()] as [number, number]);
const common = Array.from({ length: COMMON }, () => [u32(), u32()] as [number, number]);
const blankWatermark: [number, number] = [u32(), u32()];
const rings = Array.from({ length: Math.max(1, Math.floor((IMAGES * 0.02) / RING_SIZE)) }, () => [u32(), u32()] as [number, number]);
const hi = new Uint32Array(IMAGES * 2);
const lo = new Uint32Array(IMAGES * 2);
const live = new Uint8Array(IMAGES * 2);
const kindOf = new Uint8Array(IMAGES); // 0 random, 1 template, 2 ring, 3 common, 4 blank
const t0 = now();
for (let i = 0; i < IMAGES; i++) {
  const r = rnd();
  let p: [number, number];
  let s: [number, number] | undefined;
  if (r < 0.005) {
    kindOf[i] = 4;
    p = [0, 0];
    s = flip(...blankWatermark, Math.floor(rnd() * 5));
  } else if (r < 0.01) {
    kindOf[i] = 3;
    p = flip(...common[Math.floor(rnd() * COMMON)]!, Math.floor(rnd() * 3));
  } else if (r < 0.03) {
    kindOf[i] = 2;
    p = flip(...rings[Math.floor(rnd() * rings.length)]!, Math.floor(rnd() * 4));
  } else if (r < 0.13) {
    kindOf[i] = 1;
    p = flip(...templates[Math.floor(rnd() * TEMPLATES)]!, 10);
  } else p = [u32(), u32()];
  s ??= flip(...p, 2 + Math.floor(rnd() * 13));
  const dead = i % 50 === 0;
  [hi[2 * i], lo[2 * i], live[2 * i]] = [p[0], p[1], dead || kindOf[i] === 4 ? 0 : 1];
  [hi[2 * i + 1], lo[2 * i + 1], live[2 * i + 1]] = [s[0], s[1], dead ? 0 : 1];
}
log(`generated ${HASHES.toLocaleString()} hashes in ${fmt((now() - t0) / 1000)} s`);

const imageId = (i: number) => `${i.toString(16).padStart(8, '0')}-0000-4000-8000-${(i * 2654435761 % 281474976710656).toString(16).padStart(12, '0')}`;
const registrationId = (i: number) => `${Math.floor(i / 6).toString(16).padStart(8, '0')}-1111-4000-8000-000000000000`;
const int8 = (h: number, l: number) => BigInt.asIntN(64, (BigInt(h) << 32n) | BigInt(l));
const bands = (h: number, l: number) => [h >>> 16, h & 0xffff, l >>> 16, l & 0xffff];

async function loadSqlite(file: string) {
  const d = new BetterSqlite3(file);
  d.pragma('foreign_keys = off');
  d.pragma('synchronous = off');
  for (const b of BAND_INDEXES) d.exec(`drop index image_hashes_live_${b}`);
  const ins = d.prepare('insert into image_hashes (image_id, kind, hash, band0, band1, band2, band3, registration_id, live) values (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const t = now();
  d.transaction(() => {
    for (let i = 0; i < IMAGES; i++) {
      const id = imageId(i);
      const reg = registrationId(i);
      for (let k = 0; k < 2; k++) {
        const j = 2 * i + k;
        ins.run(id, k === 0 ? 'picture' : 'stored', int8(hi[j]!, lo[j]!), ...bands(hi[j]!, lo[j]!), reg, live[j]);
      }
      if (i % 1_000_000 === 999_999) log(`  sqlite: ${((i + 1) * 2).toLocaleString()} rows (${fmt((now() - t) / 1000)} s)`);
    }
  })();
  log(`  sqlite: ${HASHES.toLocaleString()} rows inserted in ${fmt((now() - t) / 1000)} s`);
  d.close();
}

async function loadPostgres(url: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query('set session_replication_role = replica'); // no FK triggers: the bench owns this database
  for (const b of BAND_INDEXES) await c.query(`drop index image_hashes_live_${b}`);
  const t = now();
  const BATCH = 50_000;
  for (let from = 0; from < IMAGES; from += BATCH / 2) {
    const cols: unknown[][] = Array.from({ length: 9 }, () => []);
    for (let i = from; i < Math.min(IMAGES, from + BATCH / 2); i++) {
      for (let k = 0; k < 2; k++) {
        const j = 2 * i + k;
        const row = [imageId(i), k === 0 ? 'picture' : 'stored', int8(hi[j]!, lo[j]!).toString(), ...bands(hi[j]!, lo[j]!), registrationId(i), live[j]];
        row.forEach((v, n) => cols[n]!.push(v));
      }
    }
    await c.query(
      `insert into image_hashes (image_id, kind, hash, band0, band1, band2, band3, registration_id, live)
       select * from unnest($1::text[], $2::text[], $3::int8[], $4::int4[], $5::int4[], $6::int4[], $7::int4[], $8::text[], $9::int4[])`,
      cols,
    );
    if ((from + BATCH / 2) % 1_000_000 === 0) log(`  postgres: ${((from + BATCH / 2) * 2).toLocaleString()} rows (${fmt((now() - t) / 1000)} s)`);
  }
  log(`  postgres: ${HASHES.toLocaleString()} rows inserted in ${fmt((now() - t) / 1000)} s`);
  await c.end();
}

async function buildIndexes(database: Database) {
  const t = now();
  if (database.dialect === 'postgres') await sql`set maintenance_work_mem = '512MB'`.execute(database.db);
  for (const b of BAND_INDEXES) await createLiveBandIndex(database.db, database.dialect, b);
  // VACUUM sets PostgreSQL's visibility map, which index-only scans need (autovacuum does it in service).
  await sql.raw(database.dialect === 'postgres' ? 'vacuum analyze image_hashes' : 'analyze').execute(database.db);
  log(`  ${database.dialect}: band indexes and statistics in ${fmt((now() - t) / 1000)} s`);
}

type LookupKind = 'new' | 'copy' | 'ring' | 'template' | 'common' | 'blank';
interface Lookup { kind: LookupKind; hashes: string[]; of?: number }
function lookups(round: number): Lookup[] {
  const r = prng(7 + round);
  const pick = (n: number) => Math.floor(r() * n);
  const out: Lookup[] = [];
  const hex = (p: [number, number]) => hashFromHalves(p[0], p[1]);
  const upload = (kind: LookupKind, p: [number, number], of?: number, stored?: [number, number]): Lookup => ({
    kind, of, hashes: [hex(p), hex(stored ?? flip(...p, 2 + Math.floor(rnd() * 13)))],
  });
  for (let n = 0; n < LOOKUPS; n++) {
    const x = r();
    if (x < 0.5) out.push(upload('new', [u32(), u32()]));
    else if (x < 0.75) {
      let i = pick(IMAGES);
      while (i % 50 === 0 || kindOf[i] === 4) i = pick(IMAGES);
      out.push(upload('copy', flip(hi[2 * i]!, lo[2 * i]!, pick(4)), i));
    } else if (x < 0.85) out.push(upload('ring', flip(...rings[pick(rings.length)]!, pick(4))));
    else if (x < 0.93) out.push(upload('template', flip(...templates[pick(TEMPLATES)]!, 10)));
    else if (x < 0.97) out.push(upload('common', flip(...common[pick(COMMON)]!, pick(3))));
    else out.push({ kind: 'blank', hashes: [DEGENERATE_HASH, hex(flip(...blankWatermark, pick(5)))] });
  }
  return out;
}

/** Brute force over the generated rows: every live image within the distance (the answer the index must give). */
function bruteForce(hashes: string[]): Set<string> {
  const q = hashes.filter((h) => h !== DEGENERATE_HASH).map((h) => [Number.parseInt(h.slice(0, 8), 16) | 0, Number.parseInt(h.slice(8), 16) | 0]);
  const found = new Set<string>();
  for (let j = 0; j < hi.length; j++) {
    if (!live[j]) continue;
    for (const [qh, ql] of q) if (popcount32(hi[j]! ^ qh!) + popcount32(lo[j]! ^ ql!) <= DUPLICATE_MAX_DISTANCE) found.add(imageId(j >> 1));
  }
  return found;
}

async function measure(database: Database, round: number) {
  const { db } = database;
  const store = createStore(db);
  const qs = lookups(round);
  if (round === 1 && process.argv.includes('--explain')) {
    const q = qs.find((x) => x.kind === 'copy')!;
    const bandsOf = (h: string) => [0, 4, 8, 12].map((o) => Number.parseInt(h.slice(o, o + 4), 16));
    const text = q.hashes.flatMap((h) => bandsOf(h).map((v, k) => `select * from (select hash >> 32 as hi, hash & 4294967295 as lo, image_id, registration_id from image_hashes where band${k} = ${v} and live = 1 limit 500) p${k}`)).join(' union all ');
    const plan = await sql.raw(`${database.dialect === 'postgres' ? 'explain (analyze, buffers)' : 'explain query plan'} ${text}`).execute(db);
    console.log(plan.rows.map((r: any) => r['QUERY PLAN'] ?? r.detail).join('\n'));
  }
  const baselineIds = qs.map((_, n) => imageId((n * 7919 + round * 104729) % IMAGES));
  const baseline = async (id: string) => db.selectFrom('image_hashes').select('band0').where('image_id', '=', id).where('kind', '=', 'picture').executeTakeFirst();
  // Warm-up: read the index pages once (a service's cache is warm; the OS on this VM evicts idle pages).
  for (const q of qs.slice(0, 50)) await findDuplicateImages(store, q.hashes);
  for (const id of baselineIds.slice(0, 50)) await baseline(id);
  const backendPid = database.dialect === 'postgres' ? (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db)).rows[0]!.pid : undefined;
  const times: number[] = [];
  const onCpu: number[] = [];
  const waited: number[] = [];
  const base: number[] = [];
  const byKind = new Map<LookupKind, number[]>();
  const check = { copies: 0, copiesFound: 0, copiesOfShared: 0, exact: 0, exactChecked: 0, rows: 0, matches: 0, capped: 0 };
  const results: string[][] = [];
  for (const [n, q] of qs.entries()) {
    let t = now();
    await baseline(baselineIds[n]!);
    base.push(now() - t);
    const s0 = schedstat(backendPid);
    t = now();
    const found = await findDuplicateImages(store, q.hashes);
    const ms = now() - t;
    const s1 = schedstat(backendPid);
    times.push(ms);
    onCpu.push((s1.run - s0.run) / 1e6);
    waited.push((s1.wait - s0.wait) / 1e6);
    byKind.set(q.kind, [...(byKind.get(q.kind) ?? []), ms]);
    results.push(found.map((f) => f.imageId));
    check.matches += found.length;
    if (q.kind === 'copy') {
      check.copies++;
      if (found.some((f) => f.imageId === imageId(q.of!))) check.copiesFound++;
      // A copy of a picture shared by more than 50 images gets the 50 nearest, which need not include its original.
      else if (found.length === MAX_REPORTED_DUPLICATES) check.copiesOfShared++;
    }
  }
  // Correctness against brute force on 60 lookups of every kind (not timed).
  for (const [n, q] of qs.entries()) {
    if (n % Math.ceil(qs.length / 60) !== 0) continue;
    const want = bruteForce(q.hashes);
    const got = new Set(results[n]);
    if (want.size > MAX_REPORTED_DUPLICATES) {
      check.capped++;
      if (got.size === MAX_REPORTED_DUPLICATES && [...got].every((id) => want.has(id))) check.exact++;
    } else if (want.size === got.size && [...want].every((id) => got.has(id))) check.exact++;
    check.exactChecked++;
  }
  return { times, onCpu, waited, base, byKind, check };
}

/**
 * On-CPU time (ns) of this process (getrusage) and, on PostgreSQL, of the bench's one backend
 * (/proc/<pid>/schedstat), and the time the two waited in the run queue (schedstat): what a lookup costs in CPU, apart from the time it waited for a core on
 * this shared machine. better-sqlite3 runs on this thread, so on SQLite this thread is all of it.
 */
function schedstat(backendPid?: number): { run: number; wait: number } {
  const read = (file: string) => fs.readFileSync(file, 'utf8').split(' ').map(Number);
  // This process: getrusage (exact for a running thread too; schedstat of a running thread lags to the next tick).
  const { user, system } = process.cpuUsage();
  const [, wait] = read('/proc/thread-self/schedstat');
  if (!backendPid) return { run: (user + system) * 1000, wait: wait! };
  const [brun, bwait] = read(`/proc/${backendPid}/schedstat`);
  return { run: (user + system) * 1000 + brun!, wait: wait! + bwait! };
}

const p = (xs: number[], q: number) => percentile([...xs].sort((a, b) => a - b), q);
const results: string[] = [];
for (const kind of DBS) {
  log(`${kind}: ${HASHES.toLocaleString()} hashes (${IMAGES.toLocaleString()} images); ${load()}`);
  let database: Database;
  let cleanup: () => Promise<void>;
  if (kind === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-dup-'));
    const migrated = openDatabase({ dataDir: dir });
    await migrateToLatest(migrated);
    await migrated.close();
    await loadSqlite(path.join(dir, 'app.db'));
    database = openDatabase({ dataDir: dir });
    cleanup = async () => {
      await database.close();
      fs.rmSync(dir, { recursive: true, force: true });
    };
  } else {
    const pgdb = await createPostgresDatabase('medexam_bench_dup');
    process.env.PG_POOL_MAX = '1'; // one backend, whose CPU time schedstat() reads
    database = openDatabase({ databaseUrl: pgdb.url, dataDir: os.tmpdir() });
    await migrateToLatest(database);
    await loadPostgres(pgdb.url);
    cleanup = async () => {
      await database.close();
      await pgdb.drop();
    };
  }
  try {
    await buildIndexes(database);
    for (let round = 1; round <= ROUNDS; round++) {
      log(`  ${kind}: measuring, round ${round}; ${load()}`);
      const { times, onCpu, waited, base, byKind, check } = await measure(database, round);
      const head = `${kind.padEnd(8)} | round ${round} | lookup p50 / p95 / p99 / max ${[50, 95, 99, 100].map((q) => fmt(p(times, q), 2)).join(' / ')} ms | baseline (PK read) p50 / p99 ${fmt(p(base, 50), 2)} / ${fmt(p(base, 99), 2)} ms | × p50 ${fmt(p(times, 50) / p(base, 50), 1)}, × p99 ${fmt(p(times, 99) / p(base, 99), 1)}`;
      const kinds = [...byKind].map(([k, xs]) => `${k} (${xs.length}) ${fmt(p(xs, 50), 2)} / ${fmt(p(xs, 99), 2)}`).join('; ');
      const checks = `copies found ${check.copiesFound}/${check.copies} (+${check.copiesOfShared} of a picture shared by > ${MAX_REPORTED_DUPLICATES} images: the ${MAX_REPORTED_DUPLICATES} nearest reported, not its own original); same answer as brute force ${check.exact}/${check.exactChecked} (${check.capped} over the ${MAX_REPORTED_DUPLICATES}-match cap: nearest ${MAX_REPORTED_DUPLICATES}, all true matches); ${check.matches} matches in all`;
      const cpu = `on CPU per lookup (this process${kind === 'postgres' ? ' + the backend' : ''}) p50 / p95 / p99 ${[50, 95, 99].map((q) => fmt(p(onCpu, q), 2)).join(' / ')} ms; waiting for a CPU p50 / p99 ${fmt(p(waited, 50), 2)} / ${fmt(p(waited, 99), 2)} ms`;
      const block = `${head}\n         | ${cpu}\n         | per kind p50 / p99 ms: ${kinds}\n         | ${checks}\n         | after: ${load()}`;
      results.push(block);
      log(block);
    }
  } finally {
    await cleanup();
  }
}
console.log(`\n${HASHES.toLocaleString()} hashes, ${LOOKUPS} lookups per database and round`);
for (const l of results) console.log(l);
