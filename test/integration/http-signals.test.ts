/**
 * Machine signals over real HTTP on both databases (shared/API.md: `signals` on every image,
 * `duplicates` in the review detail): generated photos of documents and cards uploaded by
 * demo candidates carry the right flags; the same picture re-encoded, resized or downloaded
 * with its watermark and uploaded again is found, by another candidate too; different pictures
 * and deleted images are not; the other 报名号 shows only inside the reviewer's scope.
 */
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/start-server.js';
import { ApiClient } from '../support/api-client.js';
import { testDatabases } from '../support/databases.js';
import { staff } from '../support/review-fixtures.js';
import { renderVariant, type SignalVariant } from '../fixtures/make-signal-corpus.js';

const picture = (v: Partial<SignalVariant> & { seed: number }) =>
  renderVariant({ subject: 'document', focus: 'sharp', exposure: 'normal', glare: false, width: 900, height: 675, ...v });

describe.each(testDatabases())('machine signals over HTTP on %s', (db) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ db });
  });
  afterAll(async () => server?.close());

  async function candidate(no: string) {
    const c = new ApiClient(server.baseUrl);
    expect((await c.login(no)).status).toBe(200);
    expect((await c.request('POST', '/api/v1/candidate/activate', { json: { agree: true } })).status).toBe(200);
    return c;
  }

  async function upload(c: ApiClient, category: string, bytes: Buffer) {
    expect(bytes.length).toBeLessThanOrEqual(204_800);
    const r = await c.upload(category, bytes);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body as { id: string; signals: { blurry: boolean; dark: boolean; glare: boolean } };
  }

  const reviewImage = async (reviewer: ApiClient, no: string, imageId: string) => {
    const r = await reviewer.request('GET', `/api/v1/review/registrations/${no}`);
    expect(r.status).toBe(200);
    const images = (r.body as any).materials.categories.flatMap((c: any) => c.images);
    return images.find((i: any) => i.id === imageId);
  };

  it('flags a blurred, a dark and a glaring photo at upload, and not a sharp one; the flags stay on the materials', async () => {
    const c = await candidate('2026990100003');
    const sharpDoc = await upload(c, 'graduation_cert', await picture({ seed: 301 }));
    const blurred = await upload(c, 'education_record', await picture({ seed: 302, focus: 'blurred' }));
    const dark = await upload(c, 'probation_assessment', await picture({ seed: 303, exposure: 'dark' }));
    const glare = await upload(c, 'id_card', await picture({ seed: 304, subject: 'card', glare: true }));
    expect(sharpDoc.signals).toEqual({ blurry: false, dark: false, glare: false });
    expect(blurred.signals).toEqual({ blurry: true, dark: false, glare: false });
    expect(dark.signals).toEqual({ blurry: false, dark: true, glare: false });
    expect(glare.signals).toEqual({ blurry: false, dark: false, glare: true });

    const materials = (await c.request('GET', '/api/v1/candidate/materials')).body as any;
    const byId = new Map(materials.categories.flatMap((cat: any) => cat.images).map((i: any) => [i.id, i.signals]));
    expect(byId.get(blurred.id)).toEqual({ blurry: true, dark: false, glare: false });
    expect(byId.get(sharpDoc.id)).toEqual({ blurry: false, dark: false, glare: false });
    // The candidate never sees other people's pictures, not even as a duplicate count.
    expect(byId.get(dark.id)).not.toHaveProperty('duplicates');

    const reviewer = await staff(server, 'site9901');
    expect((await reviewImage(reviewer, '2026990100003', glare.id)).signals).toEqual({ blurry: false, dark: false, glare: true, duplicates: [] });
  });

  it('finds the same picture re-encoded, resized or downloaded with its watermark, for the same or another candidate; not a different one, not once deleted', async () => {
    const original = await picture({ seed: 401, subject: 'card' });
    const a = await candidate('2026990100004');
    const first = await upload(a, 'id_card', original);
    // The same photo, saved again at a lower quality, in another category (毕业证书 for 身份证明).
    const sameCandidate = await upload(a, 'graduation_cert', await sharp(original).jpeg({ quality: 55 }).toBuffer());
    // Another candidate at another site (9902), resized.
    const b = await candidate('2026990200004');
    const otherSite = await upload(b, 'id_card', await sharp(original).resize(700).jpeg({ quality: 80 }).toBuffer());
    // A third candidate, at the first one's site, uploads the stored picture (watermark and all) they were sent.
    const stored = await a.request('GET', `/api/v1/images/${first.id}`);
    expect(stored.status).toBe(200);
    const c = await candidate('2026990100005');
    const rewatermarked = await upload(c, 'id_card', stored.body as Buffer);
    // A different card: not the same picture.
    const d = await candidate('2026990100006');
    const different = await upload(d, 'id_card', await picture({ seed: 402, subject: 'card' }));

    const site1 = await staff(server, 'site9901');
    const seen = await reviewImage(site1, '2026990100004', first.id);
    const dups = [...seen.signals.duplicates].sort((x: any, y: any) => x.imageId.localeCompare(y.imageId));
    expect(dups).toEqual(
      [
        { imageId: sameCandidate.id, sameCandidate: true, registrationNo: '2026990100004' },
        // Site 9902 is outside site 9901's scope: "另一考生", no 报名号.
        { imageId: otherSite.id, sameCandidate: false },
        { imageId: rewatermarked.id, sameCandidate: false, registrationNo: '2026990100005' },
      ].sort((x, y) => x.imageId.localeCompare(y.imageId)),
    );
    expect((await reviewImage(site1, '2026990100006', different.id)).signals.duplicates).toEqual([]);

    // The region reviewer's scope covers both sites: the 报名号 shows.
    const region = await staff(server, 'region99');
    const fromB = await reviewImage(region, '2026990200004', otherSite.id);
    expect(fromB.signals.duplicates).toContainEqual({ imageId: first.id, sameCandidate: false, registrationNo: '2026990100004' });

    // Detected at upload: audit rows on the later images.
    const audit = await server.deps.db.selectFrom('audit_events').select(['image_id', 'details']).where('action', '=', 'image.duplicate_detected').execute();
    expect(audit.map((r) => r.image_id)).toEqual(expect.arrayContaining([sameCandidate.id, otherSite.id, rewatermarked.id]));
    expect(audit.map((r) => r.image_id)).not.toContain(different.id);

    // Following a link: only into one's scope, and recorded.
    const denied = await site1.request('POST', '/api/v1/review/duplicates/opened', { json: { imageId: first.id, duplicateImageId: otherSite.id } });
    expect(denied.status).toBe(404);
    const opened = await region.request('POST', '/api/v1/review/duplicates/opened', { json: { imageId: first.id, duplicateImageId: otherSite.id } });
    expect(opened.status).toBe(200);
    expect(opened.body).toEqual({ registrationNo: '2026990200004' });
    const openedRows = await server.deps.db.selectFrom('audit_events').select(['image_id']).where('action', '=', 'image.duplicate_opened').execute();
    expect(openedRows.map((r) => r.image_id)).toEqual([otherSite.id]);

    // The region's follow-up list: A and B share a picture across sites; site reviewers have no such list.
    const list = await region.request('GET', '/api/v1/review/shared-pictures');
    expect(list.status).toBe(200);
    const pairs = (list.body as any).items.map((p: any) => [p.upload.registrationNo, p.earlier.registrationNo].sort().join('/'));
    expect(pairs).toContain('2026990100004/2026990200004');
    expect(pairs).not.toContain('2026990100004/2026990100005'); // same site: not a cross-site pair
    expect((await site1.request('GET', '/api/v1/review/shared-pictures')).status).toBe(404);

    // Deleted images are not duplicates any more.
    expect((await a.request('DELETE', `/api/v1/candidate/materials/images/${sameCandidate.id}`)).status).toBe(204);
    const after = await reviewImage(site1, '2026990100004', first.id);
    expect(after.signals.duplicates.map((x: any) => x.imageId)).not.toContain(sameCandidate.id);
    expect(after.signals.duplicates).toHaveLength(2);
  });
});
