import crypto from 'node:crypto';
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { Redis } from 'ioredis';
import { ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresDatabase } from '../support/databases.js';
import { startS3rver, type TestS3 } from '../support/s3rver.js';
import { spawnNode, type NodeProcess } from '../support/spawn-node.js';
import { TEST_DATA_KEY } from '../support/start-server.js';
import { ApiClient } from '../support/api-client.js';
import { makePhotoJpeg } from '../fixtures/make-image-corpus.js';
import { verdicts } from '../support/review-fixtures.js';
import { hashPassword } from '../../src/adapters/crypto/password-hasher.js';
import { freePorts, haproxyConfigFor, startHaproxy, waitFor, type Haproxy } from './cluster-support.js';

/**
 * The whole system as operated: PostgreSQL (a fresh database), an S3-protocol store
 * (s3rver: it does not check signatures or model a provider's consistency — see
 * test/support/s3rver.ts), Redis for the rate limits, three node processes from the build
 * (`node dist/main.js`) and HAProxy with deploy/haproxy.cfg, all on 127.0.0.1. Candidates
 * upload and reviewers decide through HAProxy while one node is killed (SIGKILL) and another
 * restarted (SIGTERM); then everything the clients were told is checked against every node,
 * the database and the bucket.
 */
const ROOT = path.resolve(new URL('../..', import.meta.url).pathname);
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const LEASE_SECONDS = 20;
const REQUIRED = ['id_card', 'id_card', 'graduation_cert', 'education_record', 'probation_assessment'];
const TAKEOVER_NO = '2026990100010';
const CANDIDATES = [
  ...Array.from({ length: 10 }, (_, i) => `20269901${String(i + 1).padStart(5, '0')}`),
  ...Array.from({ length: 10 }, (_, i) => `20269902${String(i + 1).padStart(5, '0')}`),
];

