import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/start-server.js';
import { ApiClient } from '../support/api-client.js';
import { testDatabases } from '../support/databases.js';
import { handoffUrl, signHandoffToken } from '../../scripts/sign-handoff-token.js';
import { signHandoffToken as signWithPayload } from '../../src/domain/handoff-token.js';

describe.each(testDatabases())('hand-off from the registration system (/sso) on %s', (db) => {
  let server: TestServer;
  let key: string;

  const follow = async (token: string, cookie = '') => {
    const res = await fetch(handoffUrl(server.baseUrl, token), { redirect: 'manual', headers: cookie ? { cookie } : {} });
    const setCookie = res.headers.get('set-cookie') ?? '';
    return { res, cookie: /sid=([^;]+)/.exec(setCookie)?.[0] ?? '', text: res.status === 302 ? '' : await res.text() };
  };
  const me = async (cookie: string) => {
    const c = new ApiClient(server.baseUrl);
    c.cookie = cookie;
    return c.request('GET', '/api/v1/auth/me');
  };

  beforeAll(async () => {
    server = await startTestServer({ db });
    key = server.deps.handoffKey!;
  });
  afterAll(async () => server?.close());

  it('opens a session like a login and redirects to /; the same link works only once', async () => {
    const token = signHandoffToken(key, '2026990100001', 300, server.clock.now().getTime());
    const first = await follow(token);
    expect(first.res.status).toBe(302);
    expect(first.res.headers.get('location')).toBe('/');
    expect(first.res.headers.get('set-cookie')).toMatch(/HttpOnly/i);
    const session = await me(first.cookie);
    expect(session.status).toBe(200);
    expect(session.body.user).toMatchObject({ username: '2026990100001', role: 'candidate' });
    expect(session.body.csrfToken).toBeTruthy();

    const replay = await follow(token);
    expect(replay.res.status).toBe(401);
    expect(replay.res.headers.get('content-type')).toContain('text/html');
    expect(replay.text).toContain('HANDOFF_USED');
    expect(replay.text).toContain('只能使用一次');
    expect(replay.res.headers.get('set-cookie')).toBeNull();
    const events = await server.deps.db.selectFrom('audit_events').select('action').where('action', 'in', ['auth.handoff_login', 'auth.handoff_refused']).execute();
    expect(events.map((e) => e.action).sort()).toEqual(['auth.handoff_login', 'auth.handoff_refused']);
  });

  it('refuses expired, forged, altered and over-long tokens with a page that says what to do', async () => {
    const now = server.clock.now().getTime();
    const expired = await follow(signHandoffToken(key, '2026990100002', 60, now - 3_600_000));
    expect(expired.res.status).toBe(401);
    expect(expired.text).toContain('登录链接已过期');
    expect(expired.text).toContain('href="/login"');

    const forged = await follow(signHandoffToken('another-key-another-key-another-key', '2026990100002', 300, now));
    expect(forged.text).toContain('HANDOFF_INVALID');
    const good = signHandoffToken(key, '2026990100002', 300, now);
    const [body, sig] = good.split('.') as [string, string];
    const altered = JSON.parse(Buffer.from(body, 'base64url').toString());
    altered.registrationNo = '2026990100003';
    expect((await follow(`${Buffer.from(JSON.stringify(altered)).toString('base64url')}.${sig}`)).text).toContain('HANDOFF_INVALID');
    const tooLong = signWithPayload(key, { registrationNo: '2026990100002', exp: Math.floor(now / 1000) + 86_400, jti: 'abcdefghijklmnopqrstuv' });
    expect((await follow(tooLong)).text).toContain('HANDOFF_INVALID');
    expect((await follow('')).text).toContain('HANDOFF_INVALID');
    expect((await follow('not-a-token')).res.status).toBe(401);
    // The good token was never spent by the failures above.
    expect((await follow(good)).res.status).toBe(302);
  });

  it('refuses an unknown 报名号 and a disabled account, and logs out whoever was logged in before', async () => {
    const now = server.clock.now().getTime();
    const unknown = await follow(signHandoffToken(key, '2026990199999', 300, now));
    expect(unknown.res.status).toBe(403);
    expect(unknown.text).toContain('HANDOFF_UNAVAILABLE');
    await server.deps.db.updateTable('accounts').set({ disabled: 1 }).where('username', '=', '2026990100004').execute();
    expect((await follow(signHandoffToken(key, '2026990100004', 300, now))).text).toContain('HANDOFF_UNAVAILABLE');

    const other = new ApiClient(server.baseUrl);
    await other.login('2026990100005');
    const switched = await follow(signHandoffToken(key, '2026990100006', 300, now), other.cookie);
    expect(switched.res.status).toBe(302);
    expect((await me(other.cookie)).status).toBe(401);
    expect((await me(switched.cookie)).body.user.username).toBe('2026990100006');
  });
});
