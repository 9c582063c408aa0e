import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestServer, type TestServer } from '../support/start-server.js';
import { testDatabases } from '../support/databases.js';
import { runOneJob } from '../../src/services/run-jobs.js';
import { sweepOrphanBlobs } from '../../src/services/sweep-orphan-blobs.js';
import { LogFileSmsSender } from '../../src/adapters/notify/log-file-sms-sender.js';
import { toDbTime } from '../../src/adapters/db/time.js';

/** Two nodes on one database (each its own connection pool and job worker), as in production. */
describe.each(testDatabases())('background jobs with two nodes, on %s', (db) => {
  let a: TestServer;
  let b: TestServer;
  beforeAll(async () => {
    a = await startTestServer({ db });
    b = await startTestServer({ db, sameDataAs: a });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  async function smsLines(file: string): Promise<{ idempotencyKey: string }[]> {
    const text = await fs.readFile(file, 'utf8').catch(() => '');
    return text.split('\n').filter(Boolean).map((l) => JSON.parse(l));
  }

  it('sends every queued SMS exactly once while both nodes work the outbox', async () => {
    const regs = await a.deps.db.selectFrom('registrations').select('id').execute();
    const now = toDbTime(a.clock.now());
    const jobs = Array.from({ length: 120 }, (_, i) => ({
      kind: 'sms', payload: JSON.stringify({ registrationId: regs[i % regs.length]!.id, text: `通知 ${i}` }), run_at: now, attempts: 0, locked_until: null, done_at: null, last_error: null,
    }));
    const inserted = await a.deps.db.insertInto('jobs').values(jobs).returning('id').execute();
    // Besides the nodes' own workers (which write to sms.log), two more workers per node race for the same jobs.
    const files = ['a1', 'a2', 'b1', 'b2'].map((n) => path.join(a.dataDir, `sms-${n}.log`));
    const drain = async (server: TestServer, file: string) => {
      const sender = new LogFileSmsSender(file);
      while (await runOneJob(server.deps, sender)) {
        /* next */
      }
    };
    const undone = () => a.deps.db.selectFrom('jobs').select('id').where('done_at', 'is', null).where('id', 'in', inserted.map((r) => r.id)).execute();
    await Promise.all([drain(a, files[0]!), drain(b, files[1]!), drain(a, files[2]!), drain(b, files[3]!)]);
    // A drain stops when it finds nothing free; a job another worker still holds is finished by that
    // worker a moment later (or, once its lease lapses, by the next drain). Wait for the outbox to empty.
    await vi.waitFor(async () => {
      await drain(a, files[0]!);
      expect(await undone()).toEqual([]);
    }, { timeout: 30_000, interval: 200 });
    const sent = (await Promise.all([...files, path.join(a.dataDir, 'sms.log')].map(smsLines))).flat().map((l) => l.idempotencyKey);
    const expected = inserted.map((r) => `job-${r.id}`);
    expect(sent.filter((k) => expected.includes(k)).sort()).toEqual([...expected].sort());
    // Done rows are never run again.
    const attempts = await a.deps.db.selectFrom('jobs').select('attempts').where('id', 'in', inserted.map((r) => r.id)).execute();
    expect(attempts.every((j) => Number(j.attempts) === 1)).toBe(true);
  });

  it('two nodes sweeping at once remove each orphan blob once and keep every blob a row points to', async () => {
    const old = toDbTime(new Date(a.clock.now().getTime() - 2 * 60 * 60_000));
    const keys = Array.from({ length: 40 }, (_, i) => `images/2026/01/00000000-0000-4000-8000-${String(i).padStart(12, '0')}.jpg`);
    for (const key of keys) {
      await a.deps.blobs.put(key, Buffer.from(`half an upload ${key}`));
    }
    await a.deps.db.insertInto('pending_blobs').values(keys.map((key) => ({ key, created_at: old }))).execute();
    // A young key belongs to an upload still being written on some node: never swept.
    const young = 'images/2026/01/00000000-0000-4000-8000-999999999999.jpg';
    await a.deps.blobs.put(young, Buffer.from('still writing'));
    await a.deps.db.insertInto('pending_blobs').values({ key: young, created_at: toDbTime(a.clock.now()) }).execute();

    const [ra, rb] = await Promise.all([sweepOrphanBlobs(a.deps), sweepOrphanBlobs(b.deps)]);
    expect(ra + rb).toBe(keys.length);
    for (const key of keys) expect(await a.deps.blobs.get(key)).toBeNull();
    expect(await a.deps.blobs.get(young)).not.toBeNull();
    const pending = await a.deps.db.selectFrom('pending_blobs').select('key').execute();
    expect(pending.map((p) => p.key)).toEqual([young]);
  });
});
