import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/start-server.js';
import { ApiClient } from '../support/api-client.js';
import { testDatabases } from '../support/databases.js';
import { loggedIn } from '../support/admin-fixtures.js';
import { makeDocumentPng, makePhotoJpeg } from '../fixtures/make-image-corpus.js';
import { demoIdNumber } from '../../src/services/load-demo-data.js';

describe.each(testDatabases())('administration of regions, rules, catalog and accounts on %s', (db) => {
  let server: TestServer;
  let photo: Buffer;
  let admin: ApiClient;
  let admin99: ApiClient;

  const settings = (c: ApiClient, region: string, body: unknown) => c.request('PUT', `/api/v1/admin/regions/${region}/settings`, { json: body });
  const category = async (c: ApiClient, code: string) => (await c.request('GET', '/api/v1/candidate/materials')).body.categories.find((x: any) => x.code === code);
  const auditCount = async (action: string) =>
    (await server.deps.db.selectFrom('audit_events').select('id').where('action', '=', action).execute()).length;
  async function activatedCandidate(no: string) {
    const c = await loggedIn(server.baseUrl, no);
    expect((await c.request('POST', '/api/v1/candidate/activate', { json: { agree: true } })).status).toBe(200);
    return c;
  }

  beforeAll(async () => {
    server = await startTestServer({ db });
    photo = await makePhotoJpeg({ width: 1200, height: 900, targetBytes: 120_000 });
    admin = await loggedIn(server.baseUrl, 'admin');
    admin99 = await loggedIn(server.baseUrl, 'admin99');
    expect((await admin.request('POST', '/api/v1/admin/regions', { json: { code: '98', name: '测试省' } })).status).toBe(201);
    expect((await admin.request('POST', '/api/v1/admin/regions/98/sites', { json: { code: '9801', name: '测试市考点' } })).status).toBe(201);
  });
  afterAll(async () => server?.close());

  it('switches upload off for a region: the candidate sees it on the next request, uploads answer 403 and every image locks', async () => {
    const candidate = await activatedCandidate('2026990100001');
    const first = await candidate.upload('id_card', photo);
    expect(first.status).toBe(201);
    expect(first.body.locked).toBe(false);

    const off = await settings(admin99, '99', { uploadEnabled: false });
    expect(off.status).toBe(200);
    expect(off.body).toMatchObject({ code: '99', uploadEnabled: false, uploadOpenNow: false });
    expect((await candidate.request('GET', '/api/v1/candidate/registration')).body.uploadEnabled).toBe(false);
    const refused = await candidate.upload('id_card', photo);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('UPLOAD_DISABLED');
    const image = (await category(candidate, 'id_card')).images[0];
    expect(image).toMatchObject({ id: first.body.id, locked: true, lockReason: 'upload_closed' });
    expect((await candidate.request('DELETE', `/api/v1/candidate/materials/images/${first.body.id}`)).status).not.toBe(204);

    // Switched on, but the window closed an hour ago: the message names the closing time.
    const closedAt = new Date(server.clock.now().getTime() - 3_600_000);
    const window = await settings(admin99, '99', {
      uploadEnabled: true,
      uploadOpensAt: new Date(closedAt.getTime() - 86_400_000).toISOString(),
      uploadClosesAt: closedAt.toISOString(),
    });
    expect(window.status).toBe(200);
    expect(window.body).toMatchObject({ uploadEnabled: true, uploadOpenNow: false, uploadClosesAt: closedAt.toISOString() });
    const late = await candidate.upload('id_card', photo);
    expect(late.status).toBe(403);
    expect(late.body.error.code).toBe('UPLOAD_DISABLED');
    const shanghai = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(closedAt);
    expect(late.body.error.message).toContain(`材料上传已于 ${shanghai} 截止`);

    const reopened = await settings(admin99, '99', { uploadClosesAt: null });
    expect(reopened.body).toMatchObject({ uploadOpenNow: true, uploadClosesAt: null });
    expect((await candidate.upload('id_card', photo)).status).toBe(201);
    expect((await category(candidate, 'id_card')).images.every((i: any) => !i.locked)).toBe(true);
    expect(await auditCount('admin.region_settings_changed')).toBeGreaterThanOrEqual(3);
  });

  it('answers 404 outside a regional administrator\'s region, logs the attempt and changes nothing', async () => {
    const before = await server.deps.db.selectFrom('audit_events').select('id').where('action', '=', 'scope.denied').execute();
    const r = await settings(admin99, '98', { uploadEnabled: true });
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe('NOT_FOUND');
    expect((await server.deps.db.selectFrom('regions').select('upload_enabled').where('code', '=', '98').executeTakeFirstOrThrow()).upload_enabled).toBe(0);
    expect((await admin99.request('GET', '/api/v1/admin/regions/98/settings')).status).toBe(404);
    expect((await admin99.request('POST', '/api/v1/admin/regions', { json: { code: '97', name: '越权省' } })).status).toBe(404);
    expect((await admin99.request('POST', '/api/v1/admin/regions/98/sites', { json: { code: '9802', name: '越权考点' } })).status).toBe(404);
    expect((await admin99.request('PATCH', '/api/v1/admin/sites/9801', { json: { name: '改名' } })).status).toBe(404);
    const denied = await server.deps.db.selectFrom('audit_events').select(['details']).where('action', '=', 'scope.denied').execute();
    expect(denied.length).toBe(before.length + 5);
    expect(denied.some((d) => JSON.parse(d.details).regionCode === '98')).toBe(true);

    const regions = (await admin99.request('GET', '/api/v1/admin/regions')).body;
    expect(regions.items.map((x: any) => x.code)).toEqual(['99']);
    expect(regions.items[0].sites.map((s: any) => s.code)).toEqual(['9901', '9902']);
    expect((await admin.request('GET', '/api/v1/admin/regions')).body.items.map((x: any) => x.code)).toEqual(['98', '99']);
    expect((await settings(admin, '98', { uploadEnabled: true })).status).toBe(200);

    // Not an administrator: the admin API does not exist for them.
    const reviewer = await loggedIn(server.baseUrl, 'region99');
    expect((await reviewer.request('GET', '/api/v1/admin/regions')).status).toBe(404);
    const candidate = await loggedIn(server.baseUrl, '2026990200001');
    expect((await settings(candidate, '99', { uploadEnabled: false })).status).toBe(404);
    expect((await new ApiClient(server.baseUrl).request('GET', '/api/v1/admin/regions')).status).toBe(401);
  });

  it('refuses windows that end before they open, and bad dates, with 422 VALIDATION_FAILED', async () => {
    const before = (await admin99.request('GET', '/api/v1/admin/regions/99/settings')).body;
    const backwards = await settings(admin99, '99', { uploadOpensAt: '2026-06-10T09:00:00+08:00', uploadClosesAt: '2026-06-01T09:00:00+08:00' });
    expect(backwards.status).toBe(422);
    expect(backwards.body.error.code).toBe('VALIDATION_FAILED');
    expect(backwards.body.error.message).toContain('截止时间须晚于开放时间');
    const review = await settings(admin99, '99', { reviewOpensAt: '2026-06-10T09:00:00+08:00', reviewClosesAt: '2026-06-10T09:00:00+08:00' });
    expect(review.status).toBe(422);
    const badDate = await settings(admin99, '99', { uploadClosesAt: '2026-02-30' });
    expect(badDate.status).toBe(422);
    expect(badDate.body.error.message).toMatch(/uploadClosesAt/);
    expect((await settings(admin99, '99', { uploadEnabled: 'yes' })).status).toBe(422);
    expect((await settings(admin99, '99', { uploadEnbled: false })).status).toBe(422);
    expect((await admin99.request('GET', '/api/v1/admin/regions/99/settings')).body).toEqual(before);
    const ok = await settings(admin99, '99', { reviewOpensAt: '2026-01-01T00:00:00+08:00', reviewClosesAt: '2099-01-01T00:00:00+08:00' });
    expect(ok.status).toBe(200);
    expect(ok.body.reviewOpensAt).toBe('2025-12-31T16:00:00.000Z');
  });

  it('applies a region\'s requirement overrides to its candidates at once, and only its own', async () => {
    const candidate = await activatedCandidate('2026990100002');
    const other = await category(candidate, 'other');
    expect(other.required).toBe(false);

    const handHeld = await admin99.request('POST', '/api/v1/admin/requirement-rules', {
      json: { regionCode: '99', examCategoryCode: null, situation: null, materialCode: 'other', requirement: 'required', maxCount: 2, extraText: '本考区另需上传手持身份证照片一张' },
    });
    expect(handHeld.status).toBe(201);
    const now = await category(candidate, 'other');
    expect(now).toMatchObject({ required: true, maxCount: 2 });
    expect(now.requirements).toContain('本考区另需上传手持身份证照片一张');
    const dup = await admin99.request('POST', '/api/v1/admin/requirement-rules', {
      json: { regionCode: '99', examCategoryCode: null, situation: null, materialCode: 'other', requirement: 'optional' },
    });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('RULE_EXISTS');

    const hide = await admin99.request('POST', '/api/v1/admin/requirement-rules', {
      json: { regionCode: '99', examCategoryCode: '110', situation: null, materialCode: 'degree_cert', requirement: 'hidden' },
    });
    expect(hide.status).toBe(201);
    expect(await category(candidate, 'degree_cert')).toBeUndefined();
    const preview = await admin99.request('GET', '/api/v1/admin/requirement-rules/preview?regionCode=99&examCategoryCode=110&situations=assistant_to_physician');
    expect(preview.body.hidden.map((h: any) => h.code)).toEqual(['degree_cert']);
    expect(preview.body.items.find((i: any) => i.code === 'practice_license').requirement).toBe('required');

    // Outside its region, or on the national default: 404.
    const national = (await admin99.request('GET', '/api/v1/admin/requirement-rules')).body.items.find((r: any) => r.materialCode === 'id_card' && r.regionCode === null);
    expect(national.editable).toBe(false);
    expect((await admin99.request('PATCH', `/api/v1/admin/requirement-rules/${national.id}`, { json: { requirement: 'optional' } })).status).toBe(404);
    expect((await admin99.request('DELETE', `/api/v1/admin/requirement-rules/${national.id}`)).status).toBe(404);
    expect((await admin99.request('POST', '/api/v1/admin/requirement-rules', { json: { regionCode: null, examCategoryCode: null, situation: null, materialCode: 'other', requirement: 'hidden' } })).status).toBe(404);
    expect((await admin99.request('POST', '/api/v1/admin/requirement-rules', { json: { regionCode: '98', examCategoryCode: null, situation: null, materialCode: 'other', requirement: 'hidden' } })).status).toBe(404);
    expect((await admin99.request('GET', '/api/v1/admin/requirement-rules?regionCode=98')).status).toBe(404);
    expect((await category(candidate, 'id_card')).required).toBe(true);

    const bad = await admin99.request('POST', '/api/v1/admin/requirement-rules', { json: { regionCode: '99', examCategoryCode: null, situation: null, materialCode: 'no_such', requirement: 'required' } });
    expect(bad.status).toBe(422);
    expect(bad.body.error.message).toContain('材料种类');
    expect((await admin99.request('POST', '/api/v1/admin/requirement-rules', { json: { regionCode: '99', examCategoryCode: null, situation: 'martian', materialCode: 'other', requirement: 'required' } })).status).toBe(422);

    const relaxed = await admin99.request('PATCH', `/api/v1/admin/requirement-rules/${handHeld.body.id}`, { json: { requirement: 'optional', maxCount: null } });
    expect(relaxed.status).toBe(200);
    expect(await category(candidate, 'other')).toMatchObject({ required: false, maxCount: 10 });
    expect((await admin99.request('DELETE', `/api/v1/admin/requirement-rules/${handHeld.body.id}`)).status).toBe(204);
    expect((await admin99.request('DELETE', `/api/v1/admin/requirement-rules/${hide.body.id}`)).status).toBe(204);
    expect((await category(candidate, 'other')).requirements).not.toContain('手持');
    expect(await category(candidate, 'degree_cert')).toBeDefined();
    expect(await auditCount('admin.rule_created')).toBe(2);
    expect(await auditCount('admin.rule_deleted')).toBe(2);
  });

  it('keeps English beside the Chinese: exam category names and a rule\'s extra text, as the candidate and the reviewer get them', async () => {
    const candidate = await activatedCandidate('2026990100004');
    expect((await candidate.request('GET', '/api/v1/candidate/registration')).body.examCategory).toEqual({ code: '110', name: '临床执业医师', nameEn: 'Clinical physician' });
    const region99 = await loggedIn(server.baseUrl, 'region99');
    const options = (await region99.request('GET', '/api/v1/review/filter-options')).body.examCategories;
    expect(options).toContainEqual({ code: '240', name: '中医执业助理医师', nameEn: 'Traditional Chinese medicine assistant physician' });
    const queue = (await region99.request('GET', '/api/v1/review/registrations?status=all')).body.items;
    expect(queue[0].examCategory).toMatchObject({ code: '110', nameEn: 'Clinical physician' });

    // Renaming in Chinese keeps the English unless it is given; an empty one clears it.
    expect((await admin.request('PATCH', '/api/v1/admin/catalog/exam-categories/250', { json: { name: '乡村全科助理医师' } })).body).toMatchObject({ nameEn: 'Rural general practice assistant physician' });
    expect((await admin.request('PATCH', '/api/v1/admin/catalog/exam-categories/250', { json: { name: '乡村全科执业助理医师', nameEn: '  ' } })).body).toMatchObject({ nameEn: null });
    expect((await admin.request('POST', '/api/v1/admin/catalog/exam-categories', { json: { code: '150', name: '中西医结合执业医师', nameEn: 'Integrated medicine physician' } })).status).toBe(201);
    const exams = (await admin.request('GET', '/api/v1/admin/catalog')).body.examCategories;
    expect(exams).toContainEqual(expect.objectContaining({ code: '150', nameEn: 'Integrated medicine physician' }));
    expect(exams).toContainEqual(expect.objectContaining({ code: '250', nameEn: null }));
    expect((await admin99.request('PATCH', '/api/v1/admin/catalog/exam-categories/110', { json: { name: '临床', nameEn: 'x' } })).status).toBe(404);

    // A region rule's extra text in both languages: the English goes with the English requirements.
    const rule = await admin99.request('POST', '/api/v1/admin/requirement-rules', {
      json: { regionCode: '99', examCategoryCode: null, situation: null, materialCode: 'degree_cert', requirement: 'required', extraText: '须加盖学校公章', extraTextEn: 'Must bear the university seal' },
    });
    expect(rule.status).toBe(201);
    expect(rule.body).toMatchObject({ extraText: '须加盖学校公章', extraTextEn: 'Must bear the university seal' });
    let degree = await category(candidate, 'degree_cert');
    expect(degree.requirements).toContain('须加盖学校公章');
    expect(degree.requirementsEn).toMatch(/Must bear the university seal$/);
    expect(degree.requirementsEn).not.toContain('公章');
    // Without English, English mode says the region's Chinese rather than nothing.
    expect((await admin99.request('PATCH', `/api/v1/admin/requirement-rules/${rule.body.id}`, { json: { extraTextEn: null } })).status).toBe(200);
    degree = await category(candidate, 'degree_cert');
    expect(degree.requirementsEn).toMatch(/须加盖学校公章$/);
    expect((await admin99.request('DELETE', `/api/v1/admin/requirement-rules/${rule.body.id}`)).status).toBe(204);
  });

  it('lets the national administrator add a category and its example image, which replaces the built-in drawing', async () => {
    const created = await admin.request('POST', '/api/v1/admin/catalog/materials', {
      json: { code: 'name_change_proof', name: '姓名变更证明', requirements: '姓名与证书不一致的，上传公安机关出具的姓名变更证明。', minCount: 1, maxCount: 2 },
    });
    expect(created.status).toBe(201);
    const candidate = await activatedCandidate('2026990100003');
    expect(await category(candidate, 'name_change_proof')).toMatchObject({ name: '姓名变更证明', required: false, maxCount: 2 });
    expect((await admin.request('POST', '/api/v1/admin/catalog/materials', { json: { code: 'name_change_proof', name: 'x', requirements: 'y', minCount: 0, maxCount: 1 } })).body.error.code).toBe('CODE_TAKEN');
    expect((await admin.request('POST', '/api/v1/admin/catalog/materials', { json: { code: 'x_y', name: 'x', requirements: 'y', minCount: 3, maxCount: 1 } })).status).toBe(422);

    const builtIn = await candidate.request('GET', '/api/v1/catalog/examples/id_card.png');
    expect(builtIn.status).toBe(200);
    expect(builtIn.headers.get('content-type')).toBe('image/png');
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(await makeDocumentPng({ width: 900, height: 600 }))]), 'example.png');
    const uploaded = await admin.request('PUT', '/api/v1/admin/catalog/materials/id_card/example', { form });
    expect(uploaded.status).toBe(200);
    expect(uploaded.body.customExample).toBe(true);
    const served = await candidate.request('GET', '/api/v1/catalog/examples/id_card.png');
    expect(served.headers.get('content-type')).toBe('image/jpeg');
    expect(served.body.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    const notImage = new FormData();
    notImage.append('file', new Blob([Buffer.from('GIF89a....')]), 'x.png');
    const refused = await admin.request('PUT', '/api/v1/admin/catalog/materials/id_card/example', { form: notImage });
    expect(refused.status).toBe(415);
    expect((await admin.request('DELETE', '/api/v1/admin/catalog/materials/id_card/example')).body.customExample).toBe(false);
    expect((await candidate.request('GET', '/api/v1/catalog/examples/id_card.png')).headers.get('content-type')).toBe('image/png');

    // The catalog is national: a regional administrator reads it but cannot change it.
    const catalog = (await admin99.request('GET', '/api/v1/admin/catalog')).body;
    expect(catalog.editable).toBe(false);
    expect(catalog.materials.map((m: any) => m.code)).toContain('name_change_proof');
    expect((await admin99.request('PATCH', '/api/v1/admin/catalog/materials/other', { json: { maxCount: 3 } })).status).toBe(404);

    expect((await candidate.upload('name_change_proof', photo)).status).toBe(201);
    const inUse = await admin.request('DELETE', '/api/v1/admin/catalog/materials/name_change_proof');
    expect(inUse.status).toBe(409);
    expect(inUse.body.error.code).toBe('CATEGORY_IN_USE');
    expect((await admin.request('POST', '/api/v1/admin/catalog/materials', { json: { code: 'unused_one', name: '未用', requirements: '无', minCount: 0, maxCount: 1 } })).status).toBe(201);
    expect((await admin.request('DELETE', '/api/v1/admin/catalog/materials/unused_one')).status).toBe(204);
  });

  it('publishes the administration calls and their error codes in the OpenAPI document', async () => {
    const doc = (await new ApiClient(server.baseUrl).request('GET', '/api/v1/openapi.json')).body;
    expect(doc.paths['/api/v1/admin/regions/{regionCode}/settings'].put.responses).toHaveProperty('422');
    expect(doc.paths['/api/v1/admin/registrations/import'].post.responses).toHaveProperty('415');
    expect(doc.paths['/sso'].get.responses).toHaveProperty('302');
    expect(doc.components.schemas.Error.properties.error.properties.code.enum).toEqual(expect.arrayContaining(['IMPORT_HEADER_INVALID', 'HANDOFF_USED', 'RULE_EXISTS']));
  });

  it('creates staff accounts that must change their password, ends sessions on disable, re-enables and resets', async () => {
    const created = await admin99.request('POST', '/api/v1/admin/accounts', {
      json: { username: 'site9901-li', displayName: '李审核', role: 'site_reviewer', siteCode: '9901' },
    });
    expect(created.status).toBe(201);
    expect(created.body.account).toMatchObject({ username: 'site9901-li', role: 'site_reviewer', regionCode: '99', siteCode: '9901', mustChangePassword: true, disabled: false });
    const temp = created.body.temporaryPassword as string;
    const reviewer = await loggedIn(server.baseUrl, 'site9901-li', temp);
    expect((await reviewer.request('GET', '/api/v1/review/registrations')).body.error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect((await reviewer.request('POST', '/api/v1/auth/password', { json: { currentPassword: temp, newPassword: 'Reviewer2026' } })).status).toBe(204);
    expect((await reviewer.request('GET', '/api/v1/review/registrations')).status).toBe(200);

    expect((await admin99.request('POST', '/api/v1/admin/accounts', { json: { username: 'site9901-li', displayName: 'x', role: 'site_reviewer', siteCode: '9901' } })).body.error.code).toBe('USERNAME_TAKEN');
    expect((await admin99.request('POST', '/api/v1/admin/accounts', { json: { username: '20269901', displayName: 'x', role: 'region_reviewer' } })).status).toBe(422);
    // One display-name limit (domain DISPLAY_NAME_MAX, 50): the longest name is stored, one more character is refused.
    const tooLong = await admin99.request('POST', '/api/v1/admin/accounts', { json: { username: 'r99-long', displayName: '审'.repeat(51), role: 'region_reviewer' } });
    expect(tooLong.status).toBe(422);
    expect(tooLong.body.error.code).toBe('VALIDATION_FAILED');
    expect(tooLong.body.error.details.reason).toContain('最多 50 个字');
    const longest = await admin99.request('POST', '/api/v1/admin/accounts', { json: { username: 'r99-longest', displayName: '审'.repeat(50), role: 'region_reviewer' } });
    expect(longest.status).toBe(201);
    expect(longest.body.account.displayName).toBe('审'.repeat(50));
    expect((await admin99.request('POST', '/api/v1/admin/accounts', { json: { username: 'r98', displayName: 'x', role: 'region_reviewer', regionCode: '98' } })).status).toBe(404);
    expect((await admin99.request('POST', '/api/v1/admin/accounts', { json: { username: 's98', displayName: 'x', role: 'site_reviewer', siteCode: '9801' } })).status).toBe(404);

    const id = created.body.account.id;
    const disabled = await admin99.request('POST', `/api/v1/admin/accounts/${id}/disable`);
    expect(disabled.body.disabled).toBe(true);
    expect((await reviewer.request('GET', '/api/v1/auth/me')).status).toBe(401);
    expect((await new ApiClient(server.baseUrl).login('site9901-li', 'Reviewer2026')).status).toBe(401);
    expect((await admin99.request('POST', `/api/v1/admin/accounts/${id}/enable`)).body.disabled).toBe(false);
    expect((await new ApiClient(server.baseUrl).login('site9901-li', 'Reviewer2026')).status).toBe(200);

    const reset = await admin99.request('POST', `/api/v1/admin/accounts/${id}/reset-password`);
    expect(reset.status).toBe(200);
    expect((await new ApiClient(server.baseUrl).login('site9901-li', 'Reviewer2026')).status).toBe(401);
    const again = await loggedIn(server.baseUrl, 'site9901-li', reset.body.temporaryPassword);
    expect((await again.request('GET', '/api/v1/auth/me')).body.user.mustChangePassword).toBe(true);

    // A candidate's reset goes back to the first password: the last six characters of the ID number.
    const candidateAccount = (await admin99.request('GET', '/api/v1/admin/accounts?role=candidate&q=2026990200005')).body.items[0];
    expect(candidateAccount.username).toBe('2026990200005');
    const candidateReset = await admin99.request('POST', `/api/v1/admin/accounts/${candidateAccount.id}/reset-password`);
    expect(candidateReset.body.temporaryPassword).toBeNull();
    const lastSix = demoIdNumber(15).slice(-6);
    const c = await loggedIn(server.baseUrl, '2026990200005', lastSix.toLowerCase());
    expect((await c.request('GET', '/api/v1/auth/me')).body.user.mustChangePassword).toBe(true);

    // Outside the region (the national administrator) and one's own account: refused.
    const nationalAdmin = (await admin.request('GET', '/api/v1/admin/accounts?q=admin')).body.items.find((a: any) => a.username === 'admin');
    expect((await admin99.request('POST', `/api/v1/admin/accounts/${nationalAdmin.id}/disable`)).status).toBe(404);
    expect((await admin99.request('POST', `/api/v1/admin/accounts/${nationalAdmin.id}/reset-password`)).status).toBe(404);
    const me = (await admin99.request('GET', '/api/v1/auth/me')).body.user;
    expect((await admin99.request('POST', `/api/v1/admin/accounts/${me.id}/disable`)).body.error.code).toBe('OWN_ACCOUNT');
    const listed = (await admin99.request('GET', '/api/v1/admin/accounts?pageSize=100')).body;
    expect(listed.items.length).toBeGreaterThan(3);
    expect(listed.items.every((a: any) => a.regionCode === '99' && a.role !== 'candidate')).toBe(true);
    for (const action of ['admin.account_created', 'admin.account_disabled', 'admin.account_enabled', 'admin.password_reset']) {
      expect(await auditCount(action)).toBeGreaterThanOrEqual(1);
    }
  });
});
