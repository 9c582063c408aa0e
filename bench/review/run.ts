/**
 * Review queue and search latency: the real listReviewQueue / countByStatus services on a
 * generated national data set (N registrations, 6 images each), first with the schema's
 * indexes, then — same parameters — with the registrations indexes dropped (primary key and
 * unique 报名号 stay) as the baseline. Prints p50/p99 per query and baseline/indexed ratios.
 * Target: p99 ≤ 20 ms at 1 M registrations on SQLite and PostgreSQL.
 *
 *   npx tsx bench/review/run.ts [--db sqlite|postgres] [--rows 100000|1000000]
 *       [--iterations 200] [--rounds 1] [--baseline-iterations 20] [--seed 1] [--explain] [--no-analyze]
 *
 * --rounds N measures the indexed queries N times with fresh parameters each time and reports
 * the median round (and the worst round's p99): on a shared machine one burst of someone
 * else's work otherwise decides a p99.
 *
 * --no-analyze (SQLite) leaves the database without planner statistics, as the app runs it:
 * it never runs ANALYZE. PostgreSQL is always analyzed (its autovacuum would do it).
 *
 * PostgreSQL: a fresh database medexam_bench_<random> on TEST_PG_URL's server
 * (default postgres://postgres@127.0.0.1:5432), dropped at the end. SQLite: a temp dir.
 */
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CompiledQuery, createQueryId, sql, type KyselyPlugin, type PluginTransformQueryArgs, type PluginTransformResultArgs, type QueryResult, type RootOperationNode, type UnknownRow } from 'kysely';
import { loadConfig } from '../../src/config.js';
import { createAppContext, type AppContext, type AppDeps as Deps } from '../../src/app-context.js';
import { countByStatus, listReviewQueue } from '../../src/services/list-review-queue.js';
import { QueueQuery } from '../../src/contracts/review.js';
import type { Actor } from '../../src/services/deps.js';
import { createStore } from '../../src/adapters/db/store.js';
import { toDbTime, fromDbTime } from '../../src/adapters/db/time.js';
import { createPostgresDatabase } from '../../test/support/databases.js';
import { fmt, summarise } from '../lib/stats.js';
import { BENCH_NOW, generate, nameOf, type Dataset } from './generate.js';
import { prng } from '../../test/support/prng.js';

const { values } = parseArgs({
  options: {
    db: { type: 'string', default: 'sqlite' },
    rows: { type: 'string', default: '100000' },
    iterations: { type: 'string', default: '200' },
    'baseline-iterations': { type: 'string', default: '20' },
    rounds: { type: 'string', default: '1' },
    seed: { type: 'string', default: '1' },
    explain: { type: 'boolean', default: false },
    'no-analyze': { type: 'boolean', default: false },
  },
});
if (values.db !== 'sqlite' && values.db !== 'postgres') throw new Error('--db sqlite|postgres');
const dbKind = values.db;
const rows = Number(values.rows);
const iterations = Number(values.iterations);
const baselineIterations = Number(values['baseline-iterations']);
const rounds = Number(values.rounds);
const seed = Number(values.seed);
if (!(rows > 0 && iterations > 0 && baselineIterations > 0 && rounds > 0)) throw new Error('--rows, --iterations, --rounds and --baseline-iterations must be positive');
const TARGET_P99_MS = 20;
const LIMIT = 50;

const log = (s = '') => console.log(s);

// ---------------------------------------------------------------- database

const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'medexam-bench-review-'));
const pgDb = dbKind === 'postgres' ? await createPostgresDatabase('medexam_bench') : null;
let ctx: AppContext | null = null;
let cleaned = false;
async function cleanUp() {
  if (cleaned) return;
  cleaned = true;
  // Interrupted mid-load, the pool may never close: do not let that keep the database alive.
  await Promise.race([ctx?.close().catch(() => undefined), new Promise((r) => setTimeout(r, 3000))]);
  await pgDb?.drop().catch((e) => console.error(`could not drop ${pgDb.name}: ${String(e)}`));
  await fs.rm(dataDir, { recursive: true, force: true });
}
process.once('SIGINT', () => void cleanUp().finally(() => process.exit(130)));
process.once('SIGTERM', () => void cleanUp().finally(() => process.exit(143)));

// ---------------------------------------------------------------- queries

