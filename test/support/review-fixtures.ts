import crypto from 'node:crypto';
import type { TestServer } from './start-server.js';
import { ApiClient } from './api-client.js';
import { hashPassword } from '../../src/adapters/crypto/password-hasher.js';
import { toDbTime } from '../../src/adapters/db/time.js';

/** Adds a staff account straight into the database (the admin console is another suite's subject). */
export async function addStaff(server: TestServer, a: { username: string; role: 'site_reviewer' | 'region_reviewer' | 'admin'; regionCode?: string; siteCode?: string }) {
  const db = server.deps.db;
  if (a.regionCode && !(await db.selectFrom('regions').select('code').where('code', '=', a.regionCode).executeTakeFirst())) {
    await db.insertInto('regions').values({ code: a.regionCode, name: `测试省${a.regionCode}`, upload_enabled: 1, upload_opens_at: null, upload_closes_at: null, review_opens_at: null, review_closes_at: null }).execute();
  }
  if (a.siteCode && !(await db.selectFrom('sites').select('code').where('code', '=', a.siteCode).executeTakeFirst())) {
    await db.insertInto('sites').values({ code: a.siteCode, region_code: a.regionCode!, name: `测试考点${a.siteCode}` }).execute();
  }
  await db
    .insertInto('accounts')
    .values({
      id: crypto.randomUUID(), username: a.username, password_hash: await hashPassword('Demo#2026'), role: a.role, display_name: a.username,
      region_code: a.regionCode ?? null, site_code: a.siteCode ?? null, registration_id: null, must_change_password: 0, disabled: 0, created_at: toDbTime(new Date()),
    })
    .execute();
  const c = new ApiClient(server.baseUrl);
  await c.login(a.username);
  return c;
}

export async function staff(server: TestServer, username: string) {
  const c = new ApiClient(server.baseUrl);
  const r = await c.login(username);
  if (r.status !== 200) throw new Error(`login ${username}: ${r.status}`);
  return c;
}

/** A demo candidate, activated, with every required category of a plain candidate filled. */
export async function candidateWithMaterials(server: TestServer, registrationNo: string, photo: Buffer) {
  const c = new ApiClient(server.baseUrl);
  await c.login(registrationNo);
  await c.request('POST', '/api/v1/candidate/activate', { json: { agree: true } });
  for (const code of ['id_card', 'id_card', 'graduation_cert', 'education_record', 'probation_assessment']) {
    const r = await c.upload(code, photo);
    if (r.status !== 201) throw new Error(`upload ${code}: ${r.status} ${JSON.stringify(r.body)}`);
  }
  return c;
}

export const verdicts = (file: any, replaceIds: string[] = [], reason = '图片不清晰') =>
  file.materials.categories.flatMap((c: any) => c.images).map((i: any) =>
    replaceIds.includes(i.id) ? { id: i.id, verdict: 'replace', reason } : { id: i.id, verdict: 'approve' });
