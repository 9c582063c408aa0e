import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const run = promisify(execFile);

describe('server start-up', () => {
  it('stops in production on a DATA_KEY shorter than 32 characters, before touching any data', async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'medexam-startup-'));
    try {
      const err = await run(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/main.ts')], {
        cwd: ROOT,
        env: { ...process.env, NODE_ENV: 'production', DATA_KEY: 'x', DATA_DIR: dataDir, DATABASE_URL: '', PORT: '0', HOST: '127.0.0.1', LOG: 'off' },
        timeout: 60_000,
      }).then(() => null, (e: { code: number; stderr: string }) => e);
      expect(err).not.toBeNull();
      expect(err!.code).not.toBe(0);
      expect(err!.stderr).toMatch(/DATA_KEY is too short \(1 characters\): production needs 32 or more random characters/);
      expect(await fs.readdir(dataDir)).toEqual([]);
    } finally {
      await fs.rm(dataDir, { recursive: true, force: true });
    }
  });
});
