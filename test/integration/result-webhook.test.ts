import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/start-server.js';
import { testDatabases } from '../support/databases.js';
import { candidateWithMaterials, staff, verdicts } from '../support/review-fixtures.js';
import { makePhotoJpeg } from '../fixtures/make-image-corpus.js';
import { verifyResultSignature } from '../../src/adapters/crypto/result-signature.js';

const KEY = 'result-webhook-key-for-tests-0123456789abcdef';
const TOKEN = 'results-api-token-for-tests-9876543210';
const base = (no: string) => `/api/v1/review/registrations/${no}`;

/** A real receiver on 127.0.0.1 that checks signatures the way docs/HANDOFF.md tells the registration system to. */
function startReceiver() {
  const received: { id: string; event: any; valid: boolean }[] = [];
  const accepted = new Map<string, number>();
  let failNext = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const valid = verifyResultSignature(KEY, req.headers['x-result-timestamp'] as string, req.headers['x-result-signature'] as string, body, Math.floor(Date.now() / 1000));
      const event = JSON.parse(body);
      received.push({ id: String(req.headers['x-result-event-id']), event, valid });
      if (failNext > 0) {
        failNext--;
        res.writeHead(503).end();
        return;
      }
      accepted.set(event.id, (accepted.get(event.id) ?? 0) + 1);
      res.writeHead(204).end();
    });
  });
  return new Promise<{ url: string; received: typeof received; accepted: typeof accepted; failNextOnes(n: number): void; close(): Promise<void> }>((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}/medexam/results`,
        received,
        accepted,
        failNextOnes: (n) => {
          failNext = n;
        },
        close: () => new Promise((r) => server.close(() => r())),
      });
    });
  });
}

async function until<T>(fn: () => Promise<T | undefined | null | false>, what: string): Promise<T> {
  for (let i = 0; i < 300; i++) {
    const v = await fn();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`waited in vain for ${what}`);
}

describe.each(testDatabases())('final results to the registration system on %s', (db) => {
  let server: TestServer;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let photo: Buffer;

  beforeAll(async () => {
    receiver = await startReceiver();
    server = await startTestServer({ db, env: { RESULT_WEBHOOK_URL: receiver.url, RESULT_WEBHOOK_KEY: KEY, RESULTS_API_TOKEN: TOKEN } });
    photo = await makePhotoJpeg({ width: 1200, height: 900, targetBytes: 120_000 });
  });
  afterAll(async () => {
    await server?.close();
    await receiver?.close();
  });

  const jobsOf = () => server.deps.db.selectFrom('jobs').selectAll().where('kind', '=', 'result_webhook').orderBy('id').execute();

  it('POSTs a correctly signed event exactly once when the region passes; nothing for the site pass before it', async () => {
    const no = '2026990100001';
    await candidateWithMaterials(server, no, photo);
    const site = await staff(server, 'site9901');
    const region = await staff(server, 'region99');
    await site.request('POST', `${base(no)}/claim`);
    let file = (await site.request('GET', base(no))).body;
    expect((await site.request('POST', `${base(no)}/decision`, { json: { outcome: 'pass', images: verdicts(file) } })).status).toBe(200);
    expect(await jobsOf()).toEqual([]); // a site pass is not final
    await region.request('POST', `${base(no)}/claim`);
    file = (await region.request('GET', base(no))).body;
    expect((await region.request('POST', `${base(no)}/decision`, { json: { outcome: 'pass', images: verdicts(file) } })).status).toBe(200);

    await until(async () => (await jobsOf()).every((j) => j.done_at) && (await jobsOf()).length === 1, 'the webhook job to finish');
    expect(receiver.received).toHaveLength(1);
    const [got] = receiver.received;
    expect(got!.valid).toBe(true);
    expect(got!.id).toBe(got!.event.id);
    expect(got!.event).toMatchObject({ type: 'review.result', registrationNo: no, status: 'approved', statusLabel: '审核通过', level: 'region', comment: null, year: 2026 });
    expect(receiver.accepted.get(got!.event.id)).toBe(1);
    // A forged or altered body does not pass the receiver's check.
    expect(verifyResultSignature(KEY, String(Math.floor(Date.now() / 1000)), 'sha256=00', JSON.stringify(got!.event), Math.floor(Date.now() / 1000))).toBe(false);
  });

  it('retries a failing receiver with backoff from the outbox until it takes the rejection, once', async () => {
    const no = '2026990100002';
    await candidateWithMaterials(server, no, photo);
    const site = await staff(server, 'site9901');
    receiver.failNextOnes(1);
    const before = receiver.received.length;
    await site.request('POST', `${base(no)}/claim`);
    const file = (await site.request('GET', base(no))).body;
    expect((await site.request('POST', `${base(no)}/decision`, { json: { outcome: 'reject', comment: '非本人材料', images: verdicts(file) } })).status).toBe(200);
    const failed = await until(async () => (await jobsOf()).find((j) => j.last_error && !j.done_at), 'the first failed attempt');
    expect(failed.last_error).toContain('503');
    expect(new Date(failed.run_at).getTime()).toBeGreaterThan(server.clock.now().getTime() + 20_000); // backed off
    server.clock.advance(31_000);
    try {
      await until(async () => (await jobsOf()).every((j) => j.done_at), 'the retry to deliver');
    } finally {
      server.clock.advance(-31_000);
    }
    const mine = receiver.received.slice(before);
    expect(mine).toHaveLength(2);
    expect(mine[0]!.id).toBe(mine[1]!.id); // the same event id on every try
    expect(mine.every((r) => r.valid)).toBe(true);
    expect(mine[1]!.event).toMatchObject({ registrationNo: no, status: 'rejected', statusLabel: '审核拒绝', level: 'site', comment: '非本人材料' });
    expect(receiver.accepted.get(mine[1]!.event.id)).toBe(1);
  });

  it('lists the same events from a cursor to the bearer of RESULTS_API_TOKEN only', async () => {
    const get = (query: string, auth?: string) =>
      fetch(`${server.baseUrl}/api/v1/results/events${query}`, { headers: auth ? { authorization: auth } : {} }).then(async (r) => ({ status: r.status, body: (await r.json()) as any }));
    expect((await get('')).status).toBe(401);
    expect((await get('', `Bearer ${TOKEN}x`)).status).toBe(401);
    expect((await get('', `Bearer ${TOKEN.slice(0, -1)}`)).status).toBe(401);
    const all = await get('', `Bearer ${TOKEN}`);
    expect(all.status).toBe(200);
    expect(all.body.items.map((e: any) => [e.registrationNo, e.status])).toEqual([
      ['2026990100001', 'approved'],
      ['2026990100002', 'rejected'],
    ]);
    // The same ids the webhook carried.
    expect(all.body.items.map((e: any) => e.id)).toEqual([...receiver.accepted.keys()]);
    const first = await get('?limit=1', `Bearer ${TOKEN}`);
    expect(first.body.items).toHaveLength(1);
    expect(first.body.hasMore).toBe(true);
    const second = await get(`?limit=1&cursor=${first.body.nextCursor}`, `Bearer ${TOKEN}`);
    expect(second.body.items[0].registrationNo).toBe('2026990100002');
    const empty = await get(`?cursor=${second.body.nextCursor}`, `Bearer ${TOKEN}`);
    expect(empty.body).toEqual({ items: [], nextCursor: second.body.nextCursor, hasMore: false });
    expect((await get('?cursor=abc', `Bearer ${TOKEN}`)).status).toBe(422);
    // Staff sessions do not open it either: it is the registration system's.
    const admin = await staff(server, 'admin');
    expect((await admin.request('GET', '/api/v1/results/events')).status).toBe(401);
  });

  it('tells the registration system when an administrator reopens a final result: a signed pending event, then the new result', async () => {
    const no = '2026990100001';
    const admin = await staff(server, 'admin');
    const before = receiver.received.length;
    const reopened = await admin.request('POST', `${base(no)}/reopen`, { json: { reason: '复核发现证书信息有误' } });
    expect(reopened.status).toBe(200);
    await until(async () => (await jobsOf()).every((j) => j.done_at) && receiver.received.length > before, 'the reopening event');
    const mine = receiver.received.slice(before);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.valid).toBe(true);
    expect(mine[0]!.event).toMatchObject({ type: 'review.result', registrationNo: no, status: 'pending', statusLabel: '审核中', previousStatus: 'approved', level: 'region', comment: '复核发现证书信息有误' });

    // A reopening that fails (not final any more) sends nothing more.
    expect((await admin.request('POST', `${base(no)}/reopen`, { json: { reason: '再次' } })).status).toBe(409);
    // The region decides again: a new event, later than the pending one, is what the registration system ends with.
    const region = await staff(server, 'region99');
    await region.request('POST', `${base(no)}/claim`);
    const file = (await region.request('GET', base(no))).body;
    expect((await region.request('POST', `${base(no)}/decision`, { json: { outcome: 'reject', comment: '证书与本人不符', images: verdicts(file) } })).status).toBe(200);
    const events = await fetch(`${server.baseUrl}/api/v1/results/events`, { headers: { authorization: `Bearer ${TOKEN}` } }).then((r) => r.json() as Promise<any>);
    const forNo = events.items.filter((e: any) => e.registrationNo === no).map((e: any) => e.status);
    expect(forNo).toEqual(['approved', 'pending', 'rejected']);
  });
});
