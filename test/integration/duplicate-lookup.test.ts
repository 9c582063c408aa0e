/**
 * The duplicate lookup on both databases (docs/SIGNALS.md "Lookup at upload"): the Hamming
 * search over the partial covering band indexes finds an exact, a re-encoded and a resized copy
 * of a real picture among thousands of other hashes, not a different picture, not a deleted
 * image, not a blank page; a hot bucket is read no further than its cap; migration 012 carries
 * 011's rows over; over HTTP, another candidate outside the reviewer's scope shows as 另一考生.
 */
import crypto from 'node:crypto';
import sharp from 'sharp';
import { Migrator } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/start-server.js';
import { ApiClient } from '../support/api-client.js';
import { testDatabases } from '../support/databases.js';
import { staff } from '../support/review-fixtures.js';
import { prng } from '../support/prng.js';
import { renderVariant } from '../fixtures/make-signal-corpus.js';
import { hashEncodedImage } from '../../src/adapters/image/picture-analysis.js';
import { findDuplicateImages, MAX_REPORTED_DUPLICATES, PROBE_CAP } from '../../src/services/image-duplicates.js';
import { imageHashRow } from '../../src/adapters/db/repositories/duplicates-repository.js';
import { DEGENERATE_HASH } from '../../src/domain/image-signals.js';
import { CodeMigrations } from '../../src/adapters/db/database.js';

const card = (seed: number) => renderVariant({ subject: 'card', focus: 'sharp', exposure: 'normal', glare: false, width: 900, height: 675, seed });

