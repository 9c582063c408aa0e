import fs from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/start-server.js';
import { ApiClient } from '../support/api-client.js';
import { testDatabases } from '../support/databases.js';
import { addStaff, candidateWithMaterials, staff, verdicts } from '../support/review-fixtures.js';
import { makePhotoJpeg } from '../fixtures/make-image-corpus.js';
import { demoIdNumber } from '../../src/services/load-demo-data.js';
import { toDbTime } from '../../src/adapters/db/time.js';

const base = (no: string) => `/api/v1/review/registrations/${no}`;

async function waitFor<T>(fn: () => Promise<T | undefined>, what: string): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const v = await fn();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`waited in vain for ${what}`);
}

describe.each(testDatabases())('two-level review over HTTP on %s', (db) => {
  let server: TestServer;
  let photo: Buffer;

  beforeAll(async () => {
    server = await startTestServer({ db });
    photo = await makePhotoJpeg({ width: 1200, height: 900, targetBytes: 120_000 });
  });
  afterAll(async () => server?.close());

  it('answers 404 on every review route to reviewers of another site or region, and logs the attempt', async () => {
    await candidateWithMaterials(server, '2026990100001', photo);
    const otherSite = await staff(server, 'site9902');
    const otherRegion = await addStaff(server, { username: 'region98', role: 'region_reviewer', regionCode: '98' });
    const candidate = new ApiClient(server.baseUrl);
    await candidate.login('2026990100002');
    for (const c of [otherSite, otherRegion, candidate]) {
      expect((await c.request('GET', base('2026990100001'))).status).toBe(404);
      expect((await c.request('POST', `${base('2026990100001')}/claim`)).status).toBe(404);
      expect((await c.request('POST', `${base('2026990100001')}/decision`, { json: { outcome: 'pass', images: [] } })).status).toBe(404);
      expect((await c.request('POST', `${base('2026990100001')}/calls`, { json: { outcome: 'reached' } })).status).toBe(404);
    }
    const queue = (await otherSite.request('GET', '/api/v1/review/registrations?status=all&limit=200')).body.items;
    expect(queue.every((i: any) => i.site.code === '9902')).toBe(true);
    expect((await otherRegion.request('GET', '/api/v1/review/registrations?status=all')).body.items).toEqual([]);
    const denied = await server.deps.db.selectFrom('audit_events').select('action').where('action', '=', 'scope.denied').execute();
    expect(denied.length).toBeGreaterThanOrEqual(8);
  });

  it('lets exactly one of two reviewers claim at once, and hands over after the lease ends', async () => {
    await candidateWithMaterials(server, '2026990100003', photo);
    const a = await staff(server, 'site9901');
    const b = await addStaff(server, { username: 'site9901b', role: 'site_reviewer', regionCode: '99', siteCode: '9901' });
    const [ra, rb] = await Promise.all([a.request('POST', `${base('2026990100003')}/claim`), b.request('POST', `${base('2026990100003')}/claim`)]);
    expect([ra.status, rb.status].sort()).toEqual([200, 409]);
    const [winner, loser] = ra.status === 200 ? [a, b] : [b, a];
    const lost = ra.status === 200 ? rb : ra;
    expect(lost.body.error.code).toBe('CLAIMED_BY_OTHER');
    const file = (await winner.request('GET', base('2026990100003'))).body;
    expect(file.claim.byMe).toBe(true);
    server.clock.advance(16 * 60_000);
    try {
      expect((await loser.request('POST', `${base('2026990100003')}/claim`)).status).toBe(200);
      const late = await winner.request('POST', `${base('2026990100003')}/decision`, { json: { outcome: 'pass', images: verdicts(file) } });
      expect(late.status).toBe(409);
      expect(late.body.error.code).toBe('NOT_CLAIMED');
      await loser.request('POST', `${base('2026990100003')}/release`);
    } finally {
      server.clock.advance(-16 * 60_000);
    }
  });

  it('takes a candidate through return, fix, site pass and region pass, telling them each time', async () => {
    const candidate = await candidateWithMaterials(server, '2026990100004', photo);
    const site = await staff(server, 'site9901');
    const region = await staff(server, 'region99');
    const no = '2026990100004';

    const queue = (await site.request('GET', `/api/v1/review/registrations?q=${no}`)).body.items;
    expect(queue).toHaveLength(1);
    expect(queue[0]).toMatchObject({ registrationNo: no, materialsComplete: true, status: 'draft', claimed: false });
    expect(queue[0].idNumberMasked).toMatch(/\*{10}/);

    expect((await site.request('POST', `${base(no)}/claim`)).status).toBe(200);
    let file = (await site.request('GET', base(no))).body;
    expect(file.allowedActions).toMatchObject({ claim: true, pass: true, return: true, reject: true });
    // While claimed, the candidate's materials are locked.
    expect((await candidate.request('GET', '/api/v1/candidate/materials')).body.underReview).toBe(true);
    expect((await candidate.upload('other', photo)).status).toBe(423);

    const images = file.materials.categories.flatMap((c: any) => c.images);
    const bad = images.find((i: any) => i.categoryCode === 'graduation_cert');
    const invalid = await site.request('POST', `${base(no)}/decision`, { json: { outcome: 'return', images: verdicts(file, [bad.id]) } });
    expect(invalid.status).toBe(422);
    expect(invalid.body.error.code).toBe('DECISION_INVALID');
    const stale = await site.request('POST', `${base(no)}/decision`, { json: { outcome: 'pass', images: verdicts(file).slice(1) } });
    expect(stale.body.error.code).toBe('STALE_IMAGES');
    const returned = await site.request('POST', `${base(no)}/decision`, { json: { outcome: 'return', comment: '毕业证书照片模糊，请重新拍摄。', images: verdicts(file, [bad.id], '图片不清晰') } });
    expect(returned.status).toBe(200);
    expect(returned.body).toMatchObject({ status: 'returned', statusLabel: '退回修改' });

    // The candidate sees the comment at the top, the image to replace unlocked, the rest locked with ✓.
    let m = (await candidate.request('GET', '/api/v1/candidate/materials')).body;
    expect(m.reviewComments[0]).toMatchObject({ level: 'site', comment: '毕业证书照片模糊，请重新拍摄。' });
    const mine = m.categories.flatMap((c: any) => c.images);
    expect(mine.find((i: any) => i.id === bad.id)).toMatchObject({ state: 'replace_requested', locked: false, reason: '图片不清晰' });
    expect(mine.filter((i: any) => i.id !== bad.id).every((i: any) => i.state === 'approved' && i.locked)).toBe(true);
    const inbox = (await candidate.request('GET', '/api/v1/candidate/messages')).body;
    expect(inbox.unread).toBe(1);
    expect(inbox.items[0].body).toMatch(/审核意见/);
    const sms = await waitFor(async () => {
      const log = await fs.readFile(path.join(server.dataDir, 'sms.log'), 'utf8').catch(() => '');
      return log.split('\n').filter(Boolean).map((l) => JSON.parse(l)).find((l) => /退回修改/.test(l.text));
    }, 'the SMS');
    expect(sms.to).toMatch(/^1[3-9]\d{9}$/);

    // Not changed yet: not in the site queue. Replace the image: back in the queue, marked changed.
    expect((await site.request('GET', `/api/v1/review/registrations?q=${no}`)).body.items).toHaveLength(0);
    expect((await candidate.request('DELETE', `/api/v1/candidate/materials/images/${bad.id}`)).status).toBe(204);
    expect((await candidate.upload('graduation_cert', photo)).status).toBe(201);
    const again = (await site.request('GET', `/api/v1/review/registrations?q=${no}`)).body.items;
    expect(again[0]).toMatchObject({ status: 'returned', changedSinceReturn: true });

    await site.request('POST', `${base(no)}/claim`);
    file = (await site.request('GET', base(no))).body;
    expect((await site.request('POST', `${base(no)}/decision`, { json: { outcome: 'pass', images: verdicts(file) } })).body.status).toBe('site_approved');
    expect((await candidate.upload('other', photo)).status).toBe(423);

    // A site reviewer cannot take it now; the region can.
    expect((await site.request('POST', `${base(no)}/claim`)).body.error.code).toBe('NOT_REVIEWABLE');
    expect((await region.request('GET', '/api/v1/review/registrations')).body.items.map((i: any) => i.registrationNo)).toContain(no);
    await region.request('POST', `${base(no)}/claim`);
    file = (await region.request('GET', base(no))).body;
    const done = await region.request('POST', `${base(no)}/decision`, { json: { outcome: 'pass', images: verdicts(file) } });
    expect(done.body).toMatchObject({ status: 'approved', statusLabel: '审核通过' });

    expect((await candidate.request('GET', '/api/v1/candidate/registration')).body.statusLabel).toBe('审核通过');
    m = (await candidate.request('GET', '/api/v1/candidate/materials')).body;
    expect(m.reviewComments).toEqual([]);
    expect(m.categories.flatMap((c: any) => c.images).every((i: any) => i.locked)).toBe(true);
    expect((await candidate.request('GET', '/api/v1/candidate/messages')).body.items[0].title).toBe('审核通过');

    // The history has every step, with image versions.
    expect((await region.request('GET', file.materials.categories[0].images[0].url)).status).toBe(200);
    const history = (await region.request('GET', base(no))).body.history;
    const actions = history.map((h: any) => h.action);
    for (const a of ['image.uploaded', 'image.deleted', 'review.claimed', 'review.image_verdict', 'review.decided', 'image.viewed', 'registration.viewed']) {
      expect(actions).toContain(a);
    }
    expect(history.find((h: any) => h.action === 'review.image_verdict').details.sha256).toMatch(/^[0-9a-f]{64}$/);

    // An administrator reopens the final decision, with a reason.
    const admin = await staff(server, 'admin');
    expect((await admin.request('POST', `${base(no)}/reopen`, { json: { reason: '' } })).status).toBe(422);
    const reopened = await admin.request('POST', `${base(no)}/reopen`, { json: { reason: '考生申诉，复核学历材料' } });
    expect(reopened.body.status).toBe('site_approved');
    const reopenedRow = (await region.request('GET', base(no))).body.history.find((h: any) => h.action === 'review.reopened');
    expect(reopenedRow.details).toMatchObject({ from: 'approved', to: 'site_approved', reason: '考生申诉，复核学历材料' });
    expect((await region.request('GET', '/api/v1/review/registrations')).body.items.map((i: any) => i.registrationNo)).toContain(no);
  });

  it('rejects with a comment, and records phone calls in the history', async () => {
    await candidateWithMaterials(server, '2026990100005', photo);
    const site = await staff(server, 'site9901');
    const no = '2026990100005';
    await site.request('POST', `${base(no)}/claim`);
    const file = (await site.request('GET', base(no))).body;
    expect((await site.request('POST', `${base(no)}/decision`, { json: { outcome: 'reject', images: verdicts(file) } })).body.error.code).toBe('DECISION_INVALID');
    expect((await site.request('POST', `${base(no)}/decision`, { json: { outcome: 'reject', comment: '不符合报考条件', images: verdicts(file) } })).body.status).toBe('rejected');
    expect((await site.request('POST', `${base(no)}/calls`, { json: { outcome: 'reached', note: '已电话告知考生' } })).status).toBe(204);
    const history = (await site.request('GET', base(no))).body.history;
    expect(history.some((h: any) => h.action === 'review.phone_call' && h.details.note === '已电话告知考生')).toBe(true);
  });

  it('takes no claims outside the region\'s review window', async () => {
    await candidateWithMaterials(server, '2026990100006', photo);
    const site = await staff(server, 'site9901');
    const db = server.deps.db;
    const before = await db.selectFrom('regions').select('review_closes_at').where('code', '=', '99').executeTakeFirstOrThrow();
    await db.updateTable('regions').set({ review_closes_at: toDbTime(new Date(server.clock.now().getTime() - 60_000)) }).where('code', '=', '99').execute();
    try {
      const r = await site.request('POST', `${base('2026990100006')}/claim`);
      expect(r.status).toBe(409);
      expect(r.body.error.code).toBe('REVIEW_CLOSED');
      expect(r.body.error.message).toMatch(/截止/);
    } finally {
      await db.updateTable('regions').set({ review_closes_at: before.review_closes_at }).where('code', '=', '99').execute();
    }
    expect((await site.request('POST', `${base('2026990100006')}/claim`)).status).toBe(200);
    await site.request('POST', `${base('2026990100006')}/release`);
  });

  it('filters and pages the queue, finds people by full ID number, counts and exports', async () => {
    const site = await staff(server, 'site9902');
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const r: any = (await site.request('GET', `/api/v1/review/registrations?status=all&limit=3${cursor ? `&cursor=${cursor}` : ''}`)).body;
      seen.push(...r.items.map((i: any) => i.registrationNo));
      cursor = r.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(10);
    expect(new Set(seen).size).toBe(10);
    // Demo candidate n=11 is 2026990200001; search by the full number, not by a fragment.
    const byId = (await site.request('GET', `/api/v1/review/registrations?status=all&q=${demoIdNumber(11)}`)).body.items;
    expect(byId.map((i: any) => i.registrationNo)).toEqual(['2026990200001']);
    expect((await site.request('GET', `/api/v1/review/registrations?status=all&q=${demoIdNumber(11).slice(0, 10)}`)).body.items).toEqual([]);
    const name = byId.length ? (await site.request('GET', base('2026990200001'))).body.name : '';
    expect((await site.request('GET', `/api/v1/review/registrations?status=all&q=${encodeURIComponent(name)}`)).body.items.map((i: any) => i.registrationNo)).toContain('2026990200001');
    const incomplete = (await site.request('GET', '/api/v1/review/registrations?complete=false&limit=200')).body.items;
    expect(incomplete.every((i: any) => !i.materialsComplete)).toBe(true);

    const region = await staff(server, 'region99');
    const counts = (await region.request('GET', '/api/v1/review/counts')).body;
    expect(counts.all).toBe(20);
    expect(counts.approved + counts.rejected + counts.site_approved + counts.draft + counts.returned).toBe(20);
    const stats = (await region.request('GET', '/api/v1/review/statistics')).body;
    expect(stats.sites.map((s: any) => s.site.code)).toEqual(['9901', '9902']);
    expect(stats.sites[1].total).toBe(10);

    const xlsx = await region.request('GET', '/api/v1/review/export.xlsx');
    expect(xlsx.headers.get('content-type')).toMatch(/spreadsheetml/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(1).value).toBe('报名号');
    expect(ws.rowCount).toBe(21);
    // 状态时间 in the web's one date format (China time), not zh-CN's "2026/3/5 14:23".
    expect(ws.getRow(1).getCell(10).value).toBe('状态时间');
    expect(String(ws.getRow(2).getCell(10).value)).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    const texts = JSON.stringify(ws.getSheetValues());
    expect(texts).toContain('审核拒绝');
    expect(texts).not.toMatch(/\d{17}[\dX]/);
  });
});
