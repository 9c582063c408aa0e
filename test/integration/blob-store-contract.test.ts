import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BlobStoreUnavailableError, type BlobStore } from '../../src/ports/blob-store.js';
import { LocalBlobStore } from '../../src/adapters/blobs/local-blob-store.js';
import { S3BlobStore } from '../../src/adapters/blobs/s3-blob-store.js';
import { closedPort, recordingProxy, silentServer, startS3rver, type TestS3 } from '../support/s3rver.js';

/*
 * One contract, two stores: what the services rely on from any BlobStore, run against the
 * local disk store and against the S3 adapter talking to s3rver (a real S3-protocol server
 * on 127.0.0.1, started here on a random port and a temp directory).
 *
 * What s3rver cannot prove, and so these tests do not: that requests are correctly signed
 * (s3rver checks only that the access key is its own, never the SigV4 signature), that the
 * objects are private on a real provider (s3rver has no ACLs or bucket policies; the adapter
 * simply never sends an ACL), provider quirks of MinIO, Ceph RGW, OSS, COS or AWS (checksum
 * headers, virtual-hosted URLs, eventual consistency of listings), and behaviour under load.
 */

interface Harness {
  store: BlobStore;
  /** A store of the same kind that is down (nothing listening / an unusable directory). */
  down(): Promise<BlobStore>;
}

async function collect(it: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const k of it) out.push(k);
  return out;
}

const uniqueKey = (dir = 'images') => `${dir}/2026/05/${crypto.randomUUID()}.jpg`;

let s3: TestS3;
let tmp: string;
beforeAll(async () => {
  s3 = await startS3rver();
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'blob-contract-'));
});
afterAll(async () => {
  await s3?.close();
  await fs.rm(tmp, { recursive: true, force: true });
});

const stores: { name: string; make(): Promise<Harness> }[] = [
  {
    name: 'local disk',
    async make() {
      return {
        store: new LocalBlobStore(path.join(tmp, 'blobs')),
        async down() {
          // A root below a regular file: every operation fails like a lost mount.
          const file = path.join(tmp, 'not-a-directory');
          await fs.writeFile(file, 'x');
          return new LocalBlobStore(path.join(file, 'blobs'));
        },
      };
    },
  },
  {
    name: 'S3 (s3rver)',
    async make() {
      return {
        store: new S3BlobStore({ bucket: s3.bucket, forcePathStyle: true, prefix: 'contract', client: s3.client }),
        async down() {
          const endpoint = `http://127.0.0.1:${await closedPort()}`;
          return new S3BlobStore({ bucket: s3.bucket, forcePathStyle: true, maxAttempts: 2, client: { ...s3.client, endpoint } });
        },
      };
    },
  },
];

