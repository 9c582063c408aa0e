import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KyselyPlugin } from 'kysely';
import { startTestServer, type TestServer } from '../support/start-server.js';
import { ApiClient } from '../support/api-client.js';
import { testDatabases } from '../support/databases.js';
import { makePhotoJpeg } from '../fixtures/make-image-corpus.js';

async function countFiles(dir: string): Promise<number> {
  let n = 0;
  for (const e of await fs.readdir(dir, { withFileTypes: true }).catch(() => [])) {
    if (e.name === '.tmp') continue;
    n += e.isDirectory() ? await countFiles(path.join(dir, e.name)) : 1;
  }
  return n;
}

/** The first table a query node names (statement counting). */
function firstTable(node: unknown): string | undefined {
  if (!node || typeof node !== 'object') return undefined;
  const n = node as { kind?: string; table?: { identifier?: { name?: string } } };
  if (n.kind === 'TableNode') return n.table?.identifier?.name;
  for (const v of Object.values(node)) {
    const found = Array.isArray(v) ? v.map(firstTable).find(Boolean) : firstTable(v);
    if (found) return found;
  }
  return undefined;
}

/** Holds one of the image-work slots, as a long upload in the worker would. */
function holdSlot(server: TestServer) {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  const done = server.deps.uploads.run(() => held);
  return { release: async () => { release(); await done; } };
}

// One image at a time and no waiting room: any upload while one is in the work is excess.
describe.each(testDatabases())('upload admission on %s', (db) => {
  let server: TestServer;
  let photo: Buffer;
  let n = 0;
  const nextCandidate = () => `20269901${String(++n).padStart(5, "0")}`;

  async function activatedCandidate() {
    const c = new ApiClient(server.baseUrl);
    expect((await c.login(nextCandidate())).status).toBe(200);
    expect((await c.request('POST', '/api/v1/candidate/activate', { json: { agree: true } })).status).toBe(200);
    return c;
  }
  const imagesIn = async (c: ApiClient, code: string) =>
    (await c.request('GET', '/api/v1/candidate/materials')).body.categories.find((x: any) => x.code === code).images;
  const imageRows = async () => Number((await server.deps.db.selectFrom('images').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    server = await startTestServer({ db, env: { UPLOAD_CONCURRENCY: '1', UPLOAD_QUEUE: '0' } });
    photo = await makePhotoJpeg({ width: 1200, height: 900, targetBytes: 120_000 });
  });
  afterAll(async () => server?.close());

  it('answers a full queue at once with 503 OVERLOADED and Retry-After, stores nothing, and a retry with the same key stores one image', async () => {
    const c = await activatedCandidate();
    const rowsBefore = await imageRows();
    const blobsBefore = await countFiles(path.join(server.dataDir, 'blobs'));
    const busy = holdSlot(server);
    const refused = await c.upload('other', photo, 'p.jpg', { 'idempotency-key': 'queue-full-1' });
    expect(refused.status).toBe(503);
    expect(refused.body.error.code).toBe('OVERLOADED');
    expect(refused.body.error.message).toMatch(/排队/);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await imageRows()).toBe(rowsBefore);
    expect(await countFiles(path.join(server.dataDir, 'blobs'))).toBe(blobsBefore);
    await busy.release();

    const retried = await c.upload('other', photo, 'p.jpg', { 'idempotency-key': 'queue-full-1' });
    expect(retried.status).toBe(201);
    const again = await c.upload('other', photo, 'p.jpg', { 'idempotency-key': 'queue-full-1' });
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.id).toBe(retried.body.id);
    expect(await imagesIn(c, 'other')).toHaveLength(1);
    expect(await imageRows()).toBe(rowsBefore + 1);
  });

  it('refuses with CATEGORY_FULL before the queue and the pipeline, counting uploads still in the work', async () => {
    const c = await activatedCandidate();
    expect((await c.upload('id_card', photo)).status).toBe(201);
    // The last free place of 身份证明 (2 at most) is taken by an upload that waits for the worker.
    const busy = holdSlot(server);
    const admittedBefore = server.deps.uploads.admitted;
    // Room for one waiting upload, so the next one is not refused for the queue.
    server.deps.uploads.queueLimit = 1;
    try {
      const waiting = c.upload('id_card', photo);
      await expect.poll(() => server.deps.uploads.queued).toBe(1);
      const full = await c.upload('id_card', photo);
      expect(full.status).toBe(409);
      expect(full.body.error.code).toBe('CATEGORY_FULL');
      // The refused request never asked for image work.
      expect(server.deps.uploads.queued).toBe(1);
      await busy.release();
      expect((await waiting).status).toBe(201);
      expect(server.deps.uploads.admitted - admittedBefore).toBe(1);
    } finally {
      server.deps.uploads.queueLimit = 0;
    }
    // A full category is refused without image work, also when nothing is in flight.
    const admitted = server.deps.uploads.admitted;
    expect((await c.upload('id_card', photo)).body.error.code).toBe('CATEGORY_FULL');
    expect(server.deps.uploads.admitted).toBe(admitted);
    expect(await imagesIn(c, 'id_card')).toHaveLength(2);
  });

  it('reads and writes the database in at most 12 statements per upload', async () => {
    const c = await activatedCandidate();
    // Three different pictures: a duplicate would add its pair and audit rows (http-signals tests those).
    const pictures = await Promise.all([1, 2, 3].map((seed) => makePhotoJpeg({ width: 1200, height: 900, targetBytes: 120_000, seed: 100 + seed })));
    expect((await c.upload('other', pictures[0]!, 'a.jpg', { 'idempotency-key': 'count-a' })).status).toBe(201);
    const statements: string[] = [];
    // Labels by query id; a statement counts when its result comes back (the parts of a UNION
    // are transformed one by one but run as one statement).
    const labels = new Map<unknown, string>();
    const counter: KyselyPlugin = {
      transformQuery: (args) => {
        labels.set(args.queryId, `${args.node.kind.replace('QueryNode', '')} ${firstTable(args.node)}`);
        return args.node;
      },
      transformResult: async (args) => {
        const label = labels.get(args.queryId);
        // The outbox worker polls `jobs` on its own timer: not part of the upload.
        if (label && !label.endsWith(' jobs')) statements.push(label);
        return args.result;
      },
    };
    const plain = server.deps.db;
    server.deps.db = plain.withPlugin(counter);
    try {
      // The first upload through the new handle also reads the catalog (kept for 5 s after).
      expect((await c.upload('other', pictures[1]!, 'b.jpg', { 'idempotency-key': 'count-b' })).status).toBe(201);
      statements.length = 0;
      expect((await c.upload('other', pictures[2]!, 'c.jpg', { 'idempotency-key': 'count-c' })).status).toBe(201);
    } finally {
      server.deps.db = plain;
    }
    // session, file + stored answer, slots, picture-hash lookup, pending blobs, then guard, image,
    // hashes, audit, key, pending done, counts: the 18 of before, less the registration read 4
    // times and the catalog twice, plus the duplicate-picture lookup and its hashes (issue 15).
    console.log(`statements per upload on ${db}: ${statements.length} (${statements.join(', ')})`);
    expect(statements.length).toBeGreaterThanOrEqual(8);
    expect(statements.length).toBeLessThanOrEqual(12);
    expect(await imagesIn(c, 'other')).toHaveLength(3);
  });
});
