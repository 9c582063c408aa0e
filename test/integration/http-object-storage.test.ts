import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/start-server.js';
import { testDatabases } from '../support/databases.js';
import { ApiClient } from '../support/api-client.js';
import { startS3rver, type TestS3 } from '../support/s3rver.js';
import { makePhotoJpeg } from '../fixtures/make-image-corpus.js';
import { S3BlobStore } from '../../src/adapters/blobs/s3-blob-store.js';

/*
 * The server on an S3 store (S3_BUCKET + the AWS SDK's own variables, as an operator sets
 * them), with s3rver standing in for the provider: uploads land in the bucket and nowhere
 * else, are served only through the server, and an outage of the store answers
 * 503 STORAGE_UNAVAILABLE with Retry-After and stores no row. s3rver does not check
 * signatures or ACLs: see test/integration/blob-store-contract.test.ts.
 */
describe.each(testDatabases())('uploads on an S3 store, on %s', (db) => {
  let s3: TestS3;
  let server: TestServer;
  let bucket: S3BlobStore;
  const saved = { ...process.env };
  beforeAll(async () => {
    s3 = await startS3rver();
    // The AWS SDK reads endpoint, region and keys from the environment, as in production.
    Object.assign(process.env, s3.env);
    server = await startTestServer({ db, env: { ...s3.env, S3_PREFIX: 'exam2026' } });
    bucket = new S3BlobStore({ bucket: s3.bucket, prefix: 'exam2026', forcePathStyle: true, client: s3.client });
  });
  afterAll(async () => {
    await server?.close();
    await s3?.close();
    for (const k of Object.keys(s3?.env ?? {})) if (!(k in saved)) delete process.env[k];
  });

  const imageCount = async () =>
    Number((await server.deps.db.selectFrom('images').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  it('stores an upload in the bucket (not on the node\'s disk) and serves it through the server', async () => {
    const c = new ApiClient(server.baseUrl);
    await c.login('2026990100001');
    await c.request('POST', '/api/v1/candidate/activate', { json: { agree: true } });
    const up = await c.upload('other', await makePhotoJpeg({ width: 800, height: 600, targetBytes: 80_000 }));
    expect(up.status).toBe(201);
    const row = await server.deps.db.selectFrom('images').select(['blob_key', 'thumb_key']).where('id', '=', up.body.id).executeTakeFirstOrThrow();
    const served = await c.request('GET', up.body.url);
    expect(served.status).toBe(200);
    expect((served.body as Buffer).equals((await bucket.get(row.blob_key))!)).toBe(true);
    expect(await bucket.get(row.thumb_key)).not.toBeNull();
    await expect(fs.access(path.join(server.dataDir, 'blobs', row.blob_key))).rejects.toThrow();
  });

  it('answers 503 STORAGE_UNAVAILABLE with Retry-After and stores no row while the store is down; the same retry succeeds after', async () => {
    const c = new ApiClient(server.baseUrl);
    await c.login('2026990100002');
    await c.request('POST', '/api/v1/candidate/activate', { json: { agree: true } });
    const first = await c.upload('other', await makePhotoJpeg({ width: 800, height: 600, targetBytes: 80_000, seed: 2 }));
    expect(first.status).toBe(201);
    const before = await imageCount();
    const listed = (await c.request('GET', '/api/v1/candidate/materials')).body;

    await s3.stop();
    try {
      const photo = await makePhotoJpeg({ width: 800, height: 600, targetBytes: 80_000, seed: 3 });
      const down = await c.upload('other', photo, 'photo.jpg', { 'idempotency-key': 'storage-down-retry-1' });
      expect(down.status).toBe(503);
      expect(down.body.error.code).toBe('STORAGE_UNAVAILABLE');
      expect(down.body.error.message).toMatch(/图片存储暂时不可用/);
      expect(Number(down.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await imageCount()).toBe(before);
      expect((await c.request('GET', '/api/v1/candidate/materials')).body).toEqual(listed);
      // Reading an image needs the store too: 503, not a 404 that would say the image is gone.
      const read = await c.request('GET', first.body.url);
      expect(read.status).toBe(503);
      expect(read.body.error.code).toBe('STORAGE_UNAVAILABLE');

      await s3.restart();
      const retry = await c.upload('other', photo, 'photo.jpg', { 'idempotency-key': 'storage-down-retry-1' });
      expect(retry.status).toBe(201);
      expect(await imageCount()).toBe(before + 1);
      expect((await c.request('GET', retry.body.url)).status).toBe(200);
      expect((await c.request('GET', first.body.url)).status).toBe(200);
    } finally {
      await s3.restart();
    }
  });

  it('in English too', async () => {
    const c = new ApiClient(server.baseUrl, 'en');
    await c.login('2026990100003');
    await c.request('POST', '/api/v1/candidate/activate', { json: { agree: true } });
    await s3.stop();
    try {
      const down = await c.upload('other', await makePhotoJpeg({ width: 800, height: 600, targetBytes: 80_000, seed: 4 }));
      expect(down.status).toBe(503);
      expect(down.body.error.message).toMatch(/Image storage is unavailable for now; nothing was saved/);
    } finally {
      await s3.restart();
    }
  });
});
