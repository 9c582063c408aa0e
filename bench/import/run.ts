/**
 * Registration import throughput: rows per second of the whole import (parse, validate,
 * encrypt, upsert registrations and candidate accounts, audit rows) on SQLite and on
 * PostgreSQL, against the bare parse + validate of the same file (no database) measured in
 * the same run. Also what hashing 100 k first passwords with scrypt would have cost, which
 * is why first passwords are derived at login instead (src/domain/initial-password.ts).
 *
 *   npx tsx bench/import/run.ts [--rows 100000] [--db sqlite,postgres] [--xlsx]
 */
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import ExcelJS from 'exceljs';
import { loadConfig } from '../../src/config.js';
import { createAppContext } from '../../src/app-context.js';
import { checkDigitFor, normaliseIdNumber } from '../../src/domain/id-number.js';
import { EXAM_CATEGORIES } from '../../src/domain/catalog.js';
import { checkHeader, cleanCell, findDuplicates, validateRegistrationRow, canonicalIdType, type ImportReference } from '../../src/domain/registration-import.js';
import { parseRegistrationFile } from '../../src/adapters/import/parse-registration-file.js';
import { importRegistrations } from '../../src/services/import-registrations.js';
import type { Actor } from '../../src/services/deps.js';
import { createPostgresDatabase } from '../../test/support/databases.js';
import { fmt } from '../lib/stats.js';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '100000' }, db: { type: 'string', default: 'sqlite,postgres' }, xlsx: { type: 'boolean', default: false } } });
const ROWS = Number(values.rows);
const HEADER = '报名号,姓名,证件类型,证件号码,手机号,报考类别,考区代码,考点代码,个人情况';
const SITUATION_NAMES = ['', '', '', '应届毕业生', '助理报考执业', '非首次报考'];

function idNumber(n: number): string {
  const birth = `19${70 + (n % 30)}${String(1 + (n % 12)).padStart(2, '0')}${String(1 + (n % 28)).padStart(2, '0')}`;
  const body = `1101${String(1 + (Math.floor(n / 1000) % 99)).padStart(2, '0')}${birth}${String(n % 1000).padStart(3, '0')}`;
  return body + checkDigitFor(body);
}

function rowsOf(n: number): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < n; i++) {
    const site = i % 2 ? '9902' : '9901';
    out.push([
      `2027${site}${String(i).padStart(6, '0')}`, `考生${i}`, '身份证', idNumber(i), `13${String(700000000 + i).padStart(9, '0')}`,
      EXAM_CATEGORIES[i % EXAM_CATEGORIES.length]!.name, '99', site, SITUATION_NAMES[i % SITUATION_NAMES.length]!,
    ]);
  }
  return out;
}

const rows = rowsOf(ROWS);
const csv = Buffer.from(`\ufeff${HEADER}\r\n${rows.map((r) => r.join(',')).join('\r\n')}\r\n`, 'utf8');
console.log(`file: ${ROWS} rows, CSV ${(csv.length / 1024 / 1024).toFixed(1)} MB; node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'})`);

// Baseline: parse + validate the same file, no database, no encryption.
async function parseAndValidate(bytes: Buffer) {
  const parsed = await parseRegistrationFile(bytes);
  const [header, ...data] = parsed.rows;
  const h = checkHeader(header!.cells);
  if (!h.ok) throw new Error('header');
  const ref: ImportReference = {
    examCategoryByName: new Map(EXAM_CATEGORIES.map((e) => [e.name, e.code])),
    regionCodes: new Set(['99']),
    siteRegion: new Map([['9901', '99'], ['9902', '99']]),
    scopeRegion: null,
    defaultYear: 2027,
    today: new Date(),
  };
  let ok = 0;
  for (const r of data) if (validateRegistrationRow(r.line, r.cells, h.hasSituations, ref).ok) ok++;
  findDuplicates(data.map((r) => ({ row: r.line, registrationNo: cleanCell(r.cells[0]), idType: canonicalIdType(cleanCell(r.cells[2])), idNumber: normaliseIdNumber(cleanCell(r.cells[3])) })));
  return ok;
}
await parseAndValidate(Buffer.from(`${HEADER}\r\n${rows.slice(0, 1000).map((r) => r.join(',')).join('\r\n')}\r\n`)); // warm-up
let t = performance.now();
const valid = await parseAndValidate(csv);
const baselineSeconds = (performance.now() - t) / 1000;
if (valid !== ROWS) throw new Error(`baseline: ${valid} of ${ROWS} rows valid`);
const results: Array<{ what: string; seconds: number; rowsPerSecond: number }> = [{ what: 'baseline: parse + validate (CSV, no DB)', seconds: baselineSeconds, rowsPerSecond: ROWS / baselineSeconds }];