describe.each(stores)('blob store contract: $name', ({ make }) => {
  let h: Harness;
  beforeAll(async () => {
    h = await make();
  });

  it('stores, returns and deletes the exact bytes of a key', async () => {
    const key = uniqueKey();
    const data = crypto.randomBytes(4096);
    await h.store.put(key, data);
    expect((await h.store.get(key))!.equals(data)).toBe(true);
    await h.store.delete(key);
    expect(await h.store.get(key)).toBeNull();
  });

  it('answers null for a key it never stored, and deleting it is not an error', async () => {
    const key = uniqueKey();
    expect(await h.store.get(key)).toBeNull();
    await expect(h.store.delete(key)).resolves.toBeUndefined();
  });

  it('replaces an object written twice under one key', async () => {
    const key = uniqueKey('thumbs');
    await h.store.put(key, Buffer.from('first version'));
    await h.store.put(key, Buffer.from('second'));
    expect((await h.store.get(key))!.toString()).toBe('second');
  });

  it('lists a key only once it is older than the given time, under the key it was stored with', async () => {
    const a = uniqueKey();
    const b = uniqueKey('thumbs');
    await h.store.put(a, Buffer.from('a'));
    await h.store.put(b, Buffer.from('b'));
    // The age is injected through the cut-off: an hour ago nothing of this test existed yet,
    // an hour from now both objects are older than the cut-off.
    const hourAgo = new Date(Date.now() - 60 * 60_000);
    const inAnHour = new Date(Date.now() + 60 * 60_000);
    const before = await collect(h.store.listOlderThan(hourAgo));
    expect(before).not.toContain(a);
    expect(before).not.toContain(b);
    const later = await collect(h.store.listOlderThan(inAnHour));
    expect(later).toEqual(expect.arrayContaining([a, b]));
    await h.store.delete(a);
    expect(await collect(h.store.listOlderThan(inAnHour))).not.toContain(a);
  });

  it('keeps a large-ish object (8 MB) intact', async () => {
    const key = uniqueKey();
    const data = crypto.randomBytes(8 * 1024 * 1024);
    await h.store.put(key, data);
    const back = await h.store.get(key);
    expect(back!.length).toBe(data.length);
    expect(crypto.createHash('sha256').update(back!).digest('hex')).toBe(crypto.createHash('sha256').update(data).digest('hex'));
    await h.store.delete(key);
  });

  it('refuses keys that are not service-generated (no path escapes)', async () => {
    await expect(h.store.put('../outside.jpg', Buffer.from('x'))).rejects.toThrow(/Invalid blob key/);
    await expect(h.store.get('/etc/passwd')).rejects.toThrow(/Invalid blob key/);
  });

  it('is ready when it can take writes', async () => {
    await expect(h.store.checkReady()).resolves.toBeUndefined();
  });

  it('reports a store that is down as BlobStoreUnavailableError for every operation', async () => {
    const down = await h.down();
    const key = uniqueKey();
    await expect(down.put(key, Buffer.from('x'))).rejects.toBeInstanceOf(BlobStoreUnavailableError);
    await expect(down.get(key)).rejects.toBeInstanceOf(BlobStoreUnavailableError);
    await expect(down.delete(key)).rejects.toBeInstanceOf(BlobStoreUnavailableError);
    await expect(down.checkReady()).rejects.toBeInstanceOf(BlobStoreUnavailableError);
    await expect(collect(down.listOlderThan(new Date()))).rejects.toBeInstanceOf(BlobStoreUnavailableError);
    await expect(down.put(key, Buffer.from('x'))).rejects.toMatchObject({ reason: 'unavailable' });
  });
});

