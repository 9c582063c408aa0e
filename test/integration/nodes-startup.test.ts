import { afterAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { createPostgresDatabase } from '../support/databases.js';
import { spawnNode, startExpectingFailure, type NodeProcess } from '../support/spawn-node.js';
import { TEST_DATA_KEY } from '../support/start-server.js';

// Several nodes on one PostgreSQL database (SQLite is one process per file by design).
describe('nodes starting together on one PostgreSQL database', () => {
  const started: NodeProcess[] = [];
  let db: Awaited<ReturnType<typeof createPostgresDatabase>> | undefined;

  afterAll(async () => {
    for (const n of started) n.child.kill('SIGKILL');
    await Promise.all(started.map((n) => n.exited));
    await db?.drop();
  });

  it('three nodes started at once all come up, with the demo data loaded exactly once; a restarted node comes up', async () => {
    db = await createPostgresDatabase();
    const env = { DATABASE_URL: db.url, DATA_KEY: TEST_DATA_KEY, LOG: 'off' };
    const nodes = await Promise.all([spawnNode(env), spawnNode(env), spawnNode(env)]);
    started.push(...nodes);
    for (const n of nodes) {
      const ready = await fetch(`${n.baseUrl}/api/v1/health/ready`);
      expect(ready.status).toBe(200);
      // Every node serves the same demo accounts.
      const login = await fetch(`${n.baseUrl}/api/v1/auth/login`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'Demo#2026' }),
      });
      expect(login.status).toBe(200);
    }
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    try {
      const counts = await c.query(`select (select count(*) from regions where code = '99') as regions, (select count(*) from accounts where username = 'admin') as admins,
        (select count(*) from registrations) as registrations, (select count(*) from material_categories) as categories, (select count(*) from kysely_migration) as migrations`);
      const row = counts.rows[0];
      expect(Number(row.regions)).toBe(1);
      expect(Number(row.admins)).toBe(1);
      expect(Number(row.registrations)).toBe(20);
      expect(Number(row.categories)).toBeGreaterThan(0);
      const categoriesBefore = Number(row.categories);

      // Restart one node (SIGTERM drains and exits 0), then start it again on the existing database.
      nodes[0]!.child.kill('SIGTERM');
      expect(await nodes[0]!.exited).toBe(0);
      const again = await spawnNode({ ...env, DRAIN_DELAY_SECONDS: '0' });
      started.push(again);
      expect((await fetch(`${again.baseUrl}/api/v1/health/ready`)).status).toBe(200);
      const after = (await c.query(`select (select count(*) from regions) as regions, (select count(*) from material_categories) as categories, (select count(*) from registrations) as registrations`)).rows[0];
      expect(Number(after.regions)).toBe(1);
      expect(Number(after.categories)).toBe(categoriesBefore);
      expect(Number(after.registrations)).toBe(20);
    } finally {
      await c.end();
    }
  }, 240_000);

  it('refuses to start on PostgreSQL without DATA_KEY, and with TRUST_PROXY=true, saying what to set', async () => {
    const noKey = await startExpectingFailure({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/postgres', LOG: 'off' });
    expect(noKey.code).toBe(1);
    expect(noKey.output).toContain('DATA_KEY must be set when DATABASE_URL is set');
    expect(noKey.output).not.toMatch(/\n\s+at /); // a message, not a stack trace

    const trustAll = await startExpectingFailure({ TRUST_PROXY: 'true', LOG: 'off' });
    expect(trustAll.code).toBe(1);
    expect(trustAll.output).toContain('TRUST_PROXY=true is not accepted');
    const bad = await startExpectingFailure({ TRUST_PROXY: '10.0.0.0/8,not-an-address', LOG: 'off' });
    expect(bad.code).toBe(1);
    expect(bad.output).toContain('"not-an-address" is not an IP address or CIDR');
  }, 180_000);
});
