import fs from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/start-server.js';
import { ApiClient } from '../support/api-client.js';
import { testDatabases } from '../support/databases.js';
import { makePhotoJpeg } from '../fixtures/make-image-corpus.js';
import { toDbTime } from '../../src/adapters/db/time.js';

async function countFiles(dir: string): Promise<number> {
  let n = 0;
  for (const e of await fs.readdir(dir, { withFileTypes: true }).catch(() => [])) {
    if (e.name === '.tmp') continue;
    n += e.isDirectory() ? await countFiles(path.join(dir, e.name)) : 1;
  }
  return n;
}

describe.each(testDatabases())('candidate HTTP API on %s', (db) => {
  let server: TestServer;
  let photo: Buffer;
  let n = 0;
  // Each test takes its own demo candidate so tests do not see each other's images.
  const nextCandidate = () => `20269901${String(++n).padStart(5, '0')}`;

  async function activatedCandidate(no = nextCandidate()) {
    const c = new ApiClient(server.baseUrl);
    expect((await c.login(no)).status).toBe(200);
    expect((await c.request('POST', '/api/v1/candidate/activate', { json: { agree: true } })).status).toBe(200);
    return c;
  }
  const materials = async (c: ApiClient) => (await c.request('GET', '/api/v1/candidate/materials')).body;
  const imagesIn = async (c: ApiClient, code: string) => (await materials(c)).categories.find((x: any) => x.code === code).images;

  beforeAll(async () => {
    server = await startTestServer({ db });
    photo = await makePhotoJpeg({ width: 1600, height: 1200, targetBytes: 170_000 });
  });
  afterAll(async () => server?.close());

  it('refuses a wrong password and an unknown user with the same answer, in Chinese or English', async () => {
    const zh = new ApiClient(server.baseUrl);
    const wrong = await zh.login('2026990200009', 'nope-1234');
    const unknown = await zh.login('no-such-user', 'nope-1234');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.error.code).toBe('INVALID_CREDENTIALS');
    expect(unknown.body.error).toEqual(wrong.body.error);
    expect(wrong.body.error.message).toMatch(/密码错误/);
    const en = await new ApiClient(server.baseUrl, 'en').login('2026990200009', 'nope-1234');
    expect(en.body.error.message).toMatch(/Wrong user name or password/);
  });

  it('slows down repeated failures with 429 and lets other users in', async () => {
    const c = new ApiClient(server.baseUrl);
    const codes: number[] = [];
    for (let i = 0; i < 7; i++) codes.push((await c.login('2026990200010', `bad-${i}`)).status);
    expect(codes.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(codes.at(-1)).toBe(429);
    const blocked = await c.login('2026990200010');
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe('TOO_MANY_ATTEMPTS');
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await new ApiClient(server.baseUrl).login('2026990200008')).status).toBe(200);
  });

  it('logs in with a session cookie and a CSRF token that every write must carry', async () => {
    const c = new ApiClient(server.baseUrl);
    const r = await c.login('site9901');
    expect(r.body.user).toMatchObject({ username: 'site9901', role: 'site_reviewer', regionCode: '99', siteCode: '9901', mustChangePassword: false });
    expect(r.headers.get('set-cookie')).toMatch(/HttpOnly/i);
    expect((await c.request('GET', '/api/v1/auth/me')).body.user.username).toBe('site9901');
    const noCsrf = await c.request('POST', '/api/v1/auth/logout', { csrf: false });
    expect(noCsrf.status).toBe(403);
    expect(noCsrf.body.error.code).toBe('CSRF_FAILED');
    expect((await c.request('POST', '/api/v1/auth/logout')).status).toBe(204);
    expect((await c.request('GET', '/api/v1/auth/me')).status).toBe(401);
  });

  it('changes a password only with the current one and refuses a weak new one', async () => {
    const c = new ApiClient(server.baseUrl);
    await c.login('2026990200007');
    const wrong = await c.request('POST', '/api/v1/auth/password', { json: { currentPassword: 'x', newPassword: 'Better#2026x' } });
    expect(wrong.body.error.code).toBe('INVALID_CREDENTIALS');
    const weak = await c.request('POST', '/api/v1/auth/password', { json: { currentPassword: 'Demo#2026', newPassword: '123' } });
    expect(weak.status).toBe(422);
    expect(weak.body.error.code).toBe('WEAK_PASSWORD');
    expect((await c.request('POST', '/api/v1/auth/password', { json: { currentPassword: 'Demo#2026', newPassword: 'Better#2026x' } })).status).toBe(204);
    expect((await new ApiClient(server.baseUrl).login('2026990200007', 'Better#2026x')).status).toBe(200);
  });

  it('asks for activation first, then shows the registration masked and the material list', async () => {
    const c = new ApiClient(server.baseUrl);
    await c.login('2026990200006');
    const before = await c.request('GET', '/api/v1/candidate/materials');
    expect(before.status).toBe(403);
    expect(before.body.error.code).toBe('ACTIVATION_REQUIRED');
    expect((await c.request('GET', '/api/v1/candidate/messages')).body.error.code).toBe('ACTIVATION_REQUIRED');
    expect((await c.upload('other', photo)).body.error.code).toBe('ACTIVATION_REQUIRED');
    const reg = await c.request('GET', '/api/v1/candidate/registration');
    expect(reg.body).toMatchObject({ registrationNo: '2026990200006', activated: false, status: 'draft', statusLabel: '填报', uploadEnabled: true, site: { code: '9902', name: '示例市第二考点' }, region: { code: '99', name: '示例省' }, examCategory: { name: '临床执业医师' } });
    expect(reg.body.idNumberMasked).toMatch(/^\d{4}\*{10}[\dX]{4}$/);
    expect(reg.body.phoneMasked).toMatch(/^1\d{2}\*{4}\d{4}$/);
    const refused = await c.request('POST', '/api/v1/candidate/activate', { json: { agree: false } });
    expect(refused.status).toBe(422);
    expect((await c.request('POST', '/api/v1/candidate/activate', { json: { agree: true } })).body.activated).toBe(true);
    const m = (await c.request('GET', '/api/v1/candidate/materials')).body;
    const idCard = m.categories.find((x: any) => x.code === 'id_card');
    expect(idCard).toMatchObject({ name: '身份证明', required: true, minCount: 2, maxCount: 2, images: [] });
    expect(m.categories.map((x: any) => x.name)).toContain('其他');
    const example = await c.request('GET', idCard.exampleImageUrl);
    expect(example.status).toBe(200);
    expect(example.headers.get('content-type')).toBe('image/png');
  });

  it('stores an upload at once, watermarked, served only to its owner with safe headers', async () => {
    const c = await activatedCandidate();
    const r = await c.upload('graduation_cert', photo);
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ categoryCode: 'graduation_cert', state: 'pending', locked: false, width: 1600, height: 1200 });
    const img = await c.request('GET', r.body.url);
    expect(img.status).toBe(200);
    expect(img.headers.get('content-type')).toBe('image/jpeg');
    expect(img.headers.get('x-content-type-options')).toBe('nosniff');
    expect(img.headers.get('cache-control')).toMatch(/no-store/);
    const meta = await sharp(img.body).metadata();
    expect(meta.format).toBe('jpeg');
    expect(meta.exif).toBeUndefined();
    expect((await c.request('GET', r.body.thumbnailUrl)).status).toBe(200);
    expect((await imagesIn(c, 'graduation_cert')).map((i: any) => i.id)).toEqual([r.body.id]);
    const other = await activatedCandidate();
    expect((await other.request('GET', r.body.url)).status).toBe(404);
    expect((await new ApiClient(server.baseUrl).request('GET', r.body.url)).status).toBe(401);
    const otherSite = new ApiClient(server.baseUrl);
    await otherSite.login('site9902');
    expect((await otherSite.request('GET', r.body.url)).status).toBe(404);
    const ownSite = new ApiClient(server.baseUrl);
    await ownSite.login('site9901');
    expect((await ownSite.request('GET', r.body.url)).status).toBe(200);
    const views = await server.deps.db.selectFrom('audit_events').select('action').where('image_id', '=', r.body.id).execute();
    expect(views.map((v) => v.action).sort()).toEqual(['image.uploaded', 'image.viewed']);
  });

  it('refuses bad files with clear codes and leaves no row and no file behind', async () => {
    const c = await activatedCandidate();
    const filesBefore = await countFiles(path.join(server.dataDir, 'blobs'));
    const big = await makePhotoJpeg({ width: 2400, height: 1800, targetBytes: 400_000 });
    expect(big.length).toBeGreaterThan(204_800);
    const tooLarge = await c.upload('other', big);
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.error.code).toBe('FILE_TOO_LARGE');
    expect(tooLarge.body.error.message).toMatch(/200KB/);
    const gif = await sharp({ create: { width: 400, height: 400, channels: 3, background: '#888' } }).gif().toBuffer();
    const asPng = await c.upload('other', gif, 'photo.png');
    expect(asPng.status).toBe(415);
    expect(asPng.body.error.code).toBe('UNSUPPORTED_FORMAT');
    const truncated = await c.upload('other', photo.subarray(0, Math.floor(photo.length / 2)));
    expect(truncated.status).toBe(422);
    expect(truncated.body.error.code).toBe('INVALID_IMAGE');
    const text = await c.upload('other', Buffer.from('这不是图片'), 'a.jpg');
    expect(text.status).toBe(415);
    const unknown = await c.upload('no_such_category', photo);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('CATEGORY_NOT_FOUND');
    expect(await imagesIn(c, 'other')).toEqual([]);
    expect(await countFiles(path.join(server.dataDir, 'blobs'))).toBe(filesBefore);
  });

  it('stores exactly 2 of 6 concurrent uploads into 身份证明 and shows no room for a third', async () => {
    const c = await activatedCandidate();
    const results = await Promise.all(Array.from({ length: 6 }, () => c.upload('id_card', photo)));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 201, 409, 409, 409, 409]);
    expect(results.find((r) => r.status === 409)!.body.error.code).toBe('CATEGORY_FULL');
    expect(await imagesIn(c, 'id_card')).toHaveLength(2);
    const live = await server.deps.db.selectFrom('images').select('slot').where('category_code', '=', 'id_card').where('deleted_at', 'is', null)
      .where('registration_id', '=', (await server.deps.db.selectFrom('registrations').select('id').where('registration_no', '=', (await c.request('GET', '/api/v1/candidate/registration')).body.registrationNo).executeTakeFirstOrThrow()).id).execute();
    expect(live.map((l) => l.slot).sort()).toEqual([0, 1]);
  });

  it('answers a retried upload with the same Idempotency-Key with the first result and stores one image', async () => {
    const c = await activatedCandidate();
    const key = 'retry-key-0001';
    const [a, b] = await Promise.all([c.upload('other', photo, 'p.jpg', { 'idempotency-key': key }), c.upload('other', photo, 'p.jpg', { 'idempotency-key': key })]);
    const again = await c.upload('other', photo, 'p.jpg', { 'idempotency-key': key });
    expect([a.status, b.status, again.status]).toEqual([201, 201, 201]);
    expect(new Set([a.body.id, b.body.id, again.body.id]).size).toBe(1);
    expect(await imagesIn(c, 'other')).toHaveLength(1);
  });

  it('deletes an unlocked image so the slot can be filled again; another candidate cannot delete it', async () => {
    const c = await activatedCandidate();
    const first = await c.upload('id_card', photo);
    await c.upload('id_card', photo);
    expect((await c.upload('id_card', photo)).status).toBe(409);
    const other = await activatedCandidate();
    expect((await other.request('DELETE', `/api/v1/candidate/materials/images/${first.body.id}`)).status).toBe(404);
    expect((await c.request('DELETE', `/api/v1/candidate/materials/images/${first.body.id}`)).status).toBe(204);
    expect((await c.request('GET', first.body.url)).status).toBe(404);
    expect((await c.upload('id_card', photo)).status).toBe(201);
    expect(await imagesIn(c, 'id_card')).toHaveLength(2);
  });

  it('locks materials while a review claim holds, and approved images for good', async () => {
    const c = await activatedCandidate();
    const img = await c.upload('degree_cert', photo);
    const regNo = (await c.request('GET', '/api/v1/candidate/registration')).body.registrationNo;
    const db = server.deps.db;
    const reviewer = await db.selectFrom('accounts').select('id').where('username', '=', 'site9901').executeTakeFirstOrThrow();
    await db.updateTable('registrations').set({ claim_account_id: reviewer.id, claim_expires_at: toDbTime(new Date(server.clock.now().getTime() + 15 * 60_000)) }).where('registration_no', '=', regNo).execute();
    const m = await materials(c);
    expect(m.underReview).toBe(true);
    expect(m.categories.find((x: any) => x.code === 'degree_cert').images[0].locked).toBe(true);
    const up = await c.upload('other', photo);
    expect(up.status).toBe(423);
    expect(up.body.error.code).toBe('MATERIALS_LOCKED');
    const del = await c.request('DELETE', `/api/v1/candidate/materials/images/${img.body.id}`);
    expect(del.status).toBe(423);
    expect(del.body.error.code).toBe('IMAGE_LOCKED');
    // The lease ends: the candidate may change things again.
    server.clock.advance(16 * 60_000);
    try {
      expect((await c.upload('other', photo)).status).toBe(201);
      await db.updateTable('images').set({ state: 'approved' }).where('id', '=', img.body.id).execute();
      const approvedDel = await c.request('DELETE', `/api/v1/candidate/materials/images/${img.body.id}`);
      expect(approvedDel.status).toBe(423);
      expect((await imagesIn(c, 'degree_cert'))[0]).toMatchObject({ state: 'approved', locked: true });
    } finally {
      server.clock.advance(-16 * 60_000);
    }
  });

  it('closes uploads when the region switches them off or the window ends', async () => {
    const c = await activatedCandidate();
    const db = server.deps.db;
    await db.updateTable('regions').set({ upload_enabled: 0 }).where('code', '=', '99').execute();
    try {
      expect((await c.request('GET', '/api/v1/candidate/registration')).body.uploadEnabled).toBe(false);
      const r = await c.upload('other', photo);
      expect(r.status).toBe(403);
      expect(r.body.error.code).toBe('UPLOAD_DISABLED');
      await db.updateTable('regions').set({ upload_enabled: 1, upload_closes_at: toDbTime(new Date(server.clock.now().getTime() - 60_000)) }).where('code', '=', '99').execute();
      const late = await c.upload('other', photo);
      expect(late.status).toBe(403);
      expect(late.body.error.message).toMatch(/截止/);
    } finally {
      await db.updateTable('regions').set({ upload_enabled: 1, upload_closes_at: toDbTime(new Date(server.clock.now().getTime() + 86_400_000)) }).where('code', '=', '99').execute();
    }
  });

  it('keeps the audit trail append-only at the database', async () => {
    const db = server.deps.db;
    await expect(db.updateTable('audit_events').set({ action: 'forged' }).execute()).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom('audit_events').execute()).rejects.toThrow(/append-only/);
  });

  it('publishes its API as OpenAPI and answers unknown routes with 404 NOT_FOUND', async () => {
    const c = new ApiClient(server.baseUrl);
    const doc = (await c.request('GET', '/api/v1/openapi.json')).body;
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toContain('/api/v1/candidate/materials/{categoryCode}/images');
    const missing = await c.request('GET', '/api/v1/nothing-here');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('NOT_FOUND');
  });
});