describe('S3 adapter against s3rver: what only an S3 store does', () => {
  it('keeps its objects under S3_PREFIX and lists them without it', async () => {
    const store = new S3BlobStore({ bucket: s3.bucket, forcePathStyle: true, prefix: 'install-a/', client: s3.client });
    const other = new S3BlobStore({ bucket: s3.bucket, forcePathStyle: true, prefix: 'install-b', client: s3.client });
    const key = uniqueKey();
    await store.put(key, Buffer.from('a'));
    expect(await other.get(key)).toBeNull();
    const future = new Date(Date.now() + 60_000);
    expect(await collect(store.listOlderThan(future))).toContain(key);
    expect(await collect(other.listOlderThan(future))).not.toContain(key);
    // s3rver keeps objects as files named after bucket and full key.
    const files = await fs.readdir(path.join(s3.directory, s3.bucket, 'install-a', path.dirname(key)));
    expect(files.some((f) => f.startsWith(path.basename(key)))).toBe(true);
  });

  it('lists every key across pages (marker paging)', async () => {
    const store = new S3BlobStore({ bucket: s3.bucket, forcePathStyle: true, prefix: 'paging', listPageSize: 10, client: s3.client });
    const keys = Array.from({ length: 35 }, (_, i) => `thumbs/2026/05/${String(i).padStart(5, '0')}.jpg`);
    await Promise.all(keys.map((k) => store.put(k, Buffer.from(k))));
    const listed = await collect(store.listOlderThan(new Date(Date.now() + 60_000)));
    expect(listed.length).toBe(35);
    expect(new Set(listed)).toEqual(new Set(keys));
  });

  it('sends what every S3-compatible store accepts: Content-MD5, no ACL, no SDK checksum headers, no aws-chunked bodies', async () => {
    // These are the headers MinIO (older), Ceph RGW, OSS and COS refuse or mishandle; s3rver
    // would accept them, so the test looks at the requests themselves.
    const proxy = await recordingProxy(s3.endpoint);
    try {
      const store = new S3BlobStore({ bucket: s3.bucket, forcePathStyle: true, client: { ...s3.client, endpoint: proxy.endpoint } });
      const key = uniqueKey();
      const data = crypto.randomBytes(300_000);
      await store.put(key, data);
      expect((await store.get(key))!.equals(data)).toBe(true);
      await collect(store.listOlderThan(new Date()));
      await store.checkReady();
      await store.delete(key);
      store.close();
      expect(proxy.requests.map((r) => r.method)).toEqual(['PUT', 'GET', 'GET', 'HEAD', 'DELETE']);
      const put = proxy.requests[0]!;
      expect(put.headers['content-md5']).toBe(crypto.createHash('md5').update(data).digest('base64'));
      expect(put.headers['content-length']).toBe(String(data.length));
      for (const r of proxy.requests) {
        const names = Object.keys(r.headers);
        expect(names.filter((n) => n.startsWith('x-amz-checksum') || n === 'x-amz-sdk-checksum-algorithm' || n === 'x-amz-trailer' || n === 'x-amz-acl')).toEqual([]);
        expect(String(r.headers['content-encoding'] ?? '')).not.toContain('aws-chunked');
        expect(r.headers['x-amz-content-sha256'] ?? '').not.toMatch(/STREAMING/);
        expect(r.url.startsWith(`/${s3.bucket}`)).toBe(true); // path style, as S3_FORCE_PATH_STYLE=true asks
      }
    } finally {
      await proxy.close();
    }
  });

  it('refuses to start without a region, naming the variable to set', async () => {
    const saved = process.env.AWS_REGION;
    delete process.env.AWS_REGION;
    try {
      const store = new S3BlobStore({ bucket: s3.bucket, client: { ...s3.client, region: undefined } });
      await expect(store.checkConfiguration()).rejects.toThrow(/AWS_REGION/);
      await expect(new S3BlobStore({ bucket: s3.bucket, client: s3.client }).checkConfiguration()).resolves.toBeUndefined();
    } finally {
      if (saved !== undefined) process.env.AWS_REGION = saved;
    }
  });

  it('treats a refused key (403 InvalidAccessKeyId) as unavailable, not as a missing object', async () => {
    const store = new S3BlobStore({
      bucket: s3.bucket,
      forcePathStyle: true,
      client: { ...s3.client, credentials: { accessKeyId: 'WRONG', secretAccessKey: 'WRONG' } },
    });
    await expect(store.get(uniqueKey())).rejects.toBeInstanceOf(BlobStoreUnavailableError);
    await expect(store.checkReady()).rejects.toBeInstanceOf(BlobStoreUnavailableError);
  });

  it('treats a missing bucket (NoSuchBucket) as unavailable, not as a missing object', async () => {
    const store = new S3BlobStore({ bucket: 'no-such-bucket', forcePathStyle: true, client: s3.client });
    await expect(store.get(uniqueKey())).rejects.toBeInstanceOf(BlobStoreUnavailableError);
    await expect(store.put(uniqueKey(), Buffer.from('x'))).rejects.toBeInstanceOf(BlobStoreUnavailableError);
    await expect(store.checkReady()).rejects.toBeInstanceOf(BlobStoreUnavailableError);
  });

  it('gives up on a store that accepts connections but never answers', async () => {
    const hung = await silentServer();
    try {
      const store = new S3BlobStore({
        bucket: s3.bucket,
        forcePathStyle: true,
        attemptTimeoutMs: 300,
        deadlineMs: 2_000,
        maxAttempts: 1,
        client: { ...s3.client, endpoint: hung.endpoint },
      });
      await expect(store.put(uniqueKey(), Buffer.from('x'))).rejects.toBeInstanceOf(BlobStoreUnavailableError);
      await expect(store.get(uniqueKey())).rejects.toBeInstanceOf(BlobStoreUnavailableError);
    } finally {
      await hung.close();
    }
  });
});