describe.each(testDatabases())('duplicate lookup on %s', (db) => {
  let server: TestServer;
  let regA: string;
  let regB: string;
  let slot = 0;

  beforeAll(async () => {
    server = await startTestServer({ db });
    const regs = await server.deps.db.selectFrom('registrations').select(['id', 'registration_no']).where('registration_no', 'in', ['2026990100007', '2026990200007']).execute();
    regA = regs.find((r) => r.registration_no === '2026990100007')!.id;
    regB = regs.find((r) => r.registration_no === '2026990200007')!.id;
  });
  afterAll(async () => server?.close());

  /** Images stored straight into the tables (as an upload leaves them), with their hashes. */
  async function storeImages(registrationId: string, hashes: string[][]): Promise<string[]> {
    const ids = hashes.map(() => crypto.randomUUID());
    const images = ids.map((id) => ({
      id, registration_id: registrationId, category_code: 'other', slot: slot++, blob_key: `x/${id}`, thumb_key: `t/${id}`, sha256: '', width: 1, height: 1,
      bytes: 1, state: 'pending' as const, reason: null, uploaded_at: '2026-03-01T00:00:00.000Z', deleted_at: null, signal_blurry: 0, signal_dark: 0, signal_glare: 0,
    }));
    const rows = ids.flatMap((id, n) => hashes[n]!.map((h, k) => imageHashRow(id, registrationId, k === 0 ? 'picture' : 'stored', h)));
    for (let i = 0; i < images.length; i += 200) await server.deps.db.insertInto('images').values(images.slice(i, i + 200)).execute();
    for (let i = 0; i < rows.length; i += 200) await server.deps.db.insertInto('image_hashes').values(rows.slice(i, i + 200)).execute();
    return ids;
  }
  const rnd = prng(15);
  const randomHash = () => Array.from({ length: 16 }, () => Math.floor(rnd() * 16).toString(16)).join('');
  const flip = (hex: string, bits: number[]) => {
    let v = BigInt(`0x${hex}`);
    for (const b of bits) v ^= 1n << BigInt(b);
    return v.toString(16).padStart(16, '0');
  };

  it('finds an exact, a re-encoded and a resized copy of a real picture among 3 000 others; not a different picture, not a deleted image, not a blank page', async () => {
    await storeImages(regA, Array.from({ length: 1500 }, () => [randomHash(), randomHash()]));
    const original = await card(501);
    const [originalId] = await storeImages(regB, [[await hashEncodedImage(original)]]);
    const [deletedId] = await storeImages(regB, [[await hashEncodedImage(original)]]);
    await server.deps.db.updateTable('images').set({ deleted_at: '2026-03-02T00:00:00.000Z' }).where('id', '=', deletedId!).execute();
    await server.deps.db.updateTable('image_hashes').set({ live: 0 }).where('image_id', '=', deletedId!).execute();

    const lookup = async (bytes: Buffer) => findDuplicateImages(server.deps.store, [await hashEncodedImage(bytes)]);
    for (const copy of [original, await sharp(original).jpeg({ quality: 50 }).toBuffer(), await sharp(original).resize(540).png().toBuffer()]) {
      const found = await lookup(copy);
      expect(found.map((f) => f.imageId)).toEqual([originalId]);
      expect(found[0]!.registrationId).toBe(regB);
      expect(found[0]!.distance).toBeLessThanOrEqual(3);
    }
    expect(await lookup(await card(502))).toEqual([]);

    // Blank pages all hash alike (a flat picture): stored, never matched.
    const blank = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#fdfdfd' } }).jpeg().toBuffer();
    expect(await hashEncodedImage(blank)).toBe(DEGENERATE_HASH);
    await storeImages(regA, [[DEGENERATE_HASH]]);
    expect(await lookup(blank)).toEqual([]);
  });

  it('reports a picture shared by more images than a probe reads as its nearest 50, and still finds, through another band, a picture that shares its hot band value', async () => {
    // A picture shared by more images than a probe reads (a sample certificate from the web).
    const hot = randomHash();
    await storeImages(regA, Array.from({ length: PROBE_CAP + 100 }, () => [hot]));
    const hotFound = await findDuplicateImages(server.deps.store, [hot]);
    expect(hotFound).toHaveLength(MAX_REPORTED_DUPLICATES);
    expect(hotFound.every((f) => f.distance === 0)).toBe(true);

    // Band 0 equal to the hot picture's, the rest its own; the upload is 2 bits off in bands 1 and 2.
    const neighbour = hot.slice(0, 4) + randomHash().slice(4);
    const [neighbourId] = await storeImages(regB, [[neighbour]]);
    const found = await findDuplicateImages(server.deps.store, [flip(neighbour, [5, 40])]);
    expect(found.map((f) => f.imageId)).toEqual([neighbourId]);
  });

  it('migration 012 carries 011 rows over: the hash as int8, the owner, live only while the image is', async () => {
    const migrator = new Migrator({ db: server.deps.db, provider: new CodeMigrations(server.deps.dialect), allowUnorderedMigrations: true });
    const [live, deleted] = await storeImages(regA, [[randomHash()], [randomHash()]]);
    await server.deps.db.updateTable('images').set({ deleted_at: '2026-03-02T00:00:00.000Z' }).where('id', '=', deleted!).execute();
    const down = await migrator.migrateTo('011-signals-duplicates');
    expect(down.error).toBeUndefined();
    // 011's layout: the hash as 16 hex digits.
    const old = server.deps.db as any;
    const hashes = { [live!]: 'fedcba9876543210', [deleted!]: '0123456789abcdef' };
    for (const [id, hash] of Object.entries(hashes)) {
      await old.updateTable('image_hashes').set({ hash, band0: parseInt(hash.slice(0, 4), 16), band1: parseInt(hash.slice(4, 8), 16), band2: parseInt(hash.slice(8, 12), 16), band3: parseInt(hash.slice(12), 16) }).where('image_id', '=', id).execute();
    }
    const up = await migrator.migrateToLatest();
    expect(up.error).toBeUndefined();

    expect((await findDuplicateImages(server.deps.store, [flip('fedcba9876543210', [63, 0])])).map((f) => [f.imageId, f.registrationId, f.distance])).toEqual([[live, regA, 2]]);
    expect(await findDuplicateImages(server.deps.store, ['0123456789abcdef'])).toEqual([]);
    const rows = await server.deps.db.selectFrom('image_hashes').select(['image_id', 'registration_id', 'live']).where('image_id', 'in', [live!, deleted!]).orderBy('live').execute();
    expect(rows).toEqual([{ image_id: deleted, registration_id: regA, live: 0 }, { image_id: live, registration_id: regA, live: 1 }]);
  });

  it('over HTTP: an exact copy by a candidate outside the reviewer\'s scope shows as 另一考生; once deleted, a later upload no longer finds it', async () => {
    const candidate = async (no: string) => {
      const c = new ApiClient(server.baseUrl);
      expect((await c.login(no)).status).toBe(200);
      expect((await c.request('POST', '/api/v1/candidate/activate', { json: { agree: true } })).status).toBe(200);
      return c;
    };
    const upload = async (c: ApiClient, bytes: Buffer) => {
      const r = await c.upload('id_card', bytes);
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      return (r.body as { id: string }).id;
    };
    const photo = await card(601);
    const a = await candidate('2026990100008');
    const first = await upload(a, photo);
    const b = await candidate('2026990200008');
    const copy = await upload(b, photo);

    const site1 = await staff(server, 'site9901');
    const detail = (await site1.request('GET', '/api/v1/review/registrations/2026990100008')).body as any;
    const image = detail.materials.categories.flatMap((c: any) => c.images).find((i: any) => i.id === first);
    expect(image.signals.duplicates).toEqual([{ imageId: copy, sameCandidate: false }]);

    expect((await b.request('DELETE', `/api/v1/candidate/materials/images/${copy}`)).status).toBe(204);
    const c = await candidate('2026990100009');
    const third = await upload(c, photo);
    const pairs = await server.deps.db.selectFrom('image_duplicates').select('duplicate_image_id').where('image_id', '=', third).execute();
    expect(pairs.map((p) => p.duplicate_image_id)).toEqual([first]);
  });
});
