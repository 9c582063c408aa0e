import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/start-server.js';
import type { ApiClient } from '../support/api-client.js';
import { testDatabases } from '../support/databases.js';
import { addStaff, candidateWithMaterials, staff, verdicts } from '../support/review-fixtures.js';
import { makePhotoJpeg } from '../fixtures/make-image-corpus.js';

const rules = (site: string) => `/api/v1/admin/sites/${site}/requirement-rules`;
const review = (no: string) => `/api/v1/review/registrations/${no}`;

describe.each(testDatabases())('考点 requirement rules (a site adds within its region\'s) on %s', (db) => {
  let server: TestServer;
  let photo: Buffer;
  let site1: ApiClient;
  let site2: ApiClient;
  let mine: ApiClient; // 2026990100001, site 9901
  let other: ApiClient; // 2026990200001, site 9902

  const queueNos = async (c: ApiClient, query = '') => (await c.request('GET', `/api/v1/review/registrations${query}`)).body.items.map((i: any) => i.registrationNo);
  const todo = async (c: ApiClient) => (await c.request('GET', '/api/v1/candidate/materials')).body.todo;
  const audits = (action: string) => server.deps.db.selectFrom('audit_events').selectAll().where('action', '=', action).execute();
  const siteRuleRows = () => server.deps.db.selectFrom('requirement_rules').select('id').where('site_code', 'is not', null).execute();

  beforeAll(async () => {
    server = await startTestServer({ db });
    photo = await makePhotoJpeg({ width: 1200, height: 900, targetBytes: 120_000 });
    mine = await candidateWithMaterials(server, '2026990100001', photo);
    other = await candidateWithMaterials(server, '2026990200001', photo);
    site1 = await staff(server, 'site9901');
    site2 = await staff(server, 'site9902');
  });
  afterAll(async () => server?.close());

  it('makes a complete file incomplete for the site\'s candidates only: to-do, queue, 材料不齐 and MATERIALS_INCOMPLETE', async () => {
    expect(await todo(mine)).toEqual([]);
    expect(await queueNos(site1)).toContain('2026990100001');
    // A file the site had already passed, with the same materials.
    const passed = await candidateWithMaterials(server, '2026990100002', photo);
    await site1.request('POST', `${review('2026990100002')}/claim`);
    const file = (await site1.request('GET', review('2026990100002'))).body;
    expect((await site1.request('POST', `${review('2026990100002')}/decision`, { json: { outcome: 'pass', images: verdicts(file) } })).status).toBe(200);

    const added = await site1.request('POST', rules('9901'), { json: { materialCode: 'degree_cert', extraText: '本考点须上传学位证书' } });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ siteCode: '9901', regionCode: '99', materialCode: 'degree_cert', requirement: 'required', extraText: '本考点须上传学位证书' });
    expect(added.body.affected.candidates).toBeGreaterThanOrEqual(2);
    expect(added.body.affected.backToDraft).toBe(1);

    // The candidate's to-do names the new category; its card says required, with the site's words.
    expect(await todo(mine)).toEqual([{ kind: 'missing', categoryCode: 'degree_cert' }]);
    const card = (await mine.request('GET', '/api/v1/candidate/materials')).body.categories.find((c: any) => c.code === 'degree_cert');
    expect(card).toMatchObject({ required: true });
    expect(JSON.stringify(card)).toContain('本考点须上传学位证书');
    // Out of the default queue, in 材料不齐, and not claimable while the upload window is open.
    expect(await queueNos(site1)).not.toContain('2026990100001');
    expect(await queueNos(site1, '?status=incomplete')).toContain('2026990100001');
    const claim = await site1.request('POST', `${review('2026990100001')}/claim`);
    expect(claim.status).toBe(409);
    expect(claim.body.error.code).toBe('MATERIALS_INCOMPLETE');

    // The passed file's required set changed: back to 填报, with a notice naming what is missing.
    const reset = (await passed.request('GET', '/api/v1/candidate/materials')).body;
    expect(reset.todo).toEqual([{ kind: 'missing', categoryCode: 'degree_cert' }]);
    expect((await passed.request('GET', '/api/v1/candidate/registration')).body.status).toBe('draft');
    const inbox = (await passed.request('GET', '/api/v1/candidate/messages')).body.items;
    expect(inbox[0].body).toContain('学位证书');
    expect((await audits('registration.requirements_changed')).map((a) => JSON.parse(a.details))).toEqual([
      expect.objectContaining({ cause: 'site_rule', siteCode: '9901', status: { from: 'site_approved', to: 'draft' } }),
    ]);

    // Another site's candidates are untouched.
    expect(await todo(other)).toEqual([]);
    expect(await queueNos(site2)).toContain('2026990200001');
    expect((await site2.request('POST', `${review('2026990200001')}/claim`)).status).toBe(200);
    expect((await site2.request('POST', `${review('2026990200001')}/release`)).status).toBe(204);

    // Uploading the category completes the file again: back in the default queue.
    expect((await mine.upload('degree_cert', photo)).status).toBe(201);
    expect(await todo(mine)).toEqual([]);
    expect(await queueNos(site1)).toContain('2026990100001');
    const created = await audits('admin.site_rule_created');
    expect(created).toHaveLength(1);
    expect(JSON.parse(created[0]!.details)).toMatchObject({ siteCode: '9901', id: added.body.id });
  });

  it('refuses a site rule that relaxes a requirement, with its own code, and stores nothing', async () => {
    const before = (await siteRuleRows()).length;
    for (const body of [
      { materialCode: 'id_card', requirement: 'optional' },
      { materialCode: 'graduation_cert', requirement: 'hidden' },
      { materialCode: 'id_card', maxCount: 1 },
    ]) {
      const r = await site1.request('POST', rules('9901'), { json: body });
      expect(r.status).toBe(422);
      expect(r.body.error.code).toBe('SITE_RULE_RELAXES');
      expect(r.body.error.message).toContain('考点规则只能增加要求');
    }
    const unknown = await site1.request('POST', rules('9901'), { json: { materialCode: 'no_such' } });
    expect(unknown.body.error.code).toBe('VALIDATION_FAILED');
    const twice = await site1.request('POST', rules('9901'), { json: { materialCode: 'degree_cert' } });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('RULE_EXISTS');
    expect((await siteRuleRows()).length).toBe(before);
  });

  it('keeps each caller to its scope: own site, its region\'s sites, 404 and scope.denied elsewhere', async () => {
    const denied = (await audits('scope.denied')).length;
    expect((await site1.request('GET', rules('9902'))).status).toBe(404);
    expect((await site1.request('POST', rules('9902'), { json: { materialCode: 'degree_cert' } })).status).toBe(404);
    const admin98 = await addStaff(server, { username: 'admin98', role: 'admin', regionCode: '98' });
    expect((await admin98.request('GET', rules('9901'))).status).toBe(404);
    const region = await staff(server, 'region99');
    expect((await region.request('GET', rules('9901'))).status).toBe(404);
    expect((await audits('scope.denied')).length).toBe(denied + 3);
    expect((await siteRuleRows()).length).toBe(1);

    // The region's administrator sees and manages the site's rules; the region's own list and routes leave them alone.
    const admin99 = await staff(server, 'admin99');
    const list = await admin99.request('GET', rules('9901'));
    expect(list.status).toBe(200);
    expect(list.body.site).toMatchObject({ code: '9901', regionCode: '99' });
    expect(list.body.items.map((r: any) => r.materialCode)).toEqual(['degree_cert']);
    expect(list.body.inherited.some((r: any) => r.materialCode === 'id_card')).toBe(true);
    const regionList = (await admin99.request('GET', '/api/v1/admin/requirement-rules?regionCode=99')).body.items;
    expect(regionList.some((r: any) => r.id === list.body.items[0].id)).toBe(false);
    expect((await admin99.request('PATCH', `/api/v1/admin/requirement-rules/${list.body.items[0].id}`, { json: { requirement: 'optional' } })).status).toBe(404);
    const preview = (await site1.request('GET', `${rules('9901')}/preview?examCategoryCode=110`)).body.items;
    expect(preview.find((i: any) => i.code === 'degree_cert').requirement).toBe('required');
    expect((await site2.request('GET', `${rules('9902')}/preview?examCategoryCode=110`)).body.items.find((i: any) => i.code === 'degree_cert').requirement).toBe('optional');

    // Another site cannot delete it; the region administrator can, and the file is as before.
    expect((await site2.request('DELETE', `${rules('9901')}/${list.body.items[0].id}`)).status).toBe(404);
    expect((await site2.request('DELETE', `${rules('9902')}/${list.body.items[0].id}`)).status).toBe(404);
    const removed = await admin99.request('DELETE', `${rules('9901')}/${list.body.items[0].id}`);
    expect(removed.status).toBe(200);
    expect((await siteRuleRows()).length).toBe(0);
    expect((await audits('admin.site_rule_deleted')).length).toBe(1);
    const card = (await mine.request('GET', '/api/v1/candidate/materials')).body.categories.find((c: any) => c.code === 'degree_cert');
    expect(card.required).toBe(false);
  });

  it('publishes the 考点 rule routes and SITE_RULE_RELAXES in the OpenAPI document', async () => {
    const doc = (await site1.request('GET', '/api/v1/openapi.json')).body;
    expect(doc.paths['/api/v1/admin/sites/{siteCode}/requirement-rules'].post.responses).toHaveProperty('422');
    expect(doc.paths['/api/v1/admin/sites/{siteCode}/requirement-rules/{id}']).toHaveProperty('delete');
    expect(doc.components.schemas.Error.properties.error.properties.code.enum).toContain('SITE_RULE_RELAXES');
  });
});