type Params = { actor: Actor; query?: QueueQuery; target?: string; prefix?: string; name?: string };
interface Scenario {
  key: string;
  label: string;
  params: Params[];
  run(deps: Deps, p: Params): Promise<Outcome>;
}
/** What a call returned, to check the answer is real and that the baseline returns the same. */
interface Outcome { rows: number; ok: boolean; fingerprint: string }

const siteReviewer = (site: Dataset['sites'][number]): Actor => ({
  accountId: crypto.randomUUID(), username: `site${site.code}`, role: 'site_reviewer', displayName: `${site.name}审核员`,
  regionCode: site.regionCode, siteCode: site.code, registrationId: null, mustChangePassword: false,
});
const regionReviewer = (regionCode: string): Actor => ({
  accountId: crypto.randomUUID(), username: `region${regionCode}`, role: 'region_reviewer', displayName: `${regionCode}考区审核员`,
  regionCode, siteCode: null, registrationId: null, mustChangePassword: false,
});

async function list(deps: Deps, p: Params, check: (items: Array<{ registrationNo: string; name: string }>) => boolean): Promise<Outcome> {
  const page = await listReviewQueue(deps, p.actor, p.query!, 'zh-CN');
  return { rows: page.items.length, ok: check(page.items), fingerprint: page.items.map((i) => i.registrationNo).join(',') + `|${page.nextCursor ?? ''}` };
}

/** The cursor listReviewQueue hands out after the row (time, id); checked against the service below. */
const cursorAfter = (time: unknown, id: string) => Buffer.from(JSON.stringify([toDbTime(fromDbTime(time)), id])).toString('base64url');

