/**
 * backfill-image-hashes on both databases: images stored before migration 011 (no hash) get
 * their stored hash from the thumbnail in the blob store, the pairs among them are recorded as
 * at upload, a second run does nothing, a missing thumbnail is named and retried later.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/start-server.js';
import { cliEnvFor, runCli } from '../support/run-cli.js';
import { testDatabases } from '../support/databases.js';
import { ApiClient } from '../support/api-client.js';
import { renderVariant } from '../fixtures/make-signal-corpus.js';

const card = (seed: number) => renderVariant({ subject: 'card', focus: 'sharp', exposure: 'normal', glare: false, width: 900, height: 675, seed });

describe.each(testDatabases())('backfill-image-hashes, on %s', (db) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ db });
  });
  afterAll(async () => server?.close());

  const run = (...args: string[]) => runCli('backfill-image-hashes', args, cliEnvFor(server));

  it('hashes images stored before 011 from their thumbnails, records their pairs, and is safe to run again', async () => {
    const c = new ApiClient(server.baseUrl);
    await c.login('2026990100010');
    await c.request('POST', '/api/v1/candidate/activate', { json: { agree: true } });
    const photo = await card(701);
    const ids: string[] = [];
    for (const [category, bytes] of [['id_card', photo], ['graduation_cert', photo], ['other', await card(702)]] as const) {
      const r = await c.upload(category, bytes);
      expect(r.status).toBe(201);
      ids.push(r.body.id);
    }
    // As before migration 011: no hashes, no pairs.
    const d = server.deps.db;
    await d.deleteFrom('image_duplicates').where('image_id', 'in', ids).execute();
    await d.deleteFrom('image_hashes').where('image_id', 'in', ids).execute();

    // A thumbnail missing from the store: named, the others go on.
    const missing = await d.selectFrom('images').select(['thumb_key']).where('id', '=', ids[2]!).executeTakeFirstOrThrow();
    const thumb = (await server.deps.blobs.get(missing.thumb_key))!;
    await server.deps.blobs.delete(missing.thumb_key);
    const first = await run();
    expect(first.code).toBe(1);
    expect(first.stdout).toContain(`MISSING  thumbnail of image ${ids[2]}`);
    expect(first.stdout).toContain('2 image(s) hashed, 1 duplicate pair(s) found, 1 without a thumbnail in the store');

    const hashes = await d.selectFrom('image_hashes').select(['image_id', 'kind', 'live']).where('image_id', 'in', ids).orderBy('image_id').execute();
    expect(hashes).toEqual([ids[0], ids[1]].sort().map((id) => ({ image_id: id, kind: 'stored', live: 1 })));
    const pairs = await d.selectFrom('image_duplicates').select(['image_id', 'duplicate_image_id']).where('image_id', 'in', ids).execute();
    expect(pairs.map((p) => [p.image_id, p.duplicate_image_id].sort())).toEqual([[ids[0], ids[1]].sort()]);
    // Recorded by the system (the upload's own row from before stays as it was).
    const audit = await d.selectFrom('audit_events').select(['image_id']).where('action', '=', 'image.duplicate_detected').where('actor_role', '=', 'system').execute();
    expect(audit.map((a) => a.image_id)).toEqual([pairs[0]!.image_id]);

    // Restored thumbnail: the next run takes only that one.
    await server.deps.blobs.put(missing.thumb_key, thumb);
    const second = await run('--batch', '1');
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('1 image(s) hashed, 0 duplicate pair(s) found, 0 without a thumbnail in the store');
    const again = await run();
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('0 image(s) hashed');

    expect((await run('--batch', 'x')).code).toBe(2);
  }, 300_000);
});
