import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/start-server.js';
import { ApiClient } from '../support/api-client.js';
import { testDatabases } from '../support/databases.js';
import { addStaff, candidateWithMaterials, staff, verdicts } from '../support/review-fixtures.js';
import { makePhotoJpeg } from '../fixtures/make-image-corpus.js';

const base = (no: string) => `/api/v1/review/registrations/${no}`;
const liveImages = (file: any): any[] => file.materials.categories.flatMap((c: any) => c.images);

describe.each(testDatabases())('claim lifecycle and review drafts over HTTP on %s', (db) => {
  let server: TestServer;
  let photo: Buffer;
  let extra: Buffer;

  beforeAll(async () => {
    server = await startTestServer({ db });
    photo = await makePhotoJpeg({ width: 1200, height: 900, targetBytes: 120_000 });
    extra = await makePhotoJpeg({ width: 1000, height: 800, targetBytes: 90_000, seed: 7 });
  });
  afterAll(async () => server?.close());

  it('renews the lease on a second claim and releases it by header, by body token (sendBeacon) and refuses a forged release', async () => {

    const candidate = await candidateWithMaterials(server, '2026990100001', photo);
    const site = await staff(server, 'site9901');
    const first = await site.request('POST', `${base('2026990100001')}/claim`);
    expect(first.status).toBe(200);
    server.clock.advance(5 * 60_000);
    try {
      const renewed = await site.request('POST', `${base('2026990100001')}/claim`);
      expect(renewed.status).toBe(200);
      expect(new Date(renewed.body.leaseExpiresAt).getTime()).toBeGreaterThan(new Date(first.body.leaseExpiresAt).getTime());
      // A late release naming the lease before the renewal (a reloaded page's old copy) lets go of nothing.
      expect((await site.request('POST', `${base('2026990100001')}/release`, { json: { leaseExpiresAt: first.body.leaseExpiresAt } })).status).toBe(204);
      expect((await site.request('GET', base('2026990100001'))).body.claim.byMe).toBe(true);
      // A renewed lease still holds after the first one would have ended.
      server.clock.advance(12 * 60_000);
      expect((await candidate.upload('degree_cert', photo)).status).toBe(423);
    } finally {
      server.clock.advance(-17 * 60_000);
    }

    // The sendBeacon form: text/plain body carrying the token, no header.
    const beacon = (token: string, leaseExpiresAt?: string) =>
      fetch(`${server.baseUrl}${base('2026990100001')}/release`, {
        method: 'POST',
        headers: { cookie: site.cookie, 'content-type': 'text/plain;charset=UTF-8' },
        body: JSON.stringify({ csrfToken: token, leaseExpiresAt }),
      });
    expect((await beacon('forged-token-of-the-right-length-000000000000')).status).toBe(403);
    expect((await beacon('')).status).toBe(403);
    expect((await site.request('GET', base('2026990100001'))).body.claim.byMe).toBe(true);
    const current = (await site.request('GET', base('2026990100001'))).body.claim.expiresAt;
    expect((await beacon(site.csrfToken, current)).status).toBe(204);
    const after = (await site.request('GET', base('2026990100001'))).body;
    expect(after.claim).toBeNull();
    // Released: the candidate can change the images again.
    expect((await candidate.upload('degree_cert', photo)).status).toBe(201);

    // The keepalive-fetch form (header) works too; without any token it is refused.
    expect((await site.request('POST', `${base('2026990100001')}/claim`)).status).toBe(200);
    expect((await site.request('POST', `${base('2026990100001')}/release`, { csrf: false })).status).toBe(403);
    expect((await site.request('POST', `${base('2026990100001')}/release`)).status).toBe(204);
    expect((await candidate.upload('degree_cert', extra)).status).toBe(201);
    const actions = await server.deps.db.selectFrom('audit_events').select('action').where('action', 'in', ['review.renewed', 'review.released']).execute();
    expect(actions.filter((a) => a.action === 'review.renewed').length).toBeGreaterThanOrEqual(1);
    expect(actions.filter((a) => a.action === 'review.released').length).toBeGreaterThanOrEqual(2);
  });

  it('keeps per-image marks as a draft of the claim: across a reload and another device, cleared by the decision', async () => {
    const no = '2026990100002';
    await candidateWithMaterials(server, no, photo);
    const site = await staff(server, 'site9901');
    expect((await site.request('POST', `${base(no)}/claim`)).status).toBe(200);
    const file = (await site.request('GET', base(no))).body;
    expect(file.draft).toBeNull();
    const [a, b] = liveImages(file);
    const body = { verdicts: { [a.id]: { verdict: 'approve' }, [b.id]: { verdict: 'replace', preset: '图片不清晰', note: '印章看不清' } }, seen: [a.id, b.id] };
    const saved = await site.request('PUT', `${base(no)}/draft`, { json: body });
    expect(saved.status).toBe(200);

    // The page is closed (release) and opened again on another device: same account, new session.
    expect((await site.request('POST', `${base(no)}/release`)).status).toBe(204);
    const otherDevice = await staff(server, 'site9901');
    expect((await otherDevice.request('POST', `${base(no)}/claim`)).status).toBe(200);
    const reopened = (await otherDevice.request('GET', base(no))).body;
    expect(reopened.draft.verdicts[a.id]).toEqual({ verdict: 'approve', preset: null, note: '' });
    expect(reopened.draft.verdicts[b.id]).toEqual({ verdict: 'replace', preset: '图片不清晰', note: '印章看不清' });
    expect(reopened.draft.seen.sort()).toEqual([a.id, b.id].sort());

    // Naming an image that is not the candidate's: 409 STALE_IMAGES, nothing changes.
    const stale = await otherDevice.request('PUT', `${base(no)}/draft`, { json: { verdicts: { 'no-such-image': { verdict: 'approve' } } } });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('STALE_IMAGES');
    const bad = await otherDevice.request('PUT', `${base(no)}/draft`, { json: { verdicts: { [a.id]: { verdict: 'maybe' } } } });
    expect(bad.status).toBe(422);
    expect(Object.keys((await otherDevice.request('GET', base(no))).body.draft.verdicts)).toHaveLength(2);

    // The decision makes it history: the draft is gone.
    const decided = await otherDevice.request('POST', `${base(no)}/decision`, { json: { outcome: 'return', comment: '请重新上传', images: verdicts(reopened, [b.id]) } });
    expect(decided.status).toBe(200);
    const rows = await server.deps.db.selectFrom('review_drafts').selectAll().execute();
    expect(rows.filter((r) => r.registration_id === reopened.id)).toEqual([]);
    expect((await otherDevice.request('GET', base(no))).body.draft).toBeNull();
  });

  it('refuses a draft without the claim, and a takeover after the lease ended starts without the previous holder’s marks', async () => {
    const no = '2026990100003';
    await candidateWithMaterials(server, no, photo);
    const a = await staff(server, 'site9901');
    const b = await addStaff(server, { username: 'site9901draft', role: 'site_reviewer', regionCode: '99', siteCode: '9901' });
    expect((await a.request('POST', `${base(no)}/claim`)).status).toBe(200);
    const file = (await a.request('GET', base(no))).body;
    const [img] = liveImages(file);
    const notMine = await b.request('PUT', `${base(no)}/draft`, { json: { verdicts: { [img.id]: { verdict: 'approve' } } } });
    expect(notMine.status).toBe(409);
    expect(notMine.body.error.code).toBe('NOT_CLAIMED');
    expect((await a.request('PUT', `${base(no)}/draft`, { json: { verdicts: { [img.id]: { verdict: 'replace', preset: '方向不正', note: '' } } } })).status).toBe(200);

    server.clock.advance(16 * 60_000);
    try {
      expect((await b.request('POST', `${base(no)}/claim`)).status).toBe(200);
      expect((await b.request('GET', base(no))).body.draft).toBeNull();
      // And the first reviewer, back, finds nothing of theirs either.
      expect((await a.request('GET', base(no))).body.draft).toBeNull();
      const late = await a.request('PUT', `${base(no)}/draft`, { json: { verdicts: {} } });
      expect(late.body.error.code).toBe('NOT_CLAIMED');
    } finally {
      server.clock.advance(-16 * 60_000);
    }
    // Outside the caller's scope the route does not exist.
    const otherSite = await staff(server, 'site9902');
    expect((await otherSite.request('PUT', `${base(no)}/draft`, { json: { verdicts: {} } })).status).toBe(404);
  });

  it('gives the region reviewer the site verdicts and comment as 考点意见, and no verdicts of its own', async () => {
    const no = '2026990100004';
    await candidateWithMaterials(server, no, photo);
    const site = await staff(server, 'site9901');
    const region = await staff(server, 'region99');
    expect((await site.request('POST', `${base(no)}/claim`)).status).toBe(200);
    const file = (await site.request('GET', base(no))).body;
    expect(file.siteOpinion).toBeNull();
    const pass = await site.request('POST', `${base(no)}/decision`, { json: { outcome: 'pass', comment: '材料齐全清晰', images: verdicts(file) } });
    expect(pass.status).toBe(200);
    expect((await region.request('POST', `${base(no)}/claim`)).status).toBe(200);
    const seen = (await region.request('GET', base(no))).body;
    expect(seen.reviewLevel).toBe('region');
    expect(seen.draft).toBeNull();
    expect(seen.siteOpinion.outcome).toBe('pass');
    expect(seen.siteOpinion.comment).toBe('材料齐全清晰');
    expect(seen.siteOpinion.by).toBeTruthy();
    const ids = liveImages(seen).map((i) => i.id).sort();
    expect(Object.keys(seen.siteOpinion.images).sort()).toEqual(ids);
    expect(Object.values(seen.siteOpinion.images).every((v: any) => v.verdict === 'approve')).toBe(true);
    await region.request('POST', `${base(no)}/release`);
  });
});