async function buildScenarios(deps: Deps, data: Dataset, count: number): Promise<Scenario[]> {
  const random = prng(seed + 1);
  const pick = () => Math.floor(random() * data.rows); // a registration: sites and regions weighted by size
  const times = (f: () => Params | Promise<Params>) => Promise.all(Array.from({ length: count }, f));
  const db = deps.db;

  // Queue lengths per site, for cursors at random depths.
  const queued = await db.selectFrom('registrations').select(['site_code', (eb) => eb.fn.countAll<number>().as('n')]).where('review_queue', '=', 'site').groupBy('site_code').execute();
  const queueLength = new Map(queued.map((r) => [r.site_code, Number(r.n)]));
  const rowAt = (siteCode: string, offset: number) =>
    db.selectFrom('registrations').select(['waiting_since', 'id']).where('site_code', '=', siteCode).where('review_queue', '=', 'site')
      .orderBy('waiting_since').orderBy('id').offset(offset).limit(1).executeTakeFirstOrThrow();

  // The cursor format must be the service's own: compare with the nextCursor of a first page.
  {
    const site = data.sites[data.siteOf[0]!]!;
    const first = await listReviewQueue(deps, siteReviewer(site), QueueQuery.parse({ status: 'pending', limit: LIMIT }), 'zh-CN');
    if ((queueLength.get(site.code) ?? 0) > LIMIT) {
      const last = await rowAt(site.code, LIMIT - 1);
      if (first.nextCursor !== cursorAfter(last.waiting_since, last.id)) throw new Error('cursor encoding differs from listReviewQueue: update cursorAfter');
    }
  }

  const site = (n: number) => data.sites[data.siteOf[n]!]!;
  const pendingSite: Scenario = {
    key: 'a', label: 'site queue, first page',
    params: await times(() => ({ actor: siteReviewer(site(pick())), query: QueueQuery.parse({ status: 'pending', limit: LIMIT }) })),
    run: (deps, p) => list(deps, p, (items) => items.length === Math.min(LIMIT, queueLength.get(p.actor.siteCode!) ?? 0)),
  };
  const deepPage: Scenario = {
    key: 'b', label: 'site queue, deep page (cursor)',
    params: await times(async () => {
      for (;;) {
        const s = site(pick());
        const length = queueLength.get(s.code) ?? 0;
        if (length <= 2 * LIMIT) continue;
        // The cursor of an earlier page: the row just before a random depth past the first page.
        const depth = LIMIT + Math.floor(random() * (length - LIMIT));
        const row = await rowAt(s.code, depth - 1);
        return { actor: siteReviewer(s), query: QueueQuery.parse({ status: 'pending', limit: LIMIT, cursor: cursorAfter(row.waiting_since, row.id) }) };
      }
    }),
    run: (deps, p) => list(deps, p, (items) => items.length > 0),
  };
  const regionComplete: Scenario = {
    key: 'c', label: 'region queue, complete=true',
    params: await times(() => ({ actor: regionReviewer(site(pick()).regionCode), query: QueueQuery.parse({ status: 'pending', complete: 'true', limit: LIMIT }) })),
    run: (deps, p) => list(deps, p, (items) => items.length > 0),
  };
  const approved: Scenario = {
    key: 'd', label: 'region, status=approved',
    params: await times(() => ({ actor: regionReviewer(site(pick()).regionCode), query: QueueQuery.parse({ status: 'approved', limit: LIMIT }) })),
    run: (deps, p) => list(deps, p, (items) => items.length > 0),
  };
  // Searches: a region reviewer on the 全部 tab looks up someone in their region.
  const byIdNumber: Scenario = {
    key: 'e', label: 'search: full ID number',
    params: await times(() => {
      const n = pick();
      return { actor: regionReviewer(site(n).regionCode), target: data.registrationNo(n), query: QueueQuery.parse({ status: 'all', q: data.idNumber(n), limit: LIMIT }) };
    }),
    run: (deps, p) => list(deps, p, (items) => items.length === 1 && items[0]!.registrationNo === p.target),
  };
  const byNumberPrefix: Scenario = {
    key: 'f', label: 'search: 报名号 prefix (10–12 digits)',
    params: await times(() => {
      const n = pick();
      const prefix = data.registrationNo(n).slice(0, 10 + Math.floor(random() * 3));
      return { actor: regionReviewer(site(n).regionCode), prefix, query: QueueQuery.parse({ status: 'all', q: prefix, limit: LIMIT }) };
    }),
    run: (deps, p) => list(deps, p, (items) => items.length > 0 && items.every((i) => i.registrationNo.startsWith(p.prefix!))),
  };
  const byName: Scenario = {
    key: 'g', label: 'search: exact name',
    params: await times(() => {
      const n = pick();
      return { actor: regionReviewer(site(n).regionCode), name: nameOf(n), query: QueueQuery.parse({ status: 'all', q: nameOf(n), limit: LIMIT }) };
    }),
    run: (deps, p) => list(deps, p, (items) => items.length > 0 && items.every((i) => i.name === p.name)),
  };
  const counts = (key: string, label: string, actorOf: (n: number) => Actor): Scenario => ({
    key, label,
    params: Array.from({ length: count }, () => ({ actor: actorOf(pick()) })),
    async run(deps, p) {
      const c = await countByStatus(deps, p.actor);
      return { rows: c.all ?? 0, ok: (c.all ?? 0) > 0, fingerprint: JSON.stringify(c) };
    },
  });
  return [
    pendingSite, deepPage, regionComplete, approved, byIdNumber, byNumberPrefix, byName,
    counts('h1', 'counts per status, site reviewer', (n) => siteReviewer(site(n))),
    counts('h2', 'counts per status, region reviewer', (n) => regionReviewer(site(n).regionCode)),
  ];
}

interface Measured { key: string; n: number; p50: number; p99: number; max: number; meanRows: number; failures: number; fingerprints: string[]; slowest: number }

/**
 * Runs the scenarios round-robin (call i of every query, then call i+1, …), so a burst of
 * load from elsewhere on the machine spreads over all queries instead of spoiling one.
 * Uses parameter sets first .. first+n-1.
 */
async function measureAll(deps: Deps, scenarios: Scenario[], first: number, n: number, warmup: number): Promise<Measured[]> {
  for (let i = 0; i < warmup; i++) for (const s of scenarios) await s.run(deps, s.params[(first + n + i) % s.params.length]!);
  const acc = scenarios.map(() => ({ lat: [] as number[], fingerprints: [] as string[], rows: 0, failures: 0 }));
  for (let i = 0; i < n; i++) {
    for (const [k, s] of scenarios.entries()) {
      const a = acc[k]!;
      const t = performance.now();
      const out = await s.run(deps, s.params[first + i]!);
      a.lat.push(performance.now() - t);
      a.rows += out.rows;
      if (!out.ok) a.failures++;
      a.fingerprints.push(out.fingerprint);
    }
  }
  return scenarios.map((s, k) => {
    const a = acc[k]!;
    const slowest = first + a.lat.indexOf(Math.max(...a.lat));
    return { key: s.key, ...summarise(a.lat), meanRows: a.rows / n, failures: a.failures, fingerprints: a.fingerprints, slowest };
  });
}

