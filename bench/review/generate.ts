/**
 * Synthetic registrations for the review-queue benchmark: 31 regions sized like their
 * populations, ~20 sites each, one large site with 5 % of everyone, a status mix that is
 * mostly waiting, and the queue columns exactly as the services keep them
 * (reviewQueueOf; an import stamps one time on all its rows, a decision or a change after
 * a return stamps its own). Six image rows per registration. Rows go in in random site
 * order, so a site's rows are spread over the whole table as they are after months of use.
 */
import crypto from 'node:crypto';
import { CompiledQuery, type Kysely } from 'kysely';
import type { DB } from '../../src/adapters/db/schema.js';
import type { Dialect } from '../../src/ports/dialect.js';
import type { PersonalDataCipher } from '../../src/ports/personal-data-cipher.js';
import { checkDigitFor, normaliseIdNumber } from '../../src/domain/id-number.js';
import { maskIdNumber, maskPhone } from '../../src/domain/masking.js';
import { PRESET_REASONS, reviewQueueOf } from '../../src/domain/review-rules.js';
import type { RegistrationStatus } from '../../src/domain/registration-status.js';
import { EXAM_CATEGORIES } from '../../src/domain/catalog.js';
import { prng } from '../../test/support/prng.js';

/** A stateless 32-bit hash of n: per-row values that can be recomputed later (names, birth dates). */
function mix(n: number, salt: number): number {
  let h = Math.imul(n ^ salt, 0x9e3779b1) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

function pickWeighted(cum: Float64Array, r: number): number {
  let lo = 0;
  let hi = cum.length - 1;
  const x = r * cum[hi]!;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cum[mid]! > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
const cumulative = (w: number[]) => {
  const c = new Float64Array(w.length);
  w.reduce((acc, v, i) => (c[i] = acc + v), 0);
  return c;
};

/** Provinces with 2020-census populations in millions: registrations follow people. */
const PROVINCES: Array<[string, string, number]> = [
  ['11', '北京市', 21.9], ['12', '天津市', 13.9], ['13', '河北省', 74.6], ['14', '山西省', 34.9], ['15', '内蒙古自治区', 24.0],
  ['21', '辽宁省', 42.6], ['22', '吉林省', 24.1], ['23', '黑龙江省', 31.9], ['31', '上海市', 24.9], ['32', '江苏省', 84.7],
  ['33', '浙江省', 64.6], ['34', '安徽省', 61.0], ['35', '福建省', 41.5], ['36', '江西省', 45.2], ['37', '山东省', 101.5],
  ['41', '河南省', 99.4], ['42', '湖北省', 57.8], ['43', '湖南省', 66.4], ['44', '广东省', 126.0], ['45', '广西壮族自治区', 50.1],
  ['46', '海南省', 10.1], ['50', '重庆市', 32.1], ['51', '四川省', 83.7], ['52', '贵州省', 38.6], ['53', '云南省', 47.2],
  ['54', '西藏自治区', 3.6], ['61', '陕西省', 39.5], ['62', '甘肃省', 25.0], ['63', '青海省', 5.9], ['64', '宁夏回族自治区', 7.2],
  ['65', '新疆维吾尔自治区', 25.9],
];

// Common surnames, most frequent first, and given-name characters; Zipf-like picks give
// the realistic pile-up of 王伟, 李娜, 张敏 that an exact-name search has to cope with.
const SURNAMES = [...new Set('王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤')];
const GIVEN = [...new Set('伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏辉建国俊峰婷雪琳晨宇浩然欣怡子涵梓轩雨萱一诺思远嘉怡佳琪博文晓东志强海燕春梅秋菊冬雪立新永红德华振华丹阳')];
const zipf = (len: number, s: number) => cumulative(Array.from({ length: len }, (_, i) => 1 / (i + 1) ** s));
const SURNAME_CUM = zipf(SURNAMES.length, 0.6); // 王 ≈ 8 %, the tenth ≈ 2 %, as in the census
const GIVEN_CUM = zipf(GIVEN.length, 0.5);

/** The candidate name of row n (recomputable: the name search looks people up by it). */
export function nameOf(n: number): string {
  const a = mix(n, 11) / 2 ** 32;
  const b = mix(n, 12) / 2 ** 32;
  const c = mix(n, 13) / 2 ** 32;
  const surname = SURNAMES[pickWeighted(SURNAME_CUM, a)]!;
  const first = GIVEN[pickWeighted(GIVEN_CUM, b)]!;
  return c < 0.3 ? surname + first : surname + first + GIVEN[pickWeighted(GIVEN_CUM, (c - 0.3) / 0.7)]!;
}

/** A valid-looking (GB 11643 check digit), unique ID number for row n, born in the site's area. */
export function idNumberOf(n: number, siteCode: string): string {
  const day = n % 9000; // 1976-01-01 + day: unique together with the 3-digit sequence below
  const seq = Math.floor(n / 9000) % 1000;
  const birth = new Date(Date.UTC(1976, 0, 1) + day * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
  const body = `${siteCode}${String(1 + (mix(n, 21) % 20)).padStart(2, '0')}${birth}${String(seq).padStart(3, '0')}`;
  return body + checkDigitFor(body);
}

export interface Site { code: string; regionCode: string; name: string }
export interface Dataset {
  rows: number;
  sites: Site[];
  /** Site index of each registration row. */
  siteOf: Uint16Array;
  /** Sequence number of each row within its site (the last five digits of 报名号). */
  seqOf: Uint32Array;
  now: Date;
  registrationNo(n: number): string;
  idNumber(n: number): string;
}

const DAY = 86_400_000;
/** The generated world's clock: review has been going on for two months. */
export const BENCH_NOW = new Date('2026-03-06T08:00:00.000Z');
const T0 = BENCH_NOW.getTime() - 60 * DAY;
const iso = (ms: number) => new Date(Math.round(ms)).toISOString();

const REG_COLUMNS = [
  'id', 'registration_no', 'name', 'id_type', 'id_number_cipher', 'id_number_hash', 'id_number_masked', 'phone_cipher', 'phone_masked',
  'year', 'exam_category_code', 'region_code', 'site_code', 'situations', 'status', 'status_changed_at', 'activated_at',
  'changed_since_return', 'claim_account_id', 'claim_expires_at', 'review_queue', 'waiting_since', 'materials_complete', 'image_count',
  'created_at', 'updated_at',
] as const;
const IMAGE_COLUMNS = [
  'id', 'registration_id', 'category_code', 'slot', 'blob_key', 'thumb_key', 'sha256', 'width', 'height', 'bytes', 'state', 'reason',
  'uploaded_at', 'deleted_at',
] as const;
/** The six images of every registration: category and slot (unique among live images). */
const IMAGE_SLOTS: Array<[string, number]> = [['id_card', 0], ['id_card', 1], ['graduation_cert', 0], ['degree_cert', 0], ['education_record', 0], ['other', 0]];

/** Bound parameters per statement: SQLite's SQLITE_MAX_VARIABLE_NUMBER and PostgreSQL's Bind message (int16 count). */
const MAX_PARAMS: Record<Dialect, number> = { sqlite: 32766, postgres: 65535 };

/**
 * Multi-row INSERTs on one connection, in order: each waits for the previous statement, and
 * the caller builds the next batch while the server works on this one.
 */
class InsertPipeline {
  private readonly sqlCache = new Map<string, string>();
  private inflight: Promise<unknown> | null = null;
  constructor(private readonly dialect: Dialect) {}
  rowsPerStatement(columns: readonly string[]): number {
    return Math.floor(MAX_PARAMS[this.dialect] / columns.length);
  }
  private sqlFor(table: string, columns: readonly string[], rows: number): string {
    const key = `${table}:${rows}`;
    let text = this.sqlCache.get(key);
    if (!text) {
      const width = columns.length;
      const tuples = Array.from({ length: rows }, (_, r) =>
        `(${Array.from({ length: width }, (_, c) => (this.dialect === 'postgres' ? `$${r * width + c + 1}` : '?')).join(',')})`,
      );
      text = `insert into ${table} (${columns.join(',')}) values ${tuples.join(',')}`;
      this.sqlCache.set(key, text);
    }
    return text;
  }
  async send(trx: Kysely<DB>, table: string, columns: readonly string[], params: unknown[]): Promise<void> {
    if (params.length === 0) return;
    if (this.inflight) await this.inflight;
    this.inflight = trx.executeQuery(CompiledQuery.raw(this.sqlFor(table, columns, params.length / columns.length), params));
    // Let the driver put the statement on the wire before the next batch is built.
    await new Promise((r) => setImmediate(r));
  }
  async flush(): Promise<void> {
    const p = this.inflight;
    this.inflight = null;
    if (p) await p;
  }
}

export interface GenerateResult { dataset: Dataset; seconds: number; images: number }

/**
 * Fills an empty, migrated database (reference data loaded) with `rows` registrations and six
 * images each, in transactions of about 25 000 registrations. Returns what the queries need to
 * pick realistic parameters.
 */
export async function generate(db: Kysely<DB>, dialect: Dialect, cipher: PersonalDataCipher, rows: number, seed: number, log: (s: string) => void): Promise<GenerateResult> {
  const started = performance.now();
  const random = prng(seed);

  // Regions, import times, sites.
  const sites: Site[] = [];
  const siteWeights: number[] = [];
  const importTimes = new Map<string, number[]>();
  for (const [code, name, pop] of PROVINCES) {
    const offset = T0 + random() * 2 * DAY;
    // One main import, then three supplementary lists; the service stamps one time on each.
    importTimes.set(code, [offset, offset + 12 * DAY + random() * DAY, offset + 25 * DAY + random() * DAY, offset + 40 * DAY + random() * DAY]);
    const count = Math.round(12 + pop / 6.5 + (random() - 0.5) * 4);
    const w = Array.from({ length: count }, () => Math.exp(random() * 1.6)); // uneven sites, ~1:5
    const sum = w.reduce((a, b) => a + b, 0);
    for (let i = 0; i < count; i++) {
      sites.push({ code: `${code}${String(i + 1).padStart(2, '0')}`, regionCode: code, name: `${name.slice(0, 2)}第${i + 1}考点` });
      siteWeights.push((pop * w[i]!) / sum);
    }
  }
  // The provincial capital site of Guangdong takes 5 % of all registrations.
  const bigSite = sites.findIndex((s) => s.code === '4401');
  const others = siteWeights.reduce((a, b, i) => (i === bigSite ? a : a + b), 0);
  siteWeights[bigSite] = (others * 0.05) / 0.95;
  const siteCum = cumulative(siteWeights);
  const IMPORT_SHARE = cumulative([0.82, 0.09, 0.06, 0.03]);
  const EXAM_CUM = cumulative([35, 20, 6, 3, 2, 1, 12, 8, 13]);
  const examCodes = EXAM_CATEGORIES.map((c) => c.code);
  // draft (waiting for the site), returned, site_approved (waiting for the region), approved, rejected
  const STATUS: RegistrationStatus[] = ['draft', 'returned', 'site_approved', 'approved', 'rejected'];
  const STATUS_CUM = cumulative([50, 8, 14, 22, 6]);
  const COMPLETE: Record<RegistrationStatus, number> = { draft: 0.75, returned: 0.5, site_approved: 0.99, approved: 0.99, rejected: 0.6 };

  const regionRows = PROVINCES.map(([code, name]) => ({
    code, name, upload_enabled: 1,
    upload_opens_at: iso(T0 - 5 * DAY), upload_closes_at: iso(T0 + 70 * DAY),
    review_opens_at: iso(T0), review_closes_at: iso(T0 + 80 * DAY),
  }));
  await db.insertInto('regions').values(regionRows).execute();
  for (let i = 0; i < sites.length; i += 500) {
    await db.insertInto('sites').values(sites.slice(i, i + 500).map((s) => ({ code: s.code, region_code: s.regionCode, name: s.name }))).execute();
  }

  // Ciphertexts are never read here: a pool of real ones keeps row sizes true without 2 M AES calls.
  const idCipherPool = Array.from({ length: 1024 }, (_, i) => cipher.encrypt(`11010119900101${String(1000 + i).slice(-4)}`));
  const phoneCipherPool = Array.from({ length: 1024 }, (_, i) => cipher.encrypt(`139${String(10_000_000 + i)}`));

  const siteOf = new Uint16Array(rows);
  const seqOf = new Uint32Array(rows);
  const siteSeq = new Uint32Array(sites.length);
  const registrationNo = (n: number) => `2026${sites[siteOf[n]!]!.code}${String(seqOf[n]!).padStart(5, '0')}`;
  const idNumber = (n: number) => idNumberOf(n, sites[siteOf[n]!]!.code);

  const pipeline = new InsertPipeline(dialect);
  // A unit is one full registrations statement; its images follow in as many statements as they need.
  const unit = pipeline.rowsPerStatement(REG_COLUMNS);
  const imagesPerStatement = pipeline.rowsPerStatement(IMAGE_COLUMNS);
  const hexPool = crypto.randomBytes(1 << 16).toString('hex');
  const unitsPerTransaction = Math.max(1, Math.round(25_000 / unit));
  let imageCount = 0;
  let lastLog = performance.now();
  for (let start = 0; start < rows; start += unit * unitsPerTransaction) {
    const txEnd = Math.min(rows, start + unit * unitsPerTransaction);
    await db.transaction().execute(async (trx) => {
      for (let u = start; u < txEnd; u += unit) {
        const regParams: unknown[] = [];
        const imgParams: unknown[] = [];
        for (let n = u; n < Math.min(txEnd, u + unit); n++) {
          const s = pickWeighted(siteCum, random());
          const site = sites[s]!;
          siteOf[n] = s;
          seqOf[n] = ++siteSeq[s]!;
          if (seqOf[n]! > 99_999) throw new Error(`site ${site.code} ran out of 报名号 sequence numbers`);
          const id = crypto.randomUUID();
          const idNo = normaliseIdNumber(idNumber(n));
          const phone = `1${3 + (mix(n, 31) % 7)}${String(mix(n, 32) % 1_000_000_000).padStart(9, '0')}`;
          const imported = importTimes.get(site.regionCode)![pickWeighted(IMPORT_SHARE, random())]!;
          const status = STATUS[pickWeighted(STATUS_CUM, random())]!;
          const changed = status === 'returned' && random() < 0.5;
          const queue = reviewQueueOf(status, changed);
          const nowMs = BENCH_NOW.getTime();
          // Site decision, then region decision or a change after a return: in that order, before now.
          const t1 = imported + (nowMs - imported) * (0.2 + 0.6 * random());
          const t2 = t1 + (nowMs - t1) * random();
          let statusChangedAt = imported;
          let waitingSince = imported; // an import stamps one time on all its rows
          if (status === 'returned') {
            statusChangedAt = t1;
            if (changed) waitingSince = t2; // back in the site queue since the change
          } else if (status === 'site_approved') {
            statusChangedAt = t1;
            waitingSince = t1;
          } else if (status === 'approved') {
            statusChangedAt = t2;
            waitingSince = t1; // left the region queue; the column keeps its last entry time
          } else if (status === 'rejected') {
            statusChangedAt = t1;
          }
          // Everyone here has uploaded, so everyone has activated; uploads end at the first decision.
          const activated = imported + (nowMs - imported) * 0.15 * random();
          const uploadsUntil = status === 'draft' ? nowMs : t1;
          const claimed = queue !== null && random() < 0.003;
          const complete = random() < COMPLETE[status];
          regParams.push(
            id, registrationNo(n), nameOf(n), '居民身份证', idCipherPool[n & 1023], cipher.searchHash(idNo), maskIdNumber(idNo),
            phoneCipherPool[n & 1023], maskPhone(phone), 2026, examCodes[pickWeighted(EXAM_CUM, random())], site.regionCode, site.code,
            random() < 0.15 ? '["fresh_graduate"]' : '[]', status, iso(statusChangedAt), iso(activated),
            changed ? 1 : 0, claimed ? crypto.randomUUID() : null, claimed ? iso(nowMs + random() * 30 * 60_000) : null,
            queue, iso(waitingSince), complete ? 1 : 0, IMAGE_SLOTS.length, iso(imported), iso(Math.max(statusChangedAt, waitingSince)),
          );
          for (let k = 0; k < IMAGE_SLOTS.length; k++) {
            const [category, slot] = IMAGE_SLOTS[k]!;
            const imageId = crypto.randomUUID();
            const uploaded = activated + (uploadsUntil - activated) * random();
            const month = new Date(uploaded).toISOString().slice(0, 7).replace('-', '');
            let state = status === 'draft' || status === 'rejected' ? 'pending' : 'approved';
            let reason: string | null = null;
            if (status === 'returned' && k === 2) {
              state = changed ? 'pending' : 'replace_requested';
              reason = changed ? null : PRESET_REASONS[n % PRESET_REASONS.length]!;
            }
            const h = (mix(n, 40 + k) % ((1 << 16) - 32)) * 2;
            imgParams.push(
              imageId, id, category, slot, `images/${month}/${imageId}.jpg`, `thumbs/${month}/${imageId}.jpg`,
              hexPool.slice(h, h + 64), 1600, 1200, 60_000 + (mix(n, 50 + k) % 140_000), state, reason,
              iso(uploaded), null,
            );
          }
        }
        await pipeline.send(trx, 'registrations', REG_COLUMNS, regParams);
        const step = imagesPerStatement * IMAGE_COLUMNS.length;
        for (let i = 0; i < imgParams.length; i += step) await pipeline.send(trx, 'images', IMAGE_COLUMNS, imgParams.slice(i, i + step));
        imageCount += imgParams.length / IMAGE_COLUMNS.length;
      }
      await pipeline.flush();
    });
    if (performance.now() - lastLog > 10_000 || txEnd === rows) {
      lastLog = performance.now();
      log(`  ${txEnd.toLocaleString('en')} registrations, ${imageCount.toLocaleString('en')} images, ${((performance.now() - started) / 1000).toFixed(0)} s`);
    }
  }
  return {
    dataset: { rows, sites, siteOf, seqOf, now: BENCH_NOW, registrationNo, idNumber },
    seconds: (performance.now() - started) / 1000,
    images: imageCount,
  };
}
