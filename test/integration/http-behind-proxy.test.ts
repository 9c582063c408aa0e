import http from 'node:http';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/start-server.js';
import { testDatabases } from '../support/databases.js';
import { FREE_ATTEMPTS_PER_ADDRESS } from '../../src/domain/login-throttle.js';

/** A login attempt from a given local address (every 127.0.0.0/8 address reaches the loopback). */
function loginFrom(baseUrl: string, localAddress: string, username: string, forwardedFor?: string): Promise<{ status: number; body: any }> {
  const url = new URL('/api/v1/auth/login', baseUrl);
  const body = JSON.stringify({ username, password: 'wrong-password-1' });
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', localAddress, agent: false,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}) } },
      (res) => {
        let data = '';
        res.on('data', (d) => (data += d));
        res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(data) }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe.each(testDatabases())('behind a load balancer, on %s', (db) => {
  let server: TestServer;
  beforeAll(async () => {
    // 127.0.0.1 plays the balancer; clients connect from other loopback addresses.
    server = await startTestServer({ db, http: { trustProxy: ['127.0.0.1'], timeouts: { requestMs: 3000, headersMs: 1000, keepAliveMs: 1000 } } });
  });
  afterAll(async () => server?.close());

  it('a client cannot dodge the per-address login throttle by sending its own X-Forwarded-For', async () => {
    // From the balancer, the forwarded address counts.
    expect((await loginFrom(server.baseUrl, '127.0.0.1', 'nobody-0', '203.0.113.7')).status).toBe(401);
    const viaProxy = await server.deps.db.selectFrom('login_throttle').select('key').where('key', '=', 'ip:203.0.113.7').execute();
    expect(viaProxy).toHaveLength(1);

    // A client talking to the node directly with a new fake address each time is still one address.
    for (let i = 1; i <= 4; i++) expect((await loginFrom(server.baseUrl, '127.0.0.2', `nobody-${i}`, `198.51.100.${i}`)).status).toBe(401);
    const real = await server.deps.db.selectFrom('login_throttle').selectAll().where('key', '=', 'ip:127.0.0.2').executeTakeFirstOrThrow();
    expect(real.failures).toBe(4);
    // Fast-forward the count to the address allowance (as that many more attempts would), then keep faking.
    await server.deps.db.updateTable('login_throttle').set({ failures: FREE_ATTEMPTS_PER_ADDRESS - 1 }).where('key', '=', 'ip:127.0.0.2').execute();
    expect((await loginFrom(server.baseUrl, '127.0.0.2', 'nobody-5', '198.51.100.5')).status).toBe(401);
    const last = await loginFrom(server.baseUrl, '127.0.0.2', 'nobody-6', '198.51.100.6');
    expect(last.status).toBe(429);
    expect(last.body.error.code).toBe('TOO_MANY_ATTEMPTS');
    const spoofed = await server.deps.db.selectFrom('login_throttle').select('key').where('key', 'like', 'ip:198.51.100.%').execute();
    expect(spoofed).toEqual([]);
    // Another client is not affected.
    expect((await loginFrom(server.baseUrl, '127.0.0.3', 'nobody-x')).status).toBe(401);
  }, 60_000);

  it('closes a connection whose request headers trickle in too slowly', async () => {
    const socket = net.connect(Number(new URL(server.baseUrl).port), '127.0.0.1');
    await new Promise((r) => socket.once('connect', r));
    socket.write('GET /api/v1/health HTTP/1.1\r\nHost: x\r\n');
    // One header byte every 200 ms keeps the socket busy but never finishes the headers.
    const drip = setInterval(() => socket.writable && socket.write('X'), 200);
    let answer = '';
    socket.on('data', (d) => (answer += d));
    await new Promise<void>((resolve) => socket.once('close', () => resolve()));
    clearInterval(drip);
    // Node answers 408 before closing, or just closes: either way the client is cut off.
    expect(answer === '' || answer.startsWith('HTTP/1.1 408')).toBe(true);
  }, 60_000);

  it('answers readiness 200 while the database and the store are reachable', async () => {
    const res = await fetch(`${server.baseUrl}/api/v1/health/ready`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ready', database: 'ok', storage: 'ok' });
  });
});