/** The round whose p99 is the median of the rounds' (per query), and the worst p99. */
function medianRound(perRound: Measured[][]): Array<Measured & { worstP99: number }> {
  return perRound[0]!.map((_, k) => {
    const runs = perRound.map((r) => r[k]!).sort((a, b) => a.p99 - b.p99);
    return { ...runs[(runs.length - 1) >> 1]!, worstP99: runs.at(-1)!.p99, failures: runs.reduce((a, r) => a + r.failures, 0) };
  });
}

const machineLoad = async () => `load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}${await cpuPressure()}`;

/** A call's parameters in a line: who asks for what. */
function describe(p: Params): string {
  const q = p.query;
  const parts = [p.actor.siteCode ? `site ${p.actor.siteCode}` : `region ${p.actor.regionCode}`];
  if (q?.status) parts.push(`status=${q.status}`);
  if (q?.complete) parts.push(`complete=${q.complete}`);
  if (q?.q) parts.push(`q=${q.q}`);
  if (q?.cursor) parts.push(`cursor=${Buffer.from(q.cursor, 'base64url').toString('utf8')}`);
  return parts.join(' ');
}

/** Records the queries a service call makes, so they can be EXPLAINed as they are. */
class CaptureQueries implements KyselyPlugin {
  nodes: RootOperationNode[] = [];
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.nodes.push(args.node);
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

async function explain(deps: Deps, s: Scenario) {
  const capture = new CaptureQueries();
  // The use cases read through the store: one over the capturing handle shows their SQL.
  await s.run({ ...deps, store: createStore(deps.db.withPlugin(capture)) }, s.params[0]!);
  for (const node of capture.nodes) {
    const q = deps.db.getExecutor().compileQuery(node, createQueryId());
    log(`  -- (${s.key}) ${q.sql.replace(/\s+/g, ' ')}`);
    log(`  -- params ${JSON.stringify(q.parameters)}`);
    if (deps.dialect === 'postgres') {
      const r = await deps.db.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`explain (analyze, buffers) ${q.sql}`, [...q.parameters]));
      for (const row of r.rows) log(`  ${row['QUERY PLAN']}`);
    } else {
      const r = await deps.db.executeQuery<{ id: number; parent: number; detail: string }>(CompiledQuery.raw(`explain query plan ${q.sql}`, [...q.parameters]));
      const depth = new Map<number, number>([[0, 0]]);
      for (const row of r.rows) {
        depth.set(row.id, (depth.get(row.parent) ?? 0) + 1);
        log(`  ${'  '.repeat(depth.get(row.id)! - 1)}${row.detail}`);
      }
    }
  }
}

async function analyze(deps: Deps, vacuum: boolean) {
  if (deps.dialect === 'sqlite' && values['no-analyze']) return;
  if (deps.dialect === 'postgres') {
    // After a bulk load autovacuum would soon do the same (insert threshold); doing it now keeps
    // it from running in the middle of the measurements, and sets the visibility map.
    await sql.raw(vacuum ? 'vacuum (analyze) registrations, images, sites, regions, exam_categories' : 'analyze registrations').execute(deps.db);
  } else {
    await sql`analyze`.execute(deps.db);
  }
}

/** Every registrations index but the primary key and unique constraints: what the baseline runs without. */
async function queryIndexes(deps: Deps): Promise<string[]> {
  const r =
    deps.dialect === 'postgres'
      ? await sql<{ name: string }>`select indexname as name from pg_indexes where tablename = 'registrations' and indexdef not like 'CREATE UNIQUE%' order by 1`.execute(deps.db)
      : await sql<{ name: string }>`select name from sqlite_master where type = 'index' and tbl_name = 'registrations' and sql is not null and sql not like 'CREATE UNIQUE%' order by 1`.execute(deps.db);
  return r.rows.map((x) => x.name);
}

/** Linux CPU pressure (share of time something waited for a CPU): how busy the shared machine was. */
async function cpuPressure(): Promise<string> {
  const text = await fs.readFile('/proc/pressure/cpu', 'utf8').catch(() => '');
  const m = /some avg10=([\d.]+) avg60=([\d.]+)/.exec(text);
  return m ? `, CPU pressure some avg10 ${m[1]} % avg60 ${m[2]} %` : '';
}

