import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/start-server.js';
import { ApiClient } from '../support/api-client.js';
import { testDatabases } from '../support/databases.js';
import { staff } from '../support/review-fixtures.js';
import { makePhotoJpeg } from '../fixtures/make-image-corpus.js';

const ROUNDS_PER_CANDIDATE = 10;
const CANDIDATES = Array.from({ length: 10 }, (_, i) => `20269902${String(i + 1).padStart(5, '0')}`);

describe.each(testDatabases())('a candidate deleting while a reviewer decides, on %s', (db) => {
  let server: TestServer;
  let photo: Buffer;
  beforeAll(async () => {
    server = await startTestServer({ db });
    photo = await makePhotoJpeg({ width: 800, height: 600, targetBytes: 60_000 });
  });
  afterAll(async () => server?.close());

  it(`never approves a deleted image and never decides over images the reviewer did not see (${CANDIDATES.length * ROUNDS_PER_CANDIDATE} rounds)`, async () => {
    const site = await staff(server, 'site9902');
    const outcomes = { deleteWon: 0, decisionWon: 0 };
    for (const no of CANDIDATES) {
      const c = new ApiClient(server.baseUrl);
      await c.login(no);
      await c.request('POST', '/api/v1/candidate/activate', { json: { agree: true } });
      // A complete file: an incomplete one cannot be claimed while upload is open (issue 12).
      for (const code of ['id_card', 'id_card', 'graduation_cert', 'education_record', 'probation_assessment']) expect((await c.upload(code, photo)).status).toBe(201);
      for (let round = 0; round < ROUNDS_PER_CANDIDATE; round++) {
        // Each round: one image the reviewer will approve (the one the candidate deletes)
        // and one the reviewer asks to replace (so "return" is a valid outcome).
        const target = (await c.upload('other', photo)).body;
        const keep = (await c.upload('degree_cert', photo)).body;
        expect(target.id && keep.id).toBeTruthy();
        const seen = (await site.request('GET', `/api/v1/review/registrations/${no}`)).body;
        const images = seen.materials.categories.flatMap((x: any) => x.images);
        const decide = async () => {
          const claim = await site.request('POST', `/api/v1/review/registrations/${no}/claim`);
          if (claim.status !== 200) return claim;
          const body = {
            outcome: 'return',
            comment: '请更换标记的图片',
            images: images.map((i: any) => (i.id === keep.id || i.state !== 'pending' && i.state !== 'approved' ? { id: i.id, verdict: 'replace', reason: '图片不清晰' } : { id: i.id, verdict: 'approve' })),
          };
          const r = await site.request('POST', `/api/v1/review/registrations/${no}/decision`, { json: body });
          if (r.status !== 200) await site.request('POST', `/api/v1/review/registrations/${no}/release`);
          return r;
        };
        const [del, decision] = await Promise.all([c.request('DELETE', `/api/v1/candidate/materials/images/${target.id}`), decide()]);
        // Exactly one of them may take effect on the image the candidate deleted.
        expect(del.status === 204 && decision.status === 200).toBe(false);
        if (del.status === 204) {
          outcomes.deleteWon++;
          expect(decision.body.error.code).toMatch(/STALE_IMAGES|NOT_CLAIMED/);
        } else {
          outcomes.decisionWon++;
          expect(del.status).toBe(423);
          expect(decision.status).toBe(200);
        }
        // Make room for the next round: the replace-requested image goes.
        await c.request('DELETE', `/api/v1/candidate/materials/images/${keep.id}`);
      }
    }
    const broken = await server.deps.db
      .selectFrom('images')
      .select('id')
      .where('state', '=', 'approved')
      .where('deleted_at', 'is not', null)
      .execute();
    expect(broken).toEqual([]);
    const deletedIds = new Set((await server.deps.db.selectFrom('images').select('id').where('deleted_at', 'is not', null).execute()).map((r) => r.id));
    // Any verdict on an image later deleted must have been a replace request, never an approval.
    const approvedThenDeleted = (await server.deps.db.selectFrom('audit_events').select(['image_id', 'details']).where('action', '=', 'review.image_verdict').execute())
      .filter((e) => deletedIds.has(e.image_id ?? '') && JSON.parse(e.details).verdict === 'approve');
    expect(approvedThenDeleted).toEqual([]);
    expect(outcomes.deleteWon + outcomes.decisionWon).toBe(CANDIDATES.length * ROUNDS_PER_CANDIDATE);
  }, 600_000);
});
