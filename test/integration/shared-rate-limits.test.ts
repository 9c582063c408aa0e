import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/start-server.js';
import { testDatabases } from '../support/databases.js';
import { ApiClient } from '../support/api-client.js';

/** Redis runs on 127.0.0.1:6379 here and in CI; every run uses its own key prefix. */
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

describe.each(testDatabases())('rate limits shared through Redis by two nodes, on %s', (db) => {
  const namespace = `medexam-test-${crypto.randomBytes(6).toString('hex')}:`;
  let redisA: Redis;
  let redisB: Redis;
  let a: TestServer;
  let b: TestServer;
  let webDir: string;

  beforeAll(async () => {
    webDir = await fs.mkdtemp(path.join(os.tmpdir(), 'medexam-web-'));
    await fs.mkdir(path.join(webDir, 'assets'));
    await fs.writeFile(path.join(webDir, 'index.html'), '<!doctype html><title>考生服务</title>');
    await fs.writeFile(path.join(webDir, 'assets', 'app.js'), 'console.log(1)');
    // Each node has its own connection, as separate processes would.
    redisA = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
    redisB = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
    a = await startTestServer({ db, http: { redis: redisA, rateLimitNamespace: namespace, webDir } });
    b = await startTestServer({ db, sameDataAs: a, http: { redis: redisB, rateLimitNamespace: namespace, webDir } });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
    const keys = await redisA.keys(`${namespace}*`);
    if (keys.length) await redisA.del(...keys);
    redisA.disconnect();
    redisB.disconnect();
    await fs.rm(webDir, { recursive: true, force: true });
  });

  const notAnImage = Buffer.from('this is not an image at all');

  it('counts 60 uploads a minute per candidate across both nodes, and logging in again does not reset it', async () => {
    const onA = new ApiClient(a.baseUrl);
    expect((await onA.login('2026990100002')).status).toBe(200);
    expect((await onA.request('POST', '/api/v1/candidate/activate', { json: { agree: true } })).status).toBe(200);
    const onB = Object.assign(new ApiClient(b.baseUrl), { cookie: onA.cookie, csrfToken: onA.csrfToken });

    for (let i = 0; i < 30; i++) {
      const r = await (i % 2 ? onB : onA).upload('other', notAnImage, 'x.jpg');
      expect(r.status).toBe(415); // refused as not an image, but counted
    }
    // A fresh session (new login, on the other node) is still the same candidate.
    const again = new ApiClient(b.baseUrl);
    expect((await again.login('2026990100002')).status).toBe(200);
    const againOnA = Object.assign(new ApiClient(a.baseUrl), { cookie: again.cookie, csrfToken: again.csrfToken });
    for (let i = 0; i < 30; i++) {
      const r = await (i % 2 ? again : againOnA).upload('other', notAnImage, 'x.jpg');
      expect(r.status).toBe(415);
    }
    for (const client of [again, againOnA]) {
      const limited = await client.upload('other', notAnImage, 'x.jpg');
      expect(limited.status).toBe(429);
      expect(limited.body.error.code).toBe('RATE_LIMITED');
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    // Another candidate has their own allowance.
    const other = new ApiClient(b.baseUrl);
    await other.login('2026990100003');
    await other.request('POST', '/api/v1/candidate/activate', { json: { agree: true } });
    expect((await other.upload('other', notAnImage, 'x.jpg')).status).toBe(415);
  }, 120_000);

  it('a browser refused on a page route (/sso) gets a readable page with the wait, not JSON', async () => {
    let last: Response | undefined;
    for (let i = 0; i < 61; i++) {
      last = await fetch(`${(i % 2 ? a : b).baseUrl}/sso?token=not-a-token`, { headers: { accept: 'text/html' }, redirect: 'manual' });
      if (last.status === 429) break;
      expect(last.status).toBe(401); // the refused link's own page
      await last.arrayBuffer();
    }
    expect(last!.status).toBe(429);
    expect(last!.headers.get('content-type')).toContain('text/html');
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await last!.text()).toContain('访问过于频繁');
  });

  it('never counts the web client or its static files', async () => {
    for (const url of ['/', '/assets/app.js', '/candidate/materials']) {
      const res = await fetch(a.baseUrl + url);
      expect(res.status).toBe(200);
      expect(res.headers.get('x-ratelimit-limit')).toBeNull();
    }
    const api = await fetch(`${a.baseUrl}/api/v1/me`);
    expect(api.headers.get('x-ratelimit-limit')).not.toBeNull();
  });
});