/**
 * Reads the registrations table and its indexes once, so the measurements start from the OS
 * page cache as on a server whose memory holds the database. This VM's memory manager evicts
 * pages untouched for a while; without this the first runs' 报名号 prefix searches (up to
 * 1000 rows each) read cold pages from disk and took up to 0.6 s.
 */
async function warmPageCache(deps: Deps): Promise<number> {
  const started = performance.now();
  if (deps.dialect === 'postgres') {
    await sql`create extension if not exists pg_prewarm`.execute(deps.db);
    await sql`select pg_prewarm(c.oid, 'read') from pg_class c
      where c.oid = 'registrations'::regclass or c.oid in (select indexrelid from pg_index where indrelid = 'registrations'::regclass)`.execute(deps.db);
  } else {
    const file = await fs.open(path.join(dataDir, 'app.db'), 'r');
    try {
      const chunk = Buffer.alloc(8 << 20);
      while ((await file.read(chunk, 0, chunk.length, null)).bytesRead > 0);
    } finally {
      await file.close();
    }
  }
  return (performance.now() - started) / 1000;
}

async function databaseBytes(deps: Deps): Promise<number> {
  if (deps.dialect === 'postgres') {
    const r = await sql<{ n: number }>`select pg_database_size(current_database())::bigint as n`.execute(deps.db);
    return Number(r.rows[0]!.n);
  }
  const pages = await sql<{ page_count: number }>`pragma page_count`.execute(deps.db);
  const size = await sql<{ page_size: number }>`pragma page_size`.execute(deps.db);
  return pages.rows[0]!.page_count * size.rows[0]!.page_size;
}

function printResults(title: string, scenarios: Scenario[], results: Measured[]) {
  log(title);
  log(`  ${'query'.padEnd(42)} ${'n'.padStart(4)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'max ms'.padStart(8)} ${'rows'.padStart(6)}  slowest call`);
  for (const r of results) {
    const s = scenarios.find((x) => x.key === r.key)!;
    const flag = r.failures ? `  ${r.failures} wrong answers!` : '';
    log(`  ${`(${s.key}) ${s.label}`.padEnd(42)} ${String(r.n).padStart(4)} ${fmt(r.p50, 2).padStart(8)} ${fmt(r.p99, 2).padStart(8)} ${fmt(r.max, 2).padStart(8)} ${fmt(r.meanRows, 0).padStart(6)}  ${describe(s.params[r.slowest]!)}${flag}`);
  }
}

// ---------------------------------------------------------------- run

