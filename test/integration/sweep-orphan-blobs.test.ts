import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/start-server.js';
import { testDatabases } from '../support/databases.js';
import { ApiClient } from '../support/api-client.js';
import { startS3rver, type TestS3 } from '../support/s3rver.js';
import { makePhotoJpeg } from '../fixtures/make-image-corpus.js';
import { sweepOrphanBlobs } from '../../src/services/sweep-orphan-blobs.js';
import { toDbTime } from '../../src/adapters/db/time.js';
import type { BlobStore } from '../../src/ports/blob-store.js';

/*
 * The orphan sweep on both stores and both databases, with the server's clock moved
 * forward instead of waiting: what it removes (blobs no row will ever point to) and what it
 * must never remove (a committed image's blobs, a blob another node is still writing,
 * catalog example images), and that an upload overtaken by a sweep stores nothing.
 */
const HOUR = 60 * 60_000;
const cases = testDatabases().flatMap((db) => (['local', 's3'] as const).map((store) => ({ db, store })));

describe.each(cases)('orphan sweep on $store store, $db', ({ db, store }) => {
  let s3: TestS3 | undefined;
  let server: TestServer;
  const saved = { ...process.env };
  beforeAll(async () => {
    if (store === 's3') {
      s3 = await startS3rver();
      Object.assign(process.env, s3.env);
    }
    server = await startTestServer({ db, env: s3?.env ?? {} });
  });
  afterAll(async () => {
    await server?.close();
    await s3?.close();
    for (const k of Object.keys(s3?.env ?? {})) if (!(k in saved)) delete process.env[k];
  });

  const at = async <T>(offsetMs: number, fn: () => Promise<T>): Promise<T> => {
    server.clock.advance(offsetMs);
    try {
      return await fn();
    } finally {
      server.clock.advance(-offsetMs);
    }
  };
  const key = (dir: string, n: number) => `${dir}/2026/01/00000000-0000-4000-8000-${String(n).padStart(12, '0')}.jpg`;
  const pending = async (k: string) => server.deps.db.insertInto('pending_blobs').values({ key: k, created_at: toDbTime(server.clock.now()) }).execute();

  it('removes the blobs of an upload that died before its row, only once they are old, and keeps every committed image', async () => {
    const c = new ApiClient(server.baseUrl);
    await c.login('2026990100004');
    await c.request('POST', '/api/v1/candidate/activate', { json: { agree: true } });
    const kept = await c.upload('other', await makePhotoJpeg({ width: 800, height: 600, targetBytes: 80_000 }));
    expect(kept.status).toBe(201);

    const orphan = key('images', 1);
    await pending(orphan);
    await server.deps.blobs.put(orphan, Buffer.from('half an upload'));
    expect(await sweepOrphanBlobs(server.deps, HOUR, { scanStore: true })).toBe(0); // young: the upload may still be running
    expect(await server.deps.blobs.get(orphan)).not.toBeNull();

    expect(await at(2 * HOUR, () => sweepOrphanBlobs(server.deps, HOUR))).toBe(1);
    expect(await server.deps.blobs.get(orphan)).toBeNull();
    expect(await server.deps.db.selectFrom('pending_blobs').selectAll().execute()).toEqual([]);
    expect((await c.request('GET', kept.body.url)).status).toBe(200);
    expect((await c.request('GET', kept.body.thumbnailUrl)).status).toBe(200);
  });

  it('never deletes a blob another node is still writing (young pending record), even when the object itself looks old', async () => {
    const writing = key('thumbs', 2);
    // Two hours on: every object in the store is older than the cut-off by the store's clock,
    // but this pending record was written "now" by a node whose upload has not committed yet.
    await at(2 * HOUR, async () => {
      await pending(writing);
      await server.deps.blobs.put(writing, Buffer.from('being written'));
      expect(await sweepOrphanBlobs(server.deps, HOUR, { scanStore: true })).toBe(0);
    });
    expect(await server.deps.blobs.get(writing)).not.toBeNull();
    expect(await at(4 * HOUR, () => sweepOrphanBlobs(server.deps, HOUR))).toBe(1);
    expect(await server.deps.blobs.get(writing)).toBeNull();
  });

  it('with a store scan, removes old objects nobody knows, but no committed image and no catalog example', async () => {
    const c = new ApiClient(server.baseUrl);
    await c.login('2026990100005');
    await c.request('POST', '/api/v1/candidate/activate', { json: { agree: true } });
    const kept = await c.upload('other', await makePhotoJpeg({ width: 800, height: 600, targetBytes: 80_000, seed: 5 }));
    expect(kept.status).toBe(201);
    const stray = key('images', 3);
    const example = 'examples/photo-0001.png';
    await server.deps.blobs.put(stray, Buffer.from('no record, no row'));
    await server.deps.blobs.put(example, Buffer.from('catalog example'));

    expect(await sweepOrphanBlobs(server.deps, HOUR, { scanStore: true })).toBe(0); // young by the store's clock
    expect(await at(2 * HOUR, () => sweepOrphanBlobs(server.deps, HOUR))).toBe(0); // no record: only a scan finds it
    expect(await at(2 * HOUR, () => sweepOrphanBlobs(server.deps, HOUR, { scanStore: true }))).toBe(1);
    expect(await server.deps.blobs.get(stray)).toBeNull();
    expect(await server.deps.blobs.get(example)).not.toBeNull();
    expect((await c.request('GET', kept.body.url)).status).toBe(200);
    const rows = await server.deps.db.selectFrom('images').select(['blob_key', 'thumb_key']).execute();
    for (const r of rows) {
      expect(await server.deps.blobs.get(r.blob_key)).not.toBeNull();
      expect(await server.deps.blobs.get(r.thumb_key)).not.toBeNull();
    }
  });

  it('an upload overtaken by a sweep (it outlived the age limit) stores no row and leaves no blob', async () => {
    const c = new ApiClient(server.baseUrl);
    await c.login('2026990100006');
    await c.request('POST', '/api/v1/candidate/activate', { json: { agree: true } });
    const real = server.deps.blobs;
    let written: string | undefined;
    // The real store, with a sweep on another "node" running two hours later, right after the image is written.
    const slow: BlobStore = {
      ...real,
      get: (k) => real.get(k),
      delete: (k) => real.delete(k),
      checkReady: () => real.checkReady(),
      listOlderThan: (d) => real.listOlderThan(d),
      async put(k, data) {
        await real.put(k, data);
        if (k.startsWith('images/') && !written) {
          written = k;
          await at(2 * HOUR, () => sweepOrphanBlobs({ ...server.deps, blobs: real }, HOUR));
        }
      },
    };
    const count = async () => Number((await server.deps.db.selectFrom('images').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const before = await count();
    server.deps.blobs = slow;
    try {
      const r = await c.upload('other', await makePhotoJpeg({ width: 800, height: 600, targetBytes: 80_000, seed: 6 }));
      expect(r.status).toBe(503);
      expect(r.body.error.code).toBe('STORAGE_UNAVAILABLE');
    } finally {
      server.deps.blobs = real;
    }
    expect(written).toBeDefined();
    expect(await count()).toBe(before);
    expect(await real.get(written!)).toBeNull();
    expect(await real.get(written!.replace(/^images\//, 'thumbs/'))).toBeNull();
    expect(await server.deps.db.selectFrom('pending_blobs').selectAll().execute()).toEqual([]);
  });
});
