import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/start-server.js';
import { ApiClient } from '../support/api-client.js';
import { testDatabases } from '../support/databases.js';
import { addStaff, staff } from '../support/review-fixtures.js';

describe.each(testDatabases())('region 公告 and the upload switch impact on %s', (db) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ db });
  });
  afterAll(async () => server?.close());

  it('tells how many candidates switching upload off would affect, within the caller’s scope', async () => {
    const admin = await staff(server, 'admin');
    await server.deps.db.updateTable('registrations').set({ status: 'approved' }).where('registration_no', '=', '2026990100001').execute();
    const r = await admin.request('GET', '/api/v1/admin/regions/99/upload-impact');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ regionCode: '99', candidates: 20, stillUploading: 19 });
    const other = await addStaff(server, { username: 'admin98', role: 'admin', regionCode: '98' });
    expect((await other.request('GET', '/api/v1/admin/regions/99/upload-impact')).status).toBe(404);
    const reviewer = await staff(server, 'region99');
    expect((await reviewer.request('GET', '/api/v1/admin/regions/99/upload-impact')).status).toBe(404);
  });

  it('publishes a region’s 公告 that its candidates read, https links only, audited', async () => {
    const admin = await staff(server, 'admin');
    const candidate = new ApiClient(server.baseUrl);
    await candidate.login('2026990100002');
    expect((await candidate.request('GET', '/api/v1/candidate/announcement')).body).toEqual({ announcement: null });

    for (const link of ['http://example.cn/notice', 'javascript:alert(1)', 'https://user:pw@example.cn/', 'not a url']) {
      const bad = await admin.request('PUT', '/api/v1/admin/regions/99/announcement', { json: { title: '通知', body: '内容', link } });
      expect(bad.status).toBe(422);
      expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    }
    expect((await admin.request('PUT', '/api/v1/admin/regions/99/announcement', { json: { title: '', body: '内容' } })).status).toBe(422);
    expect((await candidate.request('GET', '/api/v1/candidate/announcement')).body.announcement).toBeNull();

    const ok = await admin.request('PUT', '/api/v1/admin/regions/99/announcement', {
      json: { title: '现场审核安排', body: '请按考点通知的时间携带原件到现场确认。', link: 'https://example.cn/notice/2026' },
    });
    expect(ok.status).toBe(200);
    const seen = (await candidate.request('GET', '/api/v1/candidate/announcement')).body.announcement;
    expect(seen).toMatchObject({ title: '现场审核安排', body: '请按考点通知的时间携带原件到现场确认。', link: 'https://example.cn/notice/2026' });

    // Another region's candidate sees nothing of it; another region's administrator cannot touch it.
    const admin98 = await addStaff(server, { username: 'admin98b', role: 'admin', regionCode: '98' });
    expect((await admin98.request('PUT', '/api/v1/admin/regions/99/announcement', { json: { title: 'x', body: 'y' } })).status).toBe(404);
    expect((await admin98.request('DELETE', '/api/v1/admin/regions/99/announcement')).status).toBe(404);
    const audit = await server.deps.db.selectFrom('audit_events').select('action').where('action', 'like', 'admin.announcement%').execute();
    expect(audit.map((a) => a.action)).toEqual(['admin.announcement_published']);

    expect((await admin.request('DELETE', '/api/v1/admin/regions/99/announcement')).status).toBe(204);
    expect((await candidate.request('GET', '/api/v1/candidate/announcement')).body.announcement).toBeNull();
    // Staff have no candidate route.
    expect((await admin.request('GET', '/api/v1/candidate/announcement')).status).toBe(404);
  });

  it('publishes the new routes in the OpenAPI document', async () => {
    const doc = (await new ApiClient(server.baseUrl).request('GET', '/api/v1/openapi.json')).body;
    for (const p of [
      '/api/v1/review/registrations/{registrationNo}/draft',
      '/api/v1/review/registrations/{registrationNo}/release',
      '/api/v1/review/registrations/{registrationNo}/phone',
      '/api/v1/results/events',
      '/api/v1/admin/regions/{regionCode}/upload-impact',
      '/api/v1/admin/regions/{regionCode}/announcement',
      '/api/v1/candidate/announcement',
    ]) expect(doc.paths[p], p).toBeTruthy();
  });
});
