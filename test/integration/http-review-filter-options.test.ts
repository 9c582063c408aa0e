import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/start-server.js';
import { ApiClient } from '../support/api-client.js';
import { testDatabases } from '../support/databases.js';
import { addStaff, staff } from '../support/review-fixtures.js';

const PATH = '/api/v1/review/filter-options';

describe.each(testDatabases())('review queue filter options on %s', (db) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ db });
  });
  afterAll(async () => server?.close());

  it('lists the catalog exam categories in catalog order, and only the sites in the caller\'s scope', async () => {
    const site = (await (await staff(server, 'site9901')).request('GET', PATH)).body;
    expect(site.sites).toEqual([{ code: '9901', name: '示例市第一考点' }]);
    const names = site.examCategories.map((c: { name: string }) => c.name);
    expect(names).toContain('临床执业医师');
    expect(names).toContain('乡村全科执业助理医师');
    const sortOrder = await server.deps.db.selectFrom('exam_categories').select(['code']).orderBy('sort_order').orderBy('code').execute();
    expect(site.examCategories.map((c: { code: string }) => c.code)).toEqual(sortOrder.map((r) => r.code));

    const region = (await (await staff(server, 'region99')).request('GET', PATH)).body;
    expect(region.sites.map((s: { code: string }) => s.code)).toEqual(['9901', '9902']);

    // A region reviewer of another region sees none of region 99's sites; a national admin sees all.
    const other = await addStaff(server, { username: 'region97', role: 'region_reviewer', regionCode: '97' });
    await addStaff(server, { username: 'site9701', role: 'site_reviewer', regionCode: '97', siteCode: '9701' });
    expect((await other.request('GET', PATH)).body.sites).toEqual([{ code: '9701', name: '测试考点9701' }]);
    const admin = (await (await staff(server, 'admin')).request('GET', PATH)).body;
    expect(admin.sites.map((s: { code: string }) => s.code)).toEqual(['9701', '9901', '9902']);
  });

  it('answers 401 without a session and 404 to a candidate (not a staff route for them)', async () => {
    expect((await new ApiClient(server.baseUrl).request('GET', PATH)).status).toBe(401);
    const candidate = new ApiClient(server.baseUrl);
    await candidate.login('2026990100001');
    expect((await candidate.request('GET', PATH)).status).toBe(404);
  });
});
