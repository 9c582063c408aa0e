import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/start-server.js';
import { ApiClient } from '../support/api-client.js';
import { testDatabases } from '../support/databases.js';
import { makePhotoJpeg } from '../fixtures/make-image-corpus.js';

/**
 * Issue 9: a request reads what it needs once. One upload through the real HTTP app, its SQL
 * counted at the database: every statement the driver sends (test/support/statement-log.ts).
 *
 * With the catalog cache warm, 10 statements: the session (auth), one read of the file (with the
 * category's taken slots and any stored Idempotency-Key answer), the duplicate probe, the pending
 * marks of the two blobs; then in one transaction the guard (the registration's row lock), the
 * image, its hashes, its audit row, the pending marks claimed, the queue columns. Plus BEGIN and
 * COMMIT: 12 in all. The catalog and the rules come from a cache of a few seconds: read at most
 * once each, when it is cold (before: 11 statements, 13 with BEGIN/COMMIT, the slots read apart).
 */
const SQL_BUDGET = 10;
const TRANSACTION_CONTROL = 2;

describe.each(testDatabases())('the statements of one upload on %s', (db) => {
  let server: TestServer;
  let photo: Buffer;
  /** Another picture: the same one again would be found as a duplicate (two statements more: the pair, its audit row). */
  let otherPhoto: Buffer;

  beforeAll(async () => {
    server = await startTestServer({ db, countStatements: true });
    photo = await makePhotoJpeg({ width: 1200, height: 900, targetBytes: 120_000, seed: 7 });
    otherPhoto = await makePhotoJpeg({ width: 1200, height: 900, targetBytes: 120_000, seed: 8 });
  });
  afterAll(async () => server?.close());

  async function activatedCandidate(no: string) {
    const c = new ApiClient(server.baseUrl);
    expect((await c.login(no)).status).toBe(200);
    expect((await c.request('POST', '/api/v1/candidate/activate', { json: { agree: true } })).status).toBe(200);
    return c;
  }

  const isRead = (table: string) => (s: string) => new RegExp(`^select\\b[\\s\\S]*\\bfrom "${table}"`).test(s.trim());
  const count = (statements: string[], table: string) => statements.filter(isRead(table)).length;
  const writes = (statements: string[]) => statements.filter((s) => /^(insert|update|delete)\b/i.test(s.trim()));
  /** Without the catalog reads, which the cache saves whenever it is warm. */
  const beyondCatalog = (statements: string[]) => statements.filter((s) => !isRead('material_categories')(s) && !isRead('requirement_rules')(s));
  const isTransactionControl = (s: string) => /^(begin|commit|rollback)\b/i.test(s.trim());
  /** The budget of one upload: SQL statements, and BEGIN/COMMIT on top. */
  function expectWithin(statements: string[], extra = 0) {
    const counted = beyondCatalog(statements);
    expect(counted.filter((s) => !isTransactionControl(s)).length).toBeLessThanOrEqual(SQL_BUDGET + extra);
    expect(counted.filter(isTransactionControl).length).toBe(TRANSACTION_CONTROL);
  }

  it('stores a JPEG reading the file, the catalog and the rules at most once', async () => {
    const c = await activatedCandidate('2026990100001');
    const res = await c.upload('graduation_cert', photo);
    expect(res.status).toBe(201);
    const statements = server.statements!.of(res.headers.get('x-request-id'));
    if (process.env.TEST_LOG_STATEMENTS === '1') console.log(db, statements.length, statements.map((s) => s.slice(0, 100)));
    expect(count(statements, 'registrations')).toBe(1);
    expect(count(statements, 'images')).toBe(0);
    expect(count(statements, 'material_categories')).toBeLessThanOrEqual(1);
    expect(count(statements, 'requirement_rules')).toBeLessThanOrEqual(1);
    expectWithin(statements);
    // The image is there, as the candidate's page shows it.
    const materials = (await c.request('GET', '/api/v1/candidate/materials')).body;
    expect(materials.categories.find((x: any) => x.code === 'graduation_cert').images.map((i: any) => i.id)).toEqual([res.body.id]);
  });

  it('with an Idempotency-Key: one statement more to store the answer, and a retry is answered from the one read of the file', async () => {
    const c = await activatedCandidate('2026990100002');
    const headers = { 'idempotency-key': 'statements-retry-1' };
    const first = await c.upload('graduation_cert', otherPhoto, 'photo.jpg', headers);
    expect(first.status).toBe(201);
    expectWithin(server.statements!.of(first.headers.get('x-request-id')), 1);
    const retry = await c.upload('graduation_cert', otherPhoto, 'photo.jpg', headers);
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body).toEqual(first.body);
    const statements = server.statements!.of(retry.headers.get('x-request-id'));
    expect(count(statements, 'registrations')).toBe(1);
    // Nothing written for a replay (the session may slide its expiry).
    expect(writes(statements).filter((s) => !/"sessions"/.test(s))).toEqual([]);
  });
});
