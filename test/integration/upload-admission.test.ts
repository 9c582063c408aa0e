import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
});
