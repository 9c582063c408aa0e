import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/start-server.js';
import { ApiClient } from '../support/api-client.js';
import { testDatabases } from '../support/databases.js';
import { loggedIn } from '../support/admin-fixtures.js';
import { candidateWithMaterials, staff, verdicts } from '../support/review-fixtures.js';
import { makePhotoJpeg } from '../fixtures/make-image-corpus.js';

const base = (no: string) => `/api/v1/review/registrations/${no}`;

/**
 * Issue 9: a decision's work must not grow with the file — a region's reviewers decide tens of
 * thousands of files, each with its own number of images. Counted at the database (every
 * statement the driver sends, BEGIN and COMMIT included) through the real HTTP app.
 *
 * The budget, 17: the session (auth), the file found in scope; BEGIN, the registration locked
 * (with whose requirements apply), the live images, the catalog and the rules; the verdicts of
 * all images in one UPDATE, the previous requests closed, the new status with the queue columns,
 * the review comment, the history rows (every verdict and the decision) in one INSERT, the draft
 * dropped, the candidate's message and SMS job; COMMIT; the file read back for the answer.
 * (Before: 33 statements for 2 images, 41 for 6 — two per image.)
 */
const BUDGET = 17;
describe.each(testDatabases())('a review decision on %s', (db) => {
  let server: TestServer;
  let photo: Buffer;

  beforeAll(async () => {
    server = await startTestServer({ db, countStatements: true });
    photo = await makePhotoJpeg({ width: 800, height: 600, targetBytes: 60_000 });
  });
  afterAll(async () => server?.close());

  async function candidateWith(no: string, images: 2 | 5 | 6) {
    if (images === 2) {
      const c = new ApiClient(server.baseUrl);
      await c.login(no);
      await c.request('POST', '/api/v1/candidate/activate', { json: { agree: true } });
      for (const code of ['id_card', 'id_card']) expect((await c.upload(code, photo)).status).toBe(201);
      return c;
    }
    const c = await candidateWithMaterials(server, no, photo);
    if (images === 6) expect((await c.upload('other', photo)).status).toBe(201);
    return c;
  }

  /** Claims the file, decides, and answers the decision's statements. */
  async function decide(site: ApiClient, no: string, outcome: 'pass' | 'return', expectedImages: number) {
    expect((await site.request('POST', `${base(no)}/claim`)).status).toBe(200);
    const file = (await site.request('GET', base(no))).body;
    const marks = verdicts(file, outcome === 'return' ? [file.materials.categories.flatMap((c: any) => c.images)[0].id] : []);
    expect(marks).toHaveLength(expectedImages);
    const res = await site.request('POST', `${base(no)}/decision`, {
      json: { outcome, images: marks, ...(outcome === 'return' ? { comment: '证件照片模糊，请重新拍摄。' } : {}) },
    });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe(outcome === 'pass' ? 'site_approved' : 'returned');
    return server.statements!.of(res.headers.get('x-request-id'));
  }

  it('runs as many statements for 6 images as for 2 (a return) and as for 5 (a pass)', async () => {
    await candidateWith('2026990100001', 2);
    await candidateWith('2026990100002', 6);
    await candidateWith('2026990100003', 5);
    await candidateWith('2026990100004', 6);
    // With the upload window closed a reviewer may take an incomplete file (and return it).
    const admin99 = await loggedIn(server.baseUrl, 'admin99');
    expect((await admin99.request('PUT', '/api/v1/admin/regions/99/settings', { json: { uploadEnabled: false } })).status).toBe(200);
    const site = await staff(server, 'site9901');

    const return2 = await decide(site, '2026990100001', 'return', 2);
    const return6 = await decide(site, '2026990100002', 'return', 6);
    const pass5 = await decide(site, '2026990100003', 'pass', 5);
    const pass6 = await decide(site, '2026990100004', 'pass', 6);

    expect(return6).toHaveLength(return2.length);
    expect(pass6).toHaveLength(pass5.length);
    expect(return2.length).toBeLessThanOrEqual(BUDGET);
    expect(pass5.length).toBeLessThanOrEqual(BUDGET);
    // The registration row is locked against a concurrent candidate write (SQLite serialises transactions).
    if (db === 'postgres') expect(return6.some((s) => /^select [\s\S]* from "registrations" [\s\S]*for update$/.test(s.trim()))).toBe(true);

    // Every verdict still reached its image and the history (one row per image).
    const history = (await site.request('GET', base('2026990100002'))).body.history;
    expect(history.filter((h: any) => h.action === 'review.image_verdict')).toHaveLength(6);
    const states = (await site.request('GET', base('2026990100002'))).body.materials.categories.flatMap((c: any) => c.images).map((i: any) => i.state);
    expect(states.sort()).toEqual(['approved', 'approved', 'approved', 'approved', 'approved', 'replace_requested']);
  });
});
