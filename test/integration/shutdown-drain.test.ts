import net from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { createPostgresDatabase, testDatabases } from '../support/databases.js';
import { spawnNode, type NodeProcess } from '../support/spawn-node.js';
import { TEST_DATA_KEY } from '../support/start-server.js';

describe.each(testDatabases())('SIGTERM on a real server process, on %s', (db) => {
  const cleanup: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const c of cleanup.reverse()) await c();
  });

  it('turns readiness to 503, lets the request in flight finish, then exits 0', async () => {
    const env: Record<string, string> = { LOG: 'off', DRAIN_DELAY_SECONDS: '3', DATA_KEY: TEST_DATA_KEY };
    if (db === 'postgres') {
      const pg = await createPostgresDatabase();
      cleanup.push(() => pg.drop());
      env.DATABASE_URL = pg.url;
    }
    const node: NodeProcess = await spawnNode(env);
    cleanup.push(async () => {
      node.child.kill('SIGKILL');
      await node.exited;
    });
    expect((await fetch(`${node.baseUrl}/api/v1/health/ready`)).status).toBe(200);

    // A login whose body is still on its way when SIGTERM arrives.
    const body = JSON.stringify({ username: 'admin', password: 'not-the-password-1' });
    const socket = net.connect(node.port, '127.0.0.1');
    await new Promise((r) => socket.once('connect', r));
    let answer = '';
    socket.on('data', (d) => (answer += d));
    const closed = new Promise<void>((r) => socket.once('close', () => r()));
    socket.write(`POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body.slice(0, 10)}`);
    await new Promise((r) => setTimeout(r, 300));

    node.child.kill('SIGTERM');
    let readiness = 0;
    for (let i = 0; i < 50 && readiness !== 503; i++) {
      readiness = (await fetch(`${node.baseUrl}/api/v1/health/ready`)).status;
      if (readiness !== 503) await new Promise((r) => setTimeout(r, 50));
    }
    expect(readiness).toBe(503);
    // Liveness stays 200 while draining: the process is fine, it just takes no new work.
    expect((await fetch(`${node.baseUrl}/api/v1/health`)).status).toBe(200);

    socket.write(body.slice(10));
    await closed;
    expect(answer).toMatch(/^HTTP\/1\.1 401 /);
    expect(answer).toContain('INVALID_CREDENTIALS');
    expect(await node.exited).toBe(0);
  }, 180_000);
});
