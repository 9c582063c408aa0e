import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/start-server.js';
import { ApiClient } from '../support/api-client.js';
import { testDatabases } from '../support/databases.js';
import { makePhotoJpeg } from '../fixtures/make-image-corpus.js';
import { candidateWithMaterials, staff, verdicts } from '../support/review-fixtures.js';

/** The gaps of issue 14 on the auth and audit side: password guessing, session lifetime, audit trail. */
describe.each(testDatabases())('security hardening on %s', (db) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ db });
  });
  afterAll(async () => server?.close());

  const auditRows = (action: string) =>
    server.deps.db.selectFrom('audit_events').selectAll().where('action', '=', action).orderBy('id').execute();

  it('throttles guessing the current password per account (429 with Retry-After) and audits every failure', async () => {
    const c = new ApiClient(server.baseUrl);
    expect((await c.login('2026990200001')).status).toBe(200);
    const codes: number[] = [];
    for (let i = 0; i < 7; i++) {
      codes.push((await c.request('POST', '/api/v1/auth/password', { json: { currentPassword: `guess-${i}`, newPassword: 'Better#2026x' } })).status);
    }
    expect(codes.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(codes.at(-1)).toBe(429);
    // Even the right password is refused while the block lasts: a guess cannot be confirmed.
    const blocked = await c.request('POST', '/api/v1/auth/password', { json: { currentPassword: 'Demo#2026', newPassword: 'Better#2026x' } });
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe('TOO_MANY_ATTEMPTS');
    expect(blocked.body.error.message).toMatch(/当前密码输入错误次数过多/);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    const account = await server.deps.db.selectFrom('accounts').select('id').where('username', '=', '2026990200001').executeTakeFirstOrThrow();
    const failed = (await auditRows('auth.password_change_failed')).filter((r) => r.actor_account_id === account.id);
    expect(failed.length).toBeGreaterThanOrEqual(5);
    expect(failed.every((r) => r.ip === '127.0.0.1' && r.request_id)).toBe(true);
    expect((await auditRows('auth.password_change_throttled')).some((r) => r.actor_account_id === account.id)).toBe(true);
    // Another account is not affected.
    const other = new ApiClient(server.baseUrl);
    await other.login('2026990200002');
    expect((await other.request('POST', '/api/v1/auth/password', { json: { currentPassword: 'Demo#2026', newPassword: 'Better#2026x' } })).status).toBe(204);
    // Once the block has passed, the right password works and clears the count.
    server.clock.advance(20 * 60_000);
    try {
      expect((await c.request('POST', '/api/v1/auth/password', { json: { currentPassword: 'Demo#2026', newPassword: 'Better#2026y' } })).status).toBe(204);
    } finally {
      server.clock.advance(-20 * 60_000);
    }
  });

  it('records throttled logins in the audit log', async () => {
    const c = new ApiClient(server.baseUrl);
    for (let i = 0; i < 7; i++) await c.login('2026990200003', `bad-${i}`);
    expect((await c.login('2026990200003')).status).toBe(429);
    const rows = (await auditRows('auth.login_throttled')).filter((r) => JSON.parse(r.details).username === '2026990200003');
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(rows[0]!.ip).toBe('127.0.0.1');
    expect(rows[0]!.request_id).toBeTruthy();
  });

  it('ends a session at its absolute lifetime however often it is used', async () => {
    const c = new ApiClient(server.baseUrl);
    await c.login('site9902');
    const start = server.clock.now().getTime();
    try {
      // Used every 30 minutes (well inside the 2-hour idle timeout) for 11.5 hours: still signed in.
      for (let t = 30; t <= 690; t += 30) {
        server.clock.set(new Date(start + t * 60_000));
        expect((await c.request('GET', '/api/v1/auth/me')).status).toBe(200);
      }
      server.clock.set(new Date(start + 12 * 60 * 60_000 + 1000));
      const me = await c.request('GET', '/api/v1/auth/me');
      expect(me.status).toBe(401);
      expect(me.body.error.code).toBe('UNAUTHENTICATED');
    } finally {
      server.clock.set(new Date(start));
    }
  });

  it('gives every audit row its request id and image verdict rows the address', async () => {
    const photo = await makePhotoJpeg({ width: 1200, height: 900, targetBytes: 90_000 });
    await candidateWithMaterials(server, '2026990200004', photo);
    const reviewer = await staff(server, 'site9902');
    const claim = await reviewer.request('POST', '/api/v1/review/registrations/2026990200004/claim');
    expect(claim.status).toBe(200);
    const file = await reviewer.request('GET', '/api/v1/review/registrations/2026990200004');
    const decision = await reviewer.request('POST', '/api/v1/review/registrations/2026990200004/decision', { json: { outcome: 'pass', images: verdicts(file.body) } });
    expect(decision.status).toBe(200);
    const requestId = decision.headers.get('x-request-id');
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    const rows = await auditRows('review.image_verdict');
    const mine = rows.filter((r) => r.request_id === requestId);
    expect(mine).toHaveLength(5);
    expect(mine.every((r) => r.ip === '127.0.0.1')).toBe(true);
    const uploads = await auditRows('image.uploaded');
    expect(uploads.length).toBeGreaterThan(0);
    expect(uploads.every((r) => r.request_id)).toBe(true);
    expect(new Set(uploads.map((r) => r.request_id)).size).toBe(uploads.length);
  });
});