let xlsx: Buffer | undefined;
if (values.xlsx) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('报名');
  ws.addRow(HEADER.split(','));
  for (const r of rows) ws.addRow(r);
  xlsx = Buffer.from(await wb.xlsx.writeBuffer());
  t = performance.now();
  await parseAndValidate(xlsx);
  const s = (performance.now() - t) / 1000;
  results.push({ what: `parse + validate (xlsx ${(xlsx.length / 1024 / 1024).toFixed(1)} MB, no DB)`, seconds: s, rowsPerSecond: ROWS / s });
}

const actor: Actor = { accountId: 'bench', username: 'bench', role: 'admin', displayName: 'bench', regionCode: null, siteCode: null, registrationId: null, mustChangePassword: false };

for (const kind of values.db!.split(',').map((s) => s.trim()).filter(Boolean)) {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'medexam-import-bench-'));
  const pg = kind === 'postgres' ? await createPostgresDatabase() : null;
  const ctx = await createAppContext({ ...loadConfig({ DATA_DIR: dataDir, DATA_KEY: 'bench-import-data-key-not-a-secret-0123456789' }), databaseUrl: pg?.url, loadDemoData: true });
  try {
    const run = async (what: string, bytes: Buffer, expect: { imported: number; unchanged: number }) => {
      const start = performance.now();
      const r = await importRegistrations(ctx.deps, actor, { fileName: 'bench', bytes });
      const seconds = (performance.now() - start) / 1000;
      if (r.imported !== expect.imported || r.unchanged !== expect.unchanged || r.rejectedRows !== 0) throw new Error(`${what}: ${JSON.stringify({ ...r, rejected: r.rejected.slice(0, 3) })}`);
      results.push({ what: `${kind}: ${what}`, seconds, rowsPerSecond: ROWS / seconds });
    };
    await run('import, all new (CSV)', csv, { imported: ROWS, unchanged: 0 });
    await run('re-import, all unchanged (CSV)', csv, { imported: 0, unchanged: ROWS });
    if (xlsx) {
      await ctx.deps.db.deleteFrom('accounts').where('role', '=', 'candidate').where('username', 'like', '2027%').execute();
      await ctx.deps.db.deleteFrom('registrations').where('registration_no', 'like', '2027%').execute();
      await run('import, all new (xlsx)', xlsx, { imported: ROWS, unchanged: 0 });
    }
  } finally {
    await ctx.close();
    await pg?.drop();
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}

// What hashing every first password would cost: scrypt on the libuv pool, as many at once
// as the pool runs, for ~3 s each; extrapolated to the file.
async function hashesPerSecond(N: number): Promise<number> {
  const scrypt = (pw: string) => new Promise<void>((res, rej) => crypto.scrypt(pw, crypto.randomBytes(16), 32, { N, r: 8, p: 1, maxmem: 64 * 1024 * 1024 }, (e) => (e ? rej(e) : res())));
  const parallel = Number(process.env.UV_THREADPOOL_SIZE ?? 4);
  let n = 0;
  const end = performance.now() + 3000;
  const start = performance.now();
  await Promise.all(Array.from({ length: parallel }, async () => {
    while (performance.now() < end) {
      await scrypt(String(n));
      n++;
    }
  }));
  return n / ((performance.now() - start) / 1000);
}
const hashing: Array<{ what: string; perSecond: number }> = [];
for (const N of [32768, 1024]) hashing.push({ what: `scrypt N=${N} r=8 (${N === 32768 ? 'login hashes' : 'a "cheap" first-password cost'})`, perSecond: await hashesPerSecond(N) });

console.log('\n| what | seconds | rows/s | × baseline |');
console.log('|---|---:|---:|---:|');
for (const r of results) console.log(`| ${r.what} | ${fmt(r.seconds, 2)} | ${Math.round(r.rowsPerSecond)} | ${fmt(r.rowsPerSecond / results[0]!.rowsPerSecond, 2)} |`);
console.log(`\n| first passwords for ${ROWS} new accounts | hashes/s | seconds for the file |`);
console.log('|---|---:|---:|');
for (const h of hashing) console.log(`| ${h.what} | ${fmt(h.perSecond, 0)} | ${fmt(ROWS / h.perSecond, 0)} |`);
console.log('| derived at login from the encrypted ID number (what the import does) | — | 0 |');
