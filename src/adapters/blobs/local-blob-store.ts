import fs from 'node:fs/promises';
import path from 'node:path';
import crypto from 'node:crypto';
import { BlobStoreUnavailableError, type BlobStore } from '../../ports/blob-store.js';

const KEY_PATTERN = /^[a-z0-9][a-z0-9/_.-]{0,200}$/;

/**
 * Blobs as files under one root. Writes go to a temp file, are fsynced, then renamed,
 * so a crash never leaves a half-written blob under a real key.
 */
export class LocalBlobStore implements BlobStore {
  constructor(private readonly root: string) {}

  private pathOf(key: string): string {
    if (!KEY_PATTERN.test(key) || key.includes('..')) throw new Error(`Invalid blob key: ${key}`);
    return path.join(this.root, key);
  }

  async put(key: string, data: Buffer): Promise<void> {
    const target = this.pathOf(key);
    await fs.mkdir(path.dirname(target), { recursive: true });
    const tmp = path.join(this.root, '.tmp', `${crypto.randomUUID()}.part`);
    await fs.mkdir(path.dirname(tmp), { recursive: true });
    const fh = await fs.open(tmp, 'wx', 0o600);
    try {
      await fh.writeFile(data);
      await fh.sync();
    } finally {
      await fh.close();
    }
    try {
      await fs.rename(tmp, target);
    } catch (e) {
      await fs.rm(tmp, { force: true });
      throw e;
    }
  }

  async get(key: string): Promise<Buffer | null> {
    try {
      return await fs.readFile(this.pathOf(key));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
  }

  async delete(key: string): Promise<void> {
    await fs.rm(this.pathOf(key), { force: true });
  }

  async checkReady(): Promise<void> {
    try {
      await fs.mkdir(this.root, { recursive: true });
      await fs.access(this.root, fs.constants.W_OK);
    } catch (e) {
      throw new BlobStoreUnavailableError('unavailable', { cause: e });
    }
  }

  async *listOlderThan(before: Date): AsyncIterable<string> {
    const walk = async function* (dir: string, prefix: string): AsyncIterable<string> {
      let entries;
      try {
        entries = await fs.readdir(dir, { withFileTypes: true });
      } catch {
        return;
      }
      for (const e of entries) {
        if (e.name === '.tmp') continue;
        const full = path.join(dir, e.name);
        const key = prefix ? `${prefix}/${e.name}` : e.name;
        if (e.isDirectory()) yield* walk(full, key);
        else if ((await fs.stat(full)).mtime < before) yield key;
      }
    };
    yield* walk(this.root, '');
  }
}
