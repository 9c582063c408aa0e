import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresDatabase, testDatabases } from '../support/databases.js';
import { ApiClient } from '../support/api-client.js';
import { closedPort, startS3rver, type TestS3 } from '../support/s3rver.js';
import { makePhotoJpeg } from '../fixtures/make-image-corpus.js';
import { runCli } from '../support/run-cli.js';

/*
 * The operator's switch from local disk to a bucket, end to end with real server processes:
 * uploads on the local store, the copy command while the server runs, more uploads, the
 * server stopped, the command again, the local store removed, the server started on the
 * S3 store — every image (full and thumbnail) is still served, byte for byte. s3rver stands
 * in for the provider (no signature or ACL checks: see blob-store-contract.test.ts).
 */
const ROOT = path.resolve(new URL('../..', import.meta.url).pathname);

describe.each(testDatabases())('migrate-blobs-to-s3 on %s', (db) => {
  let s3: TestS3;
  let dataDir: string;
  let pg: Awaited<ReturnType<typeof createPostgresDatabase>> | null = null;
  let node: ChildProcess | null = null;
  let baseEnv: Record<string, string>;

  beforeAll(async () => {
    s3 = await startS3rver();
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'medexam-migrate-'));
    pg = db === 'postgres' ? await createPostgresDatabase() : null;
    const { S3_BUCKET: _b, ...sdk } = s3.env;
    baseEnv = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? os.tmpdir(),
      DATA_DIR: dataDir,
      DATA_KEY: crypto.randomBytes(32).toString('base64url'),
      HOST: '127.0.0.1',
      LOG: 'off',
      WEB_DIR: path.join(ROOT, 'web', 'dist'),
      ...(pg ? { DATABASE_URL: pg.url } : {}),
      // The SDK's variables may be there all along: only S3_BUCKET switches the store.
      ...sdk,
      S3_PREFIX: 'exam2026',
    };
  });
  afterAll(async () => {
    node?.kill('SIGKILL');
    await s3?.close();
    await pg?.drop();
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  async function startNode(env: Record<string, string>): Promise<string> {
    const port = await closedPort();
    node = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/main.ts')], {
      cwd: ROOT,
      env: { ...baseEnv, ...env, PORT: String(port) },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    node.stderr!.on('data', (d) => (stderr += d));
    const url = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 600; i++) {
      if (node.exitCode !== null) throw new Error(`server exited: ${stderr}`);
      const ok = await fetch(`${url}/api/v1/health`).then((r) => r.ok, () => false);
      if (ok) return url;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`server did not come up: ${stderr}`);
  }

  async function stopNode(): Promise<void> {
    const n = node!;
    node = null;
    const exited = new Promise((r) => n.once('exit', r));
    n.kill('SIGTERM');
    await exited;
  }

  const migrate = (env: Record<string, string> = {}) => runCli('migrate-blobs-to-s3', [], { ...baseEnv, S3_BUCKET: s3.bucket, ...env });

  it('copies every image into the bucket, and the server on S3 serves all of them', async () => {
    const served = new Map<string, Buffer>();
    const uploadAs = async (url: string, candidate: string, seeds: number[]) => {
      const c = new ApiClient(url);
      expect((await c.login(candidate)).status).toBe(200);
      await c.request('POST', '/api/v1/candidate/activate', { json: { agree: true } });
      for (const seed of seeds) {
        const up = await c.upload('other', await makePhotoJpeg({ width: 800, height: 600, targetBytes: 60_000, seed }));
        expect(up.status).toBe(201);
        for (const u of [up.body.url, up.body.thumbnailUrl]) {
          const r = await c.request('GET', u);
          expect(r.status).toBe(200);
          served.set(`${candidate} ${u}`, r.body as Buffer);
        }
      }
    };

    let url = await startNode({});
    await uploadAs(url, '2026990100001', [11, 12]);
    await uploadAs(url, '2026990100002', [13]);

    // First pass while the server still runs on local disk.
    const first = await migrate();
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/copied [1-9]\d*/);
    expect(first.stdout).toMatch(/failed 0/);

    // An upload after the first pass; then the nodes stop and the second pass takes what is new.
    await uploadAs(url, '2026990100003', [14]);
    await stopNode();
    const second = await migrate();
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toMatch(/copied 2 /); // the new image and its thumbnail
    expect(second.stdout).toMatch(/already in bucket [1-9]\d*/);

    // Nothing of the local store is left to fall back on.
    await fs.rm(path.join(dataDir, 'blobs'), { recursive: true });
    url = await startNode({ S3_BUCKET: s3.bucket });
    for (const candidate of ['2026990100001', '2026990100002', '2026990100003']) {
      const c = new ApiClient(url);
      expect((await c.login(candidate)).status).toBe(200);
      for (const [k, bytes] of served) {
        if (!k.startsWith(`${candidate} `)) continue;
        const r = await c.request('GET', k.slice(candidate.length + 1));
        expect(r.status).toBe(200);
        expect((r.body as Buffer).equals(bytes)).toBe(true);
      }
    }
    expect(served.size).toBe(8);
    // New uploads now go to the bucket.
    await uploadAs(url, '2026990100004', [15]);
    await stopNode();
    await expect(fs.access(path.join(dataDir, 'blobs', 'images'))).rejects.toThrow();
  }, 300_000); // three server processes and two command runs: slow on a busy machine, not a speed check

  it('runs again without copying anything twice, and fails (exit 1) with a reason when the bucket is unreachable', async () => {
    const blobs = path.join(dataDir, 'blobs');
    await fs.mkdir(path.join(blobs, 'images/2026/01'), { recursive: true });
    await fs.writeFile(path.join(blobs, 'images/2026/01/a.jpg'), 'a');
    expect((await migrate()).stdout).toMatch(/copied 1 /);
    const again = await migrate();
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/copied 0 .*already in bucket 1,/);

    const down = await migrate({ AWS_ENDPOINT_URL_S3: `http://127.0.0.1:${await closedPort()}` });
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(/bucket cannot be used/);
    const noBucket = await migrate({ S3_BUCKET: '' });
    expect(noBucket.code).toBe(2);
    expect(noBucket.stderr).toMatch(/S3_BUCKET is not set/);
  }, 120_000);
});