try {
  const config = { ...loadConfig({ DATA_DIR: dataDir, DEMO_DATA: 'off', DATA_KEY: 'bench-review-data-key-not-a-secret-0123456789' }), databaseUrl: pgDb?.url };
  ctx = await createAppContext(config, { clock: { now: () => BENCH_NOW } });
  const deps = ctx.deps;
  log(`review queue benchmark: ${dbKind}${pgDb ? ` (${pgDb.name})` : ` (${dataDir})`}, ${rows.toLocaleString('en')} registrations, ${os.cpus().length} cores, node ${process.version}`);

  // SQLite: a bigger page cache while loading only; the measurements run with the app's own settings.
  let cacheSize: number | null = null;
  if (deps.dialect === 'sqlite') {
    cacheSize = (await sql<{ cache_size: number }>`pragma cache_size`.execute(deps.db)).rows[0]!.cache_size;
    await sql`pragma cache_size = -262144`.execute(deps.db);
  }
  log('generating…');
  const { dataset, seconds, images } = await generate(deps.db, deps.dialect, deps.cipher, rows, seed, log);
  const loadStarted = performance.now();
  if (deps.dialect === 'sqlite') {
    await sql`pragma wal_checkpoint(truncate)`.execute(deps.db);
    await sql.raw(`pragma cache_size = ${cacheSize}`).execute(deps.db);
  }
  await analyze(deps, true);
  const bySite = new Map<number, number>();
  for (const s of dataset.siteOf) bySite.set(s, (bySite.get(s) ?? 0) + 1);
  const biggest = [...bySite.entries()].sort((a, b) => b[1] - a[1])[0]!;
  const statusMix = await deps.db.selectFrom('registrations').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('status').orderBy('status').execute();
  log(`generated ${rows.toLocaleString('en')} registrations and ${images.toLocaleString('en')} images in ${fmt(seconds, 0)} s ` +
    `(${fmt(rows / seconds, 0)} registrations/s), ${deps.dialect === 'postgres' ? 'vacuum analyze' : values['no-analyze'] ? 'checkpoint (no ANALYZE: no planner statistics, as the app runs SQLite)' : 'checkpoint + analyze'} ${fmt((performance.now() - loadStarted) / 1000, 0)} s`);
  log(`  ${dataset.sites.length} sites in 31 regions; largest site ${dataset.sites[biggest[0]]!.code} with ${biggest[1].toLocaleString('en')} (${fmt((100 * biggest[1]) / rows)} %)`);
  log(`  status mix: ${statusMix.map((r) => `${r.status} ${fmt((100 * Number(r.n)) / rows)} %`).join(', ')}`);
  log(`  database size ${fmt((await databaseBytes(deps)) / 2 ** 20, 0)} MB`);

  const scenarios = await buildScenarios(deps, dataset, Math.max(iterations * rounds, baselineIterations));
  log(`page cache warmed in ${fmt(await warmPageCache(deps), 0)} s (${deps.dialect === 'postgres' ? 'pg_prewarm of registrations and its indexes' : 'the database file read once'})`);
  const perRound: Measured[][] = [];
  for (let r = 0; r < rounds; r++) {
    log('');
    log(`before: ${await machineLoad()}`);
    perRound.push(await measureAll(deps, scenarios, r * iterations, iterations, 20));
    printResults(`indexed${rounds > 1 ? `, round ${r + 1} of ${rounds}` : ''}: ${iterations} iterations per query after 20 warm-up calls, limit ${LIMIT} (after: ${await machineLoad()})`, scenarios, perRound[r]!);
  }
  const indexed = medianRound(perRound);
  if (values.explain) {
    log('\nplans, indexed:');
    for (const s of scenarios) await explain(deps, s);
  }

  const dropped = await queryIndexes(deps);
  for (const name of dropped) await deps.db.schema.dropIndex(name).execute();
  await analyze(deps, false);
  log('');
  const baseline = await measureAll(deps, scenarios, 0, baselineIterations, 2);
  printResults(`baseline without ${dropped.join(', ')} (primary key and unique 报名号 kept): ${baselineIterations} iterations per query after 2 warm-up calls (after: ${await machineLoad()})`, scenarios, baseline);
  if (values.explain) {
    log('\nplans, baseline:');
    for (const s of scenarios) await explain(deps, s);
  }

  // The same parameters without the indexes must give the same answers.
  const differing = baseline.filter((b) => {
    const i = perRound[0]!.find((x) => x.key === b.key)!;
    return b.fingerprints.some((f, k) => f !== i.fingerprints[k]);
  });
  log('');
  log(differing.length ? `ANSWERS DIFFER without indexes: ${differing.map((d) => d.key).join(', ')}` : 'baseline answers identical to the indexed ones for the same parameters');
  log('');
  if (rounds > 1) log(`indexed figures: the median of ${rounds} rounds (by p99), with the worst round's p99`);
  log(`| query | indexed p50 | indexed p99 |${rounds > 1 ? ' worst round p99 |' : ''} baseline p50 | baseline p99 | baseline/indexed p50 | p99 ≤ ${TARGET_P99_MS} ms |`);
  log(`|---|---:|---:|${rounds > 1 ? '---:|' : ''}---:|---:|---:|:---:|`);
  for (const s of scenarios) {
    const i = indexed.find((x) => x.key === s.key)!;
    const b = baseline.find((x) => x.key === s.key)!;
    log(`| (${s.key}) ${s.label} | ${fmt(i.p50, 2)} | ${fmt(i.p99, 2)} |${rounds > 1 ? ` ${fmt(i.worstP99, 2)} |` : ''} ${fmt(b.p50, 1)} | ${fmt(b.p99, 1)} | ${fmt(b.p50 / i.p50, 0)}× | ${i.p99 <= TARGET_P99_MS ? 'yes' : '**no**'} |`);
  }
  const missed = indexed.filter((i) => i.p99 > TARGET_P99_MS);
  log('');
  log(missed.length ? `target missed (p99 > ${TARGET_P99_MS} ms): ${missed.map((m) => m.key).join(', ')}` : `all queries within the target (p99 ≤ ${TARGET_P99_MS} ms)`);
  if (indexed.some((i) => i.failures) || differing.length) process.exitCode = 1;
} finally {
  await cleanUp();
}
