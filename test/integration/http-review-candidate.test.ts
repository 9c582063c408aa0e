import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/start-server.js';
import { ApiClient } from '../support/api-client.js';
import { testDatabases } from '../support/databases.js';
import { candidateWithMaterials, staff, verdicts } from '../support/review-fixtures.js';
import { makePhotoJpeg } from '../fixtures/make-image-corpus.js';
import { toDbTime } from '../../src/adapters/db/time.js';
import { IMPORT_HEADER, importFile, loggedIn, testIdNumber } from '../support/admin-fixtures.js';

const base = (no: string) => `/api/v1/review/registrations/${no}`;
const HOUR = 3600_000;

/**
 * Issue 12, the contract and the candidate's side: incomplete files are neither queued nor
 * claimable while the upload window is open (材料不齐 + 提醒), a return may ask for a document
 * (requestedCategories), materials.todo is the exact list of what is left, and after the
 * upload deadline a returned candidate can still make the fixes the return asked for.
 */
describe.each(testDatabases())('returned candidate path over HTTP on %s', (db) => {
  let server: TestServer;
  let photo: Buffer;

  beforeAll(async () => {
    server = await startTestServer({ db });
    photo = await makePhotoJpeg({ width: 1200, height: 900, targetBytes: 120_000 });
  });
  afterAll(async () => server?.close());

  const setRegion = (v: { upload_closes_at?: string | null; review_closes_at?: string | null }) =>
    server.deps.db.updateTable('regions').set(v).where('code', '=', '99').execute();

  async function activated(no: string) {
    const c = new ApiClient(server.baseUrl);
    await c.login(no);
    await c.request('POST', '/api/v1/candidate/activate', { json: { agree: true } });
    return c;
  }

  it('keeps an incomplete file out of the queue and unclaimable while upload is open; lists it under 材料不齐 with a once-a-day 提醒', async () => {
    const no = '2026990100001';
    const candidate = await activated(no);
    expect((await candidate.upload('id_card', photo)).status).toBe(201);
    const site = await staff(server, 'site9901');

    const pending = (await site.request('GET', '/api/v1/review/registrations?limit=200')).body.items.map((i: any) => i.registrationNo);
    expect(pending).not.toContain(no);
    const incomplete = (await site.request('GET', '/api/v1/review/registrations?status=incomplete&limit=200')).body.items;
    const row = incomplete.find((i: any) => i.registrationNo === no);
    expect(row).toMatchObject({ materialsComplete: false, remindedToday: false });
    const counts = (await site.request('GET', '/api/v1/review/counts')).body;
    expect(counts.incomplete).toBeGreaterThanOrEqual(1);

    const claim = await site.request('POST', `${base(no)}/claim`);
    expect(claim.status).toBe(409);
    expect(claim.body.error.code).toBe('MATERIALS_INCOMPLETE');
    expect(claim.body.error.message).toContain('毕业证书');
    // The refused claim left no lock: the candidate can keep uploading.
    expect((await candidate.upload('graduation_cert', photo)).status).toBe(201);

    const r1 = await site.request('POST', `${base(no)}/remind`);
    expect(r1.status).toBe(200);
    expect(r1.body.missing).toContain('学历电子注册备案表/学历认证报告');
    const r2 = await site.request('POST', `${base(no)}/remind`);
    expect(r2.status).toBe(409);
    expect(r2.body.error.code).toBe('REMINDED_TODAY');
    const id = (await server.deps.db.selectFrom('registrations').select('id').where('registration_no', '=', no).executeTakeFirstOrThrow()).id;
    const messages = await server.deps.db.selectFrom('messages').select('title').where('registration_id', '=', id).execute();
    expect(messages.filter((m) => m.title === '请补齐报名材料')).toHaveLength(1);
    const sms = await server.deps.db.selectFrom('jobs').select('payload').where('kind', '=', 'sms').execute();
    expect(sms.filter((j) => j.payload.includes(id) && j.payload.includes('尚未上传齐全'))).toHaveLength(1);
    const audits = await server.deps.db.selectFrom('audit_events').select('action').where('registration_id', '=', id).where('action', '=', 'review.reminded').execute();
    expect(audits).toHaveLength(1);
    expect((await site.request('GET', '/api/v1/review/registrations?status=incomplete&limit=200')).body.items.find((i: any) => i.registrationNo === no).remindedToday).toBe(true);

    // After the upload deadline the incomplete file can be claimed, to return (or reject) it.
    await setRegion({ upload_closes_at: toDbTime(new Date(server.clock.now().getTime() - HOUR)) });
    try {
      expect((await site.request('GET', '/api/v1/review/registrations?limit=200')).body.items.map((i: any) => i.registrationNo)).toContain(no);
      expect((await site.request('POST', `${base(no)}/claim`)).status).toBe(200);
      const file = (await site.request('GET', base(no))).body;
      const ret = await site.request('POST', `${base(no)}/decision`, { json: { outcome: 'return', comment: '材料不齐，请补传', images: verdicts(file) } });
      expect(ret.status).toBe(200);
      expect(ret.body.status).toBe('returned');
    } finally {
      await setRegion({ upload_closes_at: null });
    }
  });

  it('sends a complete, all-approved file back asking for a document; the request ends when the candidate uploads into it', async () => {
    const no = '2026990100002';
    const candidate = await candidateWithMaterials(server, no, photo);
    const site = await staff(server, 'site9901');
    expect((await site.request('POST', `${base(no)}/claim`)).status).toBe(200);
    const file = (await site.request('GET', base(no))).body;
    const decide = (json: unknown) => site.request('POST', `${base(no)}/decision`, { json });

    const onPass = await decide({ outcome: 'pass', images: verdicts(file), requestedCategories: [{ categoryCode: 'other', reason: '请补充姓名变更证明' }] });
    expect(onPass.status).toBe(422);
    expect(onPass.body.error.details.problem).toBe('requested_only_on_return');
    const unknown = await decide({ outcome: 'return', comment: '请补充', images: verdicts(file), requestedCategories: [{ categoryCode: 'no_such', reason: 'x' }] });
    expect(unknown.body.error.details.problem).toBe('requested_unknown_category');
    const noReason = await decide({ outcome: 'return', comment: '请补充', images: verdicts(file), requestedCategories: [{ categoryCode: 'other', reason: ' ' }] });
    expect(noReason.body.error.details.problem).toBe('requested_reason_missing');
    const full = await decide({ outcome: 'return', comment: '请补充', images: verdicts(file), requestedCategories: [{ categoryCode: 'id_card', reason: '请补传' }] });
    expect(full.body.error.details.problem).toBe('requested_category_full');
    const nothing = await decide({ outcome: 'return', comment: '请补充', images: verdicts(file) });
    expect(nothing.body.error.details.problem).toBe('return_nothing_to_fix');
    const en = new ApiClient(server.baseUrl, 'en');
    await en.login('site9901');
    expect((await en.request('POST', `${base(no)}/decision`, { json: { outcome: 'pass', images: verdicts(file), requestedCategories: [{ categoryCode: 'other', reason: 'x' }] } })).body.error.message).toMatch(/Only a return/);

    const ok = await decide({ outcome: 'return', comment: '请补充姓名变更证明', images: verdicts(file), requestedCategories: [{ categoryCode: 'other', reason: '请补充姓名变更证明' }] });
    expect(ok.status).toBe(200);
    expect(ok.body.status).toBe('returned');

    let mat = (await candidate.request('GET', '/api/v1/candidate/materials')).body;
    expect(mat.todo).toEqual([{ kind: 'requested', categoryCode: 'other', reason: '请补充姓名变更证明' }]);
    expect(mat.requestedCategories).toMatchObject([{ categoryCode: 'other', reason: '请补充姓名变更证明', level: 'site' }]);
    const inbox = (await candidate.request('GET', '/api/v1/candidate/messages')).body;
    expect(JSON.stringify(inbox)).toContain('需补充的材料：其他（请补充姓名变更证明）');
    expect((await site.request('GET', '/api/v1/review/registrations?limit=200')).body.items.map((i: any) => i.registrationNo)).not.toContain(no);

    expect((await candidate.upload('other', photo)).status).toBe(201);
    mat = (await candidate.request('GET', '/api/v1/candidate/materials')).body;
    expect(mat.todo).toEqual([]);
    const back = (await site.request('GET', '/api/v1/review/registrations?limit=200')).body.items.find((i: any) => i.registrationNo === no);
    expect(back).toMatchObject({ status: 'returned', changedSinceReturn: true, materialsComplete: true });
  });

  it('lists exactly what is left in page order and re-queues the file only when the last item is done', async () => {
    const no = '2026990100003';
    const candidate = await candidateWithMaterials(server, no, photo);
    const site = await staff(server, 'site9901');
    expect((await site.request('POST', `${base(no)}/claim`)).status).toBe(200);
    const file = (await site.request('GET', base(no))).body;
    const ids = file.materials.categories.find((c: any) => c.code === 'id_card').images.map((i: any) => i.id);
    const edu = file.materials.categories.find((c: any) => c.code === 'education_record').images[0].id;
    const ret = await site.request('POST', `${base(no)}/decision`, { json: { outcome: 'return', comment: '请重拍', images: verdicts(file, [edu, ids[1]], '图片不清晰') } });
    expect(ret.status).toBe(200);

    let mat = (await candidate.request('GET', '/api/v1/candidate/materials')).body;
    expect(mat.todo).toEqual([
      { kind: 'replace', categoryCode: 'id_card', imageId: ids[1], reason: '图片不清晰' },
      { kind: 'replace', categoryCode: 'education_record', imageId: edu, reason: '图片不清晰' },
    ]);
    // Deleting a flagged image leaves the category short: the to-do never goes empty on its way.
    expect((await candidate.request('DELETE', `/api/v1/candidate/materials/images/${ids[1]}`)).status).toBe(204);
    mat = (await candidate.request('GET', '/api/v1/candidate/materials')).body;
    expect(mat.todo).toEqual([
      { kind: 'missing', categoryCode: 'id_card' },
      { kind: 'replace', categoryCode: 'education_record', imageId: edu, reason: '图片不清晰' },
    ]);
    expect((await candidate.upload('id_card', photo)).status).toBe(201);
    expect((await site.request('GET', '/api/v1/review/registrations?limit=200')).body.items.map((i: any) => i.registrationNo)).not.toContain(no);
    expect((await candidate.request('DELETE', `/api/v1/candidate/materials/images/${edu}`)).status).toBe(204);
    expect((await candidate.upload('education_record', photo)).status).toBe(201);
    mat = (await candidate.request('GET', '/api/v1/candidate/materials')).body;
    expect(mat.todo).toEqual([]);
    expect((await site.request('GET', '/api/v1/review/registrations?limit=200')).body.items.find((i: any) => i.registrationNo === no)).toMatchObject({ changedSinceReturn: true });
  });

  it('lets a returned candidate replace flagged images after the upload deadline, until review closes, and nothing else', async () => {
    const no = '2026990100004';
    const candidate = await candidateWithMaterials(server, no, photo);
    const draft = await activated('2026990100005');
    const site = await staff(server, 'site9901');
    expect((await site.request('POST', `${base(no)}/claim`)).status).toBe(200);
    const file = (await site.request('GET', base(no))).body;
    const flagged = file.materials.categories.find((c: any) => c.code === 'graduation_cert').images[0].id;
    const ret = await site.request('POST', `${base(no)}/decision`, {
      json: { outcome: 'return', comment: '请重拍毕业证书并补充学位证书', images: verdicts(file, [flagged], '图片不清晰'), requestedCategories: [{ categoryCode: 'degree_cert', reason: '请上传学位证书' }] },
    });
    expect(ret.status).toBe(200);

    const now = server.clock.now().getTime();
    await setRegion({ upload_closes_at: toDbTime(new Date(now - HOUR)) });
    try {
      const reg = (await candidate.request('GET', '/api/v1/candidate/registration')).body;
      expect(reg).toMatchObject({ uploadEnabled: false, uploadWindowState: 'closed', lateFixesOpen: true });
      let mat = (await candidate.request('GET', '/api/v1/candidate/materials')).body;
      const flaggedView = mat.categories.find((c: any) => c.code === 'graduation_cert').images[0];
      expect(flaggedView).toMatchObject({ state: 'replace_requested', locked: false, deletable: true });

      const other = await candidate.upload('other', photo);
      expect(other.status).toBe(403);
      expect(other.body.error.code).toBe('UPLOAD_DISABLED');
      expect(other.body.error.message).toContain('只能更换');
      const approvedId = mat.categories.find((c: any) => c.code === 'id_card').images[0].id;
      expect((await candidate.request('DELETE', `/api/v1/candidate/materials/images/${approvedId}`)).status).toBe(423);
      const draftUpload = await draft.upload('id_card', photo);
      expect(draftUpload.status).toBe(403);
      expect(draftUpload.body.error.code).toBe('UPLOAD_DISABLED');
      expect(draftUpload.body.error.message).toContain('截止');

      expect((await candidate.request('DELETE', `/api/v1/candidate/materials/images/${flagged}`)).status).toBe(204);
      expect((await candidate.upload('graduation_cert', photo)).status).toBe(201);
      // One new image per flagged image: a second one is not a fix.
      expect((await candidate.upload('graduation_cert', photo)).status).toBe(403);
      mat = (await candidate.request('GET', '/api/v1/candidate/materials')).body;
      expect(mat.todo).toEqual([{ kind: 'requested', categoryCode: 'degree_cert', reason: '请上传学位证书' }]);

      // Once review has closed too, nothing more.
      await setRegion({ review_closes_at: toDbTime(new Date(now - 60_000)) });
      const late = await candidate.upload('degree_cert', photo);
      expect(late.status).toBe(403);
      expect((await candidate.request('GET', '/api/v1/candidate/registration')).body.lateFixesOpen).toBe(false);
      await setRegion({ review_closes_at: null });

      expect((await candidate.upload('degree_cert', photo)).status).toBe(201);
      mat = (await candidate.request('GET', '/api/v1/candidate/materials')).body;
      expect(mat.todo).toEqual([]);
      expect((await site.request('GET', '/api/v1/review/registrations?limit=200')).body.items.find((i: any) => i.registrationNo === no)).toMatchObject({ changedSinceReturn: true });
    } finally {
      await setRegion({ upload_closes_at: null, review_closes_at: null });
    }
  });

  it('says when the file is being reviewed and until when', async () => {
    const no = '2026990100006';
    const candidate = await candidateWithMaterials(server, no, photo);
    const site = await staff(server, 'site9901');
    const claim = await site.request('POST', `${base(no)}/claim`);
    expect(claim.status).toBe(200);
    const mat = (await candidate.request('GET', '/api/v1/candidate/materials')).body;
    expect(mat).toMatchObject({ underReview: true, claimedUntil: claim.body.leaseExpiresAt });
    const refused = await candidate.upload('other', photo);
    expect(refused.status).toBe(423);
    await site.request('POST', `${base(no)}/release`);
    const after = (await candidate.request('GET', '/api/v1/candidate/materials')).body;
    expect(after).toMatchObject({ underReview: false, claimedUntil: null });
    expect((await candidate.upload('other', photo)).status).toBe(201);
  });

  it('resets a passed file on import only when the required set changes, and then lets leftover approved images go', async () => {
    const admin = await loggedIn(server.baseUrl, 'admin');
    const no = '2026990100701';
    const id = testIdNumber(701);
    const csv = (exam: string, situation: string) =>
      Buffer.from(`\ufeff${IMPORT_HEADER},个人情况\r\n${no},韩十一,身份证,${id},13800000701,${exam},99,9901,${situation}\r\n`, 'utf8');
    expect((await importFile(admin, csv('临床执业医师', '助理报考执业'), 'a.csv')).body.imported).toBe(1);
    const c = new ApiClient(server.baseUrl);
    await c.login(no, id.slice(-6));
    await c.request('POST', '/api/v1/auth/password', { json: { currentPassword: id.slice(-6), newPassword: 'Han2026abcd' } });
    await c.request('POST', '/api/v1/candidate/activate', { json: { agree: true } });
    const license = (await c.upload('practice_license', photo)).body.id;
    const reg = (await server.deps.db.selectFrom('registrations').select('id').where('registration_no', '=', no).executeTakeFirstOrThrow()).id;
    await server.deps.db.updateTable('images').set({ state: 'approved' }).where('registration_id', '=', reg).execute();
    await server.deps.db.updateTable('registrations').set({ status: 'approved', review_queue: null }).where('id', '=', reg).execute();

    // 临床 → 口腔, both 执业医师 with the same required set: the result stands, no notice.
    const same = await importFile(admin, csv('口腔执业医师', '助理报考执业'), 'b.csv');
    expect(same.body).toMatchObject({ updated: 1, returnedToDraft: 0 });
    expect((await c.request('GET', '/api/v1/candidate/registration')).body).toMatchObject({ status: 'approved', examCategory: { name: '口腔执业医师' } });
    expect(await server.deps.db.selectFrom('messages').select('id').where('registration_id', '=', reg).execute()).toHaveLength(0);
    expect((await c.request('DELETE', `/api/v1/candidate/materials/images/${license}`)).status).toBe(423);

    // No longer 助理报考执业: the set changes, the file goes back to 填报 and the licence is a leftover.
    const changed = await importFile(admin, csv('口腔执业医师', ''), 'c.csv');
    expect(changed.body).toMatchObject({ updated: 1, returnedToDraft: 1 });
    const mat = (await c.request('GET', '/api/v1/candidate/materials')).body;
    expect(mat.status).toBe('draft');
    expect(mat.categories.find((x: any) => x.code === 'practice_license')).toMatchObject({ required: false });
    expect(mat.categories.find((x: any) => x.code === 'practice_license').images[0]).toMatchObject({ id: license, state: 'approved', deletable: true });
    expect(mat.todo.map((t: any) => t.categoryCode)).toEqual(['id_card', 'graduation_cert', 'education_record', 'probation_assessment']);
    expect((await c.request('DELETE', `/api/v1/candidate/materials/images/${license}`)).status).toBe(204);
  });
});
