import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/start-server.js';
import { testDatabases } from '../support/databases.js';
import { startS3rver, type TestS3 } from '../support/s3rver.js';

/** What a load balancer sees: ready only while the node can serve (database and object store reachable). */
describe.each(testDatabases())('readiness on an S3 store, on %s', (db) => {
  let s3: TestS3;
  let server: TestServer;
  const saved = { ...process.env };
  beforeAll(async () => {
    s3 = await startS3rver('medexam-ready');
    Object.assign(process.env, s3.env); // the AWS SDK reads endpoint and keys from the environment
    server = await startTestServer({ db, env: s3.env });
  });
  afterAll(async () => {
    await server?.close();
    await s3?.close();
    for (const k of Object.keys(s3?.env ?? {})) if (!(k in saved)) delete process.env[k];
  });

  it('answers 200 while the store answers, 503 while it is down (liveness stays 200), and 200 again when it is back', async () => {
    const ready = () => fetch(`${server.baseUrl}/api/v1/health/ready`);
    expect((await ready()).status).toBe(200);
    await s3.stop();
    const down = await ready();
    expect(down.status).toBe(503);
    expect(down.headers.get('retry-after')).toBeTruthy();
    expect(await down.json()).toMatchObject({ status: 'unavailable', database: 'ok', storage: 'unreachable' });
    expect((await fetch(`${server.baseUrl}/api/v1/health`)).status).toBe(200);
    await s3.restart();
    expect((await ready()).status).toBe(200);
  }, 60_000);
});
