import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/start-server.js';
import { testDatabases } from '../support/databases.js';
import { sweepOrphanBlobs } from '../../src/services/sweep-orphan-blobs.js';
import { demoIdNumber } from '../../src/services/load-demo-data.js';
import { toDbTime } from '../../src/adapters/db/time.js';
import { ApiClient } from '../support/api-client.js';
import { makePhotoJpeg } from '../fixtures/make-image-corpus.js';

describe.each(testDatabases())('what the server keeps, on %s', (db) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ db });
  });
  afterAll(async () => server?.close());

  it('sweeps blobs whose upload never committed its row, and keeps every blob a row points to', async () => {
    const c = new ApiClient(server.baseUrl);
    await c.login('2026990100001');
    await c.request('POST', '/api/v1/candidate/activate', { json: { agree: true } });
    const kept = await c.upload('other', await makePhotoJpeg({ width: 800, height: 600, targetBytes: 80_000 }));
    expect(kept.status).toBe(201);
    // A crash between writing the blob and committing the row leaves this behind.
    const orphan = 'images/2026/01/00000000-0000-4000-8000-000000000000.jpg';
    await server.deps.db.insertInto('pending_blobs').values({ key: orphan, created_at: toDbTime(server.clock.now()) }).execute();
    await server.deps.blobs.put(orphan, Buffer.from('half an upload'));
    expect(await sweepOrphanBlobs(server.deps)).toBe(0); // too young: an upload may still be running
    server.clock.advance(2 * 60 * 60_000);
    try {
      expect(await sweepOrphanBlobs(server.deps)).toBe(1);
    } finally {
      server.clock.advance(-2 * 60 * 60_000);
    }
    expect(await server.deps.blobs.get(orphan)).toBeNull();
    expect((await c.request('GET', kept.body.url)).status).toBe(200);
    expect(await server.deps.db.selectFrom('pending_blobs').selectAll().execute()).toEqual([]);
  });

  it('never stores ID or phone numbers in plain text', async () => {
    const rows = await server.deps.db.selectFrom('registrations').select(['id_number_cipher', 'id_number_hash', 'phone_cipher', 'id_number_masked']).execute();
    const dump = JSON.stringify(rows);
    for (let n = 1; n <= 20; n++) expect(dump).not.toContain(demoIdNumber(n));
    expect(dump).not.toMatch(/1399900\d{4}/);
    if (db === 'sqlite') {
      for (const name of ['app.db', 'app.db-wal']) {
        const file = await fs.readFile(path.join(server.dataDir, name)).catch(() => Buffer.alloc(0));
        expect(file.includes(Buffer.from(demoIdNumber(1)))).toBe(false);
        expect(file.includes(Buffer.from('13999000001'))).toBe(false);
      }
    }
    expect(server.deps.cipher.decrypt(rows[0]!.id_number_cipher)).toMatch(/^\d{17}[\dX]$/);
  });
});
