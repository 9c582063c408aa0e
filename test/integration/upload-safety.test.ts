import fs from 'node:fs/promises';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/start-server.js';
import { ApiClient } from '../support/api-client.js';
import { testDatabases } from '../support/databases.js';
import { makePhotoJpeg } from '../fixtures/make-image-corpus.js';
import { multipartBody, rawRequest } from '../support/raw-http.js';
import { canMountTinyVolumes, mountTinyVolume } from '../support/tiny-volume.js';
import { sweepOrphanBlobs } from '../../src/services/sweep-orphan-blobs.js';

const tinyVolumes = await canMountTinyVolumes();
if (!tinyVolumes) console.warn('upload-safety: cannot mount a tmpfs here (needs root with CAP_SYS_ADMIN); the full/read-only volume test is skipped');

async function filesUnder(dir: string, root = dir): Promise<string[]> {
  const out: string[] = [];
  for (const e of await fs.readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await filesUnder(full, root)));
    else out.push(path.relative(root, full));
  }
  return out.sort();
}

/** Uploads that go wrong half way (cut-off bodies, full or read-only volume, reused keys) leave nothing behind. */
describe.each(testDatabases())('upload safety on %s', (db) => {
  let server: TestServer;
  let photo: Buffer;
  let otherPhoto: Buffer;
  const log: string[] = [];
  let n = 0;
  const nextCandidate = () => `20269901${String(++n).padStart(5, '0')}`;

  async function activatedCandidate() {
    const c = new ApiClient(server.baseUrl);
    const no = nextCandidate();
    expect((await c.login(no)).status).toBe(200);
    expect((await c.request('POST', '/api/v1/candidate/activate', { json: { agree: true } })).status).toBe(200);
    const account = await server.deps.db.selectFrom('accounts').select('registration_id').where('username', '=', no).executeTakeFirstOrThrow();
    return { c, registrationId: account.registration_id! };
  }
  const imageRows = (registrationId: string) => server.deps.db.selectFrom('images').select(['id', 'blob_key']).where('registration_id', '=', registrationId).execute();
  const blobsDir = () => path.join(server.dataDir, 'blobs');

  beforeAll(async () => {
    const stream = new PassThrough();
    stream.on('data', (d: Buffer) => log.push(...d.toString().split('\n').filter(Boolean)));
    server = await startTestServer({ db, http: { logger: true, logStream: stream } });
    photo = await makePhotoJpeg({ width: 1200, height: 900, targetBytes: 100_000 });
    otherPhoto = await makePhotoJpeg({ width: 1000, height: 800, targetBytes: 60_000, seed: 7 });
  });
  afterAll(async () => server?.close());

  it('answers a multipart body cut off mid-file with 400 UPLOAD_INCOMPLETE and keeps nothing', async () => {
    const { c, registrationId } = await activatedCandidate();
    const { head, contentType } = multipartBody(photo);
    const cut = Buffer.concat([head, photo.subarray(0, 40_000)]);
    const headers = { cookie: c.cookie, 'x-csrf-token': c.csrfToken, 'content-type': contentType, 'accept-language': 'zh-CN' };
    const logBefore = log.length;
    // The body arrives whole at the HTTP level, but the form inside it stops mid-file.
    const answer = await rawRequest(server.baseUrl, { method: 'POST', path: '/api/v1/candidate/materials/other/images', headers, body: cut });
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(answer).toContain('"code":"UPLOAD_INCOMPLETE"');
    expect(answer).toContain('网络中断');
    // The connection drops mid-file: no one to answer, and nothing to report as a fault.
    const full = multipartBody(photo);
    await rawRequest(server.baseUrl, {
      method: 'POST', path: '/api/v1/candidate/materials/other/images', headers: { ...headers, 'content-type': full.contentType },
      body: full.body.subarray(0, 50_000), contentLength: full.body.length, cutAfterMs: 200,
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(await imageRows(registrationId)).toEqual([]);
    const errors = log.slice(logBefore).filter((l) => /"level":50|unhandled error/.test(l));
    expect(errors).toEqual([]);
    expect((await c.upload('other', photo)).status).toBe(201);
  });

  it('answers the same Idempotency-Key with another file or category by 422 IDEMPOTENCY_KEY_REUSED, before decoding', async () => {
    const { c, registrationId } = await activatedCandidate();
    const key = { 'Idempotency-Key': 'upload-7f3a' };
    const first = await c.upload('other', photo, 'a.jpg', key);
    expect(first.status).toBe(201);
    const again = await c.upload('other', photo, 'a.jpg', key);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.id).toBe(first.body.id);
    const anotherFile = await c.upload('other', otherPhoto, 'a.jpg', key);
    expect(anotherFile.status).toBe(422);
    expect(anotherFile.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(anotherFile.body.error.message).toMatch(/上传请求编号已用于另一张图片/);
    const anotherCategory = await c.upload('id_card', photo, 'a.jpg', key);
    expect(anotherCategory.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    // Not even decoded: bytes that are no image at all get the key answer, not 415.
    const junk = await c.upload('other', Buffer.from('definitely not an image'), 'a.jpg', key);
    expect(junk.status).toBe(422);
    expect(junk.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect((await imageRows(registrationId)).map((r) => r.id)).toEqual([first.body.id]);
    // Keys belong to one account: another candidate may use the same one.
    const other = await activatedCandidate();
    expect((await other.c.upload('other', otherPhoto, 'b.jpg', key)).status).toBe(201);
  });

  it('serves images under a generated file name, never the uploaded one', async () => {
    const { c } = await activatedCandidate();
    const up = await c.upload('other', photo, '../../张三 身份证";evil.jpg');
    expect(up.status).toBe(201);
    const id = up.body.id;
    const full = await c.request('GET', up.body.url);
    expect(full.headers.get('content-disposition')).toBe(`inline; filename="other-${id}.jpg"; filename*=UTF-8''%E5%85%B6%E4%BB%96-${id}.jpg`);
    const thumb = await c.request('GET', up.body.thumbnailUrl);
    expect(thumb.headers.get('content-disposition')).toBe(`inline; filename="other-${id}-thumb.jpg"; filename*=UTF-8''%E5%85%B6%E4%BB%96-${id}-thumb.jpg`);
  });

  it('sweeps partial writes older than the sweep threshold and leaves fresh ones', async () => {
    const tmp = path.join(blobsDir(), '.tmp');
    await fs.mkdir(tmp, { recursive: true });
    const old = path.join(tmp, '00000000-0000-4000-8000-000000000001.part');
    const fresh = path.join(tmp, '00000000-0000-4000-8000-000000000002.part');
    await fs.writeFile(old, 'cut off by a crash');
    await fs.writeFile(fresh, 'still being written');
    const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60_000);
    await fs.utimes(old, twoHoursAgo, twoHoursAgo);
    await sweepOrphanBlobs(server.deps);
    expect(await fs.readdir(tmp)).toEqual([path.basename(fresh)]);
    await fs.rm(fresh);
  });

  it.skipIf(!tinyVolumes)('answers a full volume with 507 STORAGE_FULL and a read-only one with 503 STORAGE_UNAVAILABLE, keeping nothing', async () => {
    const { c, registrationId } = await activatedCandidate();
    const volume = await mountTinyVolume(blobsDir(), 1024);
    try {
      expect((await c.upload('other', photo)).status).toBe(201);
      const before = await filesUnder(blobsDir());
      // Leave less room than one watermarked image needs.
      await fs.writeFile(path.join(blobsDir(), 'filler'), Buffer.alloc(Math.max(0, (await volume.freeBytes()) - 20_000)));
      const full = await c.upload('other', otherPhoto);
      expect(full.status).toBe(507);
      expect(full.body.error.code).toBe('STORAGE_FULL');
      expect(full.body.error.message).toMatch(/存储空间不足/);
      expect(Number(full.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await filesUnder(blobsDir())).toEqual([...before, 'filler'].sort());
      await fs.rm(path.join(blobsDir(), 'filler'));

      await volume.readOnly(true);
      const readOnly = await c.upload('other', otherPhoto);
      expect(readOnly.status).toBe(503);
      expect(readOnly.body.error.code).toBe('STORAGE_UNAVAILABLE');
      expect(Number(readOnly.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await imageRows(registrationId)).length).toBe(1);
      expect(await server.deps.db.selectFrom('pending_blobs').selectAll().execute()).toEqual([]);

      await volume.readOnly(false);
      expect((await c.upload('other', otherPhoto)).status).toBe(201);
      expect(await fs.readdir(path.join(blobsDir(), '.tmp'))).toEqual([]);
    } finally {
      await volume.unmount();
    }
  });
});