const started = Date.now();
/** Progress on stderr: where a slow or failing run spent its time. */
const step = (what: string) => process.stderr.write(`[cluster +${((Date.now() - started) / 1000).toFixed(1)}s] ${what}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const sha256 = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

type Res = Awaited<ReturnType<ApiClient['request']>>;
/** A client's retry: connection errors and 502/503/504 (a node dying or draining) are tried again. */
async function retrying(call: () => Promise<Res>, attempts = 12): Promise<Res | null> {
  for (let i = 0; i < attempts; i++) {
    try {
      const r = await call();
      if (![502, 503, 504].includes(r.status)) return r;
    } catch {
      /* connection reset: the node died under the request */
    }
    await sleep(250 + i * 250);
  }
  return null;
}

function clientAt(baseUrl: string, from: ApiClient): ApiClient {
  return Object.assign(new ApiClient(baseUrl), { cookie: from.cookie, csrfToken: from.csrfToken });
}

describe('three nodes behind HAProxy with PostgreSQL, S3 and Redis, under faults', () => {
  let dir: string;
  let db: Awaited<ReturnType<typeof createPostgresDatabase>>;
  let s3: TestS3;
  let haproxy: Haproxy | undefined;
  let nodeEnv: Record<string, string>;
  let nodePorts: number[];
  const nodes: (NodeProcess | undefined)[] = [undefined, undefined, undefined];
  const redisPrefix = `medexam-cluster-${crypto.randomBytes(6).toString('hex')}:`;

  const startNode = async (i: number) => {
    nodes[i] = await spawnNode(
      { ...nodeEnv, PORT: String(nodePorts[i]), DATA_DIR: path.join(dir, `node${i + 1}`), SMS_LOG_FILE: path.join(dir, `sms-node${i + 1}-${Date.now()}.log`) },
      { build: true, timeoutMs: 120_000 },
    );
  };

  beforeAll(async () => {
    await fs.access(path.join(ROOT, 'dist/main.js')).catch(() => {
      throw new Error('The cluster test runs the build: run `npm run build` first.');
    });
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'medexam-cluster-'));
    db = await createPostgresDatabase('medexam_cluster');
    s3 = await startS3rver('medexam-cluster');
    const ports = await freePorts(4);
    nodePorts = ports.slice(0, 3);
    nodeEnv = {
      ...s3.env,
      DATABASE_URL: db.url,
      DATA_KEY: TEST_DATA_KEY,
      REDIS_URL,
      REDIS_KEY_PREFIX: redisPrefix,
      TRUST_PROXY: '127.0.0.1',
      CLAIM_LEASE_SECONDS: String(LEASE_SECONDS),
      DRAIN_DELAY_SECONDS: '1',
      PG_POOL_MAX: '5',
      LOG: 'off',
    };
    // All three at once on the fresh database: one migrates and loads the demo data.
    await Promise.all([0, 1, 2].map(startNode));
    haproxy = await startHaproxy(await haproxyConfigFor(ports[3]!, nodePorts), dir, ports[3]!);
    await waitFor('HAProxy to see the nodes ready', async () => (await fetch(`${haproxy!.baseUrl}/api/v1/health/ready`)).status === 200, 60_000, () => haproxy!.output());
  }, 180_000);

  afterAll(async () => {
    await haproxy?.stop();
    for (const n of nodes) n?.child.kill('SIGKILL');
    await Promise.all(nodes.map((n) => n?.exited));
    await s3?.close();
    await db?.drop();
    const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
    const keys = await redis.keys(`${redisPrefix}*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('loses no answered upload, leaves no row without its object nor (after the sweep) an object without a row, half-applies no decision, sends no SMS twice, and frees a dead node\'s claim after its lease', async () => {
    const lb = haproxy!.baseUrl;
    const sql = new pg.Client({ connectionString: db.url });
    sql.on('error', () => undefined); // the database is dropped in afterAll, perhaps under an open client
    await sql.connect();
    step('cluster up');
    try {
      // A third reviewer for site 9901, next to the demo's site9901 and site9902.
      const site = (await sql.query(`select password_hash from accounts where username = 'site9901'`)).rows[0];
      expect(site).toBeTruthy();
      await sql.query(
        `insert into accounts (id, username, password_hash, role, display_name, region_code, site_code, registration_id, must_change_password, disabled, created_at)
         values ($1, 'site9901b', $2, 'site_reviewer', '示例市第一考点审核员乙', '99', '9901', null, 0, 0, now())`,
        [crypto.randomUUID(), await hashPassword('Demo#2026')],
      );
      const photos = await Promise.all([1, 2, 3].map((seed) => makePhotoJpeg({ width: 640, height: 480, targetBytes: 40_000, seed })));

      const answered = new Map<string, { id: string; registrationNo: string }>(); // image id → owner, for every 2xx
      const candidates = new Map<string, ApiClient>();
      let uploadsAnswered = 0;
      const uploadAll = async (no: string) => {
        const c = new ApiClient(lb);
        const login = await retrying(() => c.login(no));
        expect(login?.status).toBe(200);
        if (login) c.csrfToken = login.body.csrfToken;
        await retrying(() => c.request('POST', '/api/v1/candidate/activate', { json: { agree: true } }));
        candidates.set(no, c);
        // The optional one first, so a reviewer's claim (which locks the file) does not race it.
        for (const [k, code] of ['other', ...REQUIRED].entries()) {
          const key = `${no}-${k}`;
          const r = await retrying(() => c.upload(code, photos[k % 3]!, 'photo.jpg', { 'idempotency-key': key }));
          if (r && r.status >= 200 && r.status < 300) {
            answered.set(r.body.id, { id: r.body.id, registrationNo: no });
            uploadsAnswered++;
          } else if (r) {
            // Only refusals a client can act on: the file got locked by a claim meanwhile.
            expect([423], `${no} ${code}: ${r.status} ${JSON.stringify(r.body)}`).toContain(r.status);
          }
        }
      };

      // The claim that will be held through the node we kill.
      await uploadAll(TAKEOVER_NO);
      step(`takeover candidate uploaded (${uploadsAnswered})`);
      const holder = new ApiClient(nodes[0]!.baseUrl);
      expect((await holder.login('site9901')).status).toBe(200);
      const claimedAt = Date.now();
      expect((await holder.request('POST', `/api/v1/review/registrations/${TAKEOVER_NO}/claim`)).status).toBe(200);

      // Three reviewers work the queue through HAProxy while the uploads run.
      let uploadsDone = false;
      const decided = new Set<string>();
      const reviewer = async (username: string) => {
        const c = new ApiClient(lb);
        expect((await retrying(() => c.login(username)))?.status).toBe(200);
        for (;;) {
          const queue = await retrying(() => c.request('GET', '/api/v1/review/registrations?limit=50'));
          const items = ((queue?.body?.items ?? []) as any[]).filter((i) => i.registrationNo !== TAKEOVER_NO && i.materialsComplete && !i.claimed);
          if (items.length === 0) {
            if (uploadsDone) return;
            await sleep(300);
            continue;
          }
          for (const item of items) {
            const base = `/api/v1/review/registrations/${item.registrationNo}`;
            const claim = await retrying(() => c.request('POST', `${base}/claim`));
            if (claim?.status !== 200) continue; // another reviewer took it
            const file = await retrying(() => c.request('GET', base));
            if (file?.status !== 200) continue;
            const decision = await retrying(() => c.request('POST', `${base}/decision`, { json: { outcome: 'pass', images: verdicts(file.body) } }));
            if (decision?.status === 200) decided.add(item.registrationNo);
          }
        }
      };

      const faults = (async () => {
        await waitFor('uploads before the kill', async () => uploadsAnswered >= 20, 120_000);
        step(`SIGKILL node1 after ${uploadsAnswered} uploads`);
        nodes[0]!.child.kill('SIGKILL');
        expect(await nodes[0]!.exited).toBeNull();
        // The claim is still held: another reviewer of the site is refused while the lease runs.
        const taker = new ApiClient(lb);
        expect((await retrying(() => taker.login('site9901b')))?.status).toBe(200);
        const early = await retrying(() => taker.request('POST', `/api/v1/review/registrations/${TAKEOVER_NO}/claim`));
        if (Date.now() - claimedAt < (LEASE_SECONDS - 2) * 1000) expect(early?.body?.error?.code).toBe('CLAIMED_BY_OTHER');

        await waitFor('uploads before the restart', async () => uploadsAnswered >= 50, 120_000);
        step(`SIGTERM node2 after ${uploadsAnswered} uploads`);
        nodes[1]!.child.kill('SIGTERM');
        expect(await nodes[1]!.exited).toBe(0);
        step('node2 drained and exited 0; starting it again');
        await startNode(1);
        step('node2 back');
        return taker;
      })();

      const reviewers = ['site9901', 'site9901b', 'site9902'].map(reviewer);
      await Promise.all(CANDIDATES.filter((no) => no !== TAKEOVER_NO).map((no, i) => sleep(i * 150).then(() => uploadAll(no))));
      uploadsDone = true;
      step(`uploads done: ${uploadsAnswered} answered 2xx`);
      const taker = await faults;
      await Promise.all(reviewers);
      step(`reviewers done: ${decided.size} decided`);

      // After its lease, the claim made through the dead node is taken over and decided.
      await sleep(Math.max(0, claimedAt + LEASE_SECONDS * 1000 + 1000 - Date.now()));
      const base = `/api/v1/review/registrations/${TAKEOVER_NO}`;
      expect((await retrying(() => taker.request('POST', `${base}/claim`)))?.status).toBe(200);
      const file = await retrying(() => taker.request('GET', base));
      const takeover = await retrying(() => taker.request('POST', `${base}/decision`, { json: { outcome: 'pass', images: verdicts(file!.body) } }));
      expect(takeover?.status).toBe(200);
      expect(takeover?.body.status).toBe('site_approved');
      decided.add(TAKEOVER_NO);

      step('claim taken over after its lease');
      // The killed node comes back; every node must now serve everything.
      await startNode(0);
      step('node1 back; checking every node');
      expect(answered.size).toBeGreaterThanOrEqual(100);
      expect(decided.size).toBeGreaterThan(0);

      const rows = (await sql.query(`select id, registration_id, blob_key, thumb_key, sha256, state, deleted_at from images`)).rows;
      const byId = new Map(rows.map((r) => [r.id, r]));
      for (const node of nodes) {
        for (const [no, candidate] of candidates) {
          const c = clientAt(node!.baseUrl, candidate);
          const m = await c.request('GET', '/api/v1/candidate/materials');
          expect(m.status).toBe(200);
          const listed = new Set(((m.body.materials ?? m.body).categories as any[]).flatMap((cat) => cat.images.map((i: any) => i.id)));
          for (const a of answered.values()) {
            if (a.registrationNo !== no) continue;
            expect(listed.has(a.id), `${a.id} of ${no} listed on ${node!.baseUrl}`).toBe(true);
            const img = await c.request('GET', `/api/v1/images/${a.id}`);
            expect(img.status).toBe(200);
            expect(sha256(img.body)).toBe(byId.get(a.id)!.sha256);
          }
        }
      }

      step('every answered upload listed and served by every node');
      // No row without its object.
      const s3client = new S3Client({ ...s3.client, forcePathStyle: true });
      const listBucket = async () => {
        const keys: string[] = [];
        let token: string | undefined;
        do {
          const page = await s3client.send(new ListObjectsV2Command({ Bucket: s3.bucket, ContinuationToken: token }));
          keys.push(...(page.Contents ?? []).map((o) => o.Key!));
          token = page.IsTruncated ? page.NextContinuationToken : undefined;
        } while (token);
        return new Set(keys);
      };
      const before = await listBucket();
      for (const r of rows) {
        expect(before.has(r.blob_key), `object of image ${r.id}`).toBe(true);
        expect(before.has(r.thumb_key), `thumbnail of image ${r.id}`).toBe(true);
      }

      // An upload that died after writing (its pending record remains) and an object nothing knows.
      const orphanKeys = ['images/2026/01/00000000-0000-4000-8000-0000000000aa.jpg', 'thumbs/2026/01/00000000-0000-4000-8000-0000000000bb.jpg'];
      for (const key of orphanKeys) await s3client.send(new PutObjectCommand({ Bucket: s3.bucket, Key: key, Body: Buffer.from('half an upload') }));
      await sql.query(`insert into pending_blobs (key, created_at) values ($1, now())`, [orphanKeys[0]]);
      await sleep(1100); // the store's clock has whole seconds

      const sweep = await promisify(execFile)(process.execPath, [path.join(ROOT, 'dist/cli/sweep-orphan-blobs.js'), '--older-than-minutes', '0', '--scan-store'], {
        cwd: ROOT,
        env: { ...process.env, ...nodeEnv, DATA_DIR: path.join(dir, 'sweep') },
      });
      step(`sweep: ${sweep.stdout.trim()}`);
      expect(sweep.stdout).toMatch(/removed \d+ orphan blob/);
      const after = await listBucket();
      const referenced = new Set(rows.flatMap((r) => [r.blob_key, r.thumb_key]));
      for (const key of after) {
        if (key.startsWith('images/') || key.startsWith('thumbs/')) expect(referenced.has(key), `object ${key} has a row`).toBe(true);
      }
      for (const r of rows) expect(after.has(r.blob_key)).toBe(true);
      expect((await sql.query(`select count(*)::int as n from pending_blobs`)).rows[0].n).toBe(0);

      // No decision half applied: each decision wrote its comment, message, SMS job and every image verdict together.
      const regs = (await sql.query(`
        select r.id, r.registration_no, r.status,
          (select count(*)::int from review_comments c where c.registration_id = r.id) as comments,
          (select count(*)::int from messages m where m.registration_id = r.id) as messages,
          (select count(*)::int from jobs j where j.kind = 'sms' and j.payload like '%' || r.id || '%') as sms_jobs,
          (select count(*)::int from images i where i.registration_id = r.id and i.deleted_at is null and i.state <> 'approved') as not_approved
        from registrations r`)).rows;
      for (const r of regs) {
        expect(r.comments, r.registration_no).toBe(r.messages);
        expect(r.comments, r.registration_no).toBe(r.sms_jobs);
        if (r.status === 'site_approved') {
          expect(r.comments, r.registration_no).toBe(1);
          expect(r.not_approved, r.registration_no).toBe(0);
        } else {
          expect(r.comments, r.registration_no).toBe(0);
        }
      }
      for (const no of decided) expect(regs.find((r) => r.registration_no === no)?.status).toBe('site_approved');

      // No SMS sent twice: every job done once, none in two nodes' logs (jobs leased by the killed node wait for their lease).
      await waitFor('the outbox to drain', async () => {
        const open = (await sql.query(`select count(*)::int as n from jobs where done_at is null and (locked_until is null or locked_until < now())`)).rows[0].n;
        return open === 0;
      }, 60_000);
      const smsFiles = (await fs.readdir(dir)).filter((f) => f.startsWith('sms-node'));
      const keys = (await Promise.all(smsFiles.map((f) => fs.readFile(path.join(dir, f), 'utf8'))))
        .flatMap((t) => t.split('\n').filter(Boolean).map((l) => JSON.parse(l).idempotencyKey as string));
      expect(new Set(keys).size).toBe(keys.length);
      const done = (await sql.query(`select id from jobs where kind = 'sms' and done_at is not null and last_error is null`)).rows.map((r) => `job-${r.id}`);
      for (const k of done) expect(keys).toContain(k);
    } finally {
      await sql.end();
    }
  });
});