describe.each(testDatabases())('revealing the full phone number on %s', (db) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ db });
  });
  afterAll(async () => server?.close());

  it('gives staff in scope the full number with an audit row, and 404 to anyone else', async () => {
    const no = '2026990100005';
    const site = await staff(server, 'site9901');
    const admin = await staff(server, 'admin');
    const file = (await site.request('GET', base(no))).body;
    expect(file.phoneMasked).toMatch(/\*{4}/);
    const r = await site.request('POST', `${base(no)}/phone`);
    expect(r.status).toBe(200);
    expect(r.body.phone).toMatch(/^1\d{10}$/);
    // The masked form is the same number.
    expect(file.phoneMasked.slice(0, 3)).toBe(r.body.phone.slice(0, 3));
    expect(file.phoneMasked.slice(-4)).toBe(r.body.phone.slice(-4));
    expect((await admin.request('POST', `${base(no)}/phone`)).body.phone).toBe(r.body.phone);
    // Still masked in the detail afterwards.
    expect((await site.request('GET', base(no))).body.phoneMasked).toBe(file.phoneMasked);

    const reg = await server.deps.db.selectFrom('registrations').select('id').where('registration_no', '=', no).executeTakeFirstOrThrow();
    const rows = await server.deps.db.selectFrom('audit_events').select(['action', 'actor_role']).where('registration_id', '=', reg.id).where('action', '=', 'phone.revealed').execute();
    expect(rows.map((x) => x.actor_role).sort()).toEqual(['admin', 'site_reviewer']);
    const history = (await site.request('GET', base(no))).body.history;
    expect(history.some((h: any) => h.action === 'phone.revealed' && h.actionLabel === '查看完整手机号')).toBe(true);

    const otherSite = await staff(server, 'site9902');
    const otherRegion = await addStaff(server, { username: 'region97', role: 'region_reviewer', regionCode: '97' });
    const candidate = new ApiClient(server.baseUrl);
    await candidate.login('2026990100006');
    for (const c of [otherSite, otherRegion, candidate]) {
      const denied = await c.request('POST', `${base(no)}/phone`);
      expect(denied.status).toBe(404);
      expect(JSON.stringify(denied.body)).not.toContain(r.body.phone);
    }
    // Without the CSRF header it is refused like any other state-changing call.
    expect((await site.request('POST', `${base(no)}/phone`, { csrf: false })).status).toBe(403);
    const after = await server.deps.db.selectFrom('audit_events').select('id').where('registration_id', '=', reg.id).where('action', '=', 'phone.revealed').execute();
    expect(after).toHaveLength(2);
  });
});
