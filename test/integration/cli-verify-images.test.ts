import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/start-server.js';
import { cliEnvFor, runCli } from '../support/run-cli.js';
import { testDatabases } from '../support/databases.js';
import { ApiClient } from '../support/api-client.js';
import { makePhotoJpeg } from '../fixtures/make-image-corpus.js';

describe.each(testDatabases())('restore drill: verify-images, on %s', (db) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ db });
  });
  afterAll(async () => server?.close());

  const run = (...args: string[]) => runCli('verify-images', args, cliEnvFor(server));

  it('passes while every approved image matches its recorded sha256, and names each altered or missing one', async () => {
    const c = new ApiClient(server.baseUrl);
    await c.login('2026990100004');
    await c.request('POST', '/api/v1/candidate/activate', { json: { agree: true } });
    const ids: string[] = [];
    for (const seed of [1, 2]) {
      const r = await c.upload('other', await makePhotoJpeg({ width: 640, height: 480, targetBytes: 40_000, seed }));
      expect(r.status).toBe(201);
      ids.push(r.body.id);
    }
    // As a review would leave them: both approved.
    await server.deps.db.updateTable('images').set({ state: 'approved' }).where('id', 'in', ids).execute();

    const ok = await run();
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('2 approved image(s) checked: 2 intact, 0 missing, 0 altered');

    const rows = await server.deps.db.selectFrom('images').select(['id', 'blob_key']).where('id', 'in', ids).orderBy('id').execute();
    await server.deps.blobs.put(rows[0]!.blob_key, Buffer.from('not the approved image'));
    await server.deps.blobs.delete(rows[1]!.blob_key);
    const bad = await run();
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain(`ALTERED  image ${rows[0]!.id}`);
    expect(bad.stdout).toContain(`MISSING  image ${rows[1]!.id}`);
    expect(bad.stdout).toContain('0 intact, 1 missing, 1 altered');

    expect((await run('--bogus')).code).toBe(2);
  }, 120_000);
});
