import fs from 'node:fs/promises';
import path from 'node:path';
import crypto from 'node:crypto';
import { BlobStoreUnavailableError, type BlobStore } from '../../ports/blob-store.js';
import { assertBlobKey } from './blob-key.js';

/** A disk that is full answers 507, any other I/O failure 503: both tell the caller to come back. */
function outage(e: unknown): BlobStoreUnavailableError {
  const code = (e as NodeJS.ErrnoException).code;
  return new BlobStoreUnavailableError(code === 'ENOSPC' || code === 'EDQUOT' ? 'full' : 'unavailable', { cause: e });
}

/**
 * Blobs as files under one root. Writes go to a temp file, are fsynced, then renamed,
 * so a crash never leaves a half-written blob under a real key.
 */
export class LocalBlobStore implements BlobStore {
  constructor(private readonly root: string) {}

  private pathOf(key: string): string {
    return path.join(this.root, assertBlobKey(key));
  }

  async put(key: string, data: Buffer): Promise<void> {
    const target = this.pathOf(key);
    const tmp = path.join(this.root, '.tmp', `${crypto.randomUUID()}.part`);
    try {
      await fs.mkdir(path.dirname(target), { recursive: true });
      await fs.mkdir(path.dirname(tmp), { recursive: true });
      const fh = await fs.open(tmp, 'wx', 0o600);
      try {
        await fh.writeFile(data);
        await fh.sync();
      } finally {
        await fh.close();
      }
      await fs.rename(tmp, target);
    } catch (e) {
      await fs.rm(tmp, { force: true }).catch(() => undefined);
      throw outage(e);
    }
  }

  async get(key: string): Promise<Buffer | null> {
    const file = this.pathOf(key);
    try {
      return await fs.readFile(file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw outage(e);
    }
  }

  async delete(key: string): Promise<void> {
    const file = this.pathOf(key);
    try {
      await fs.rm(file, { force: true });
    } catch (e) {
      throw outage(e);
    }
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
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return; // nothing stored yet, or removed meanwhile
        throw outage(e);
      }
      for (const e of entries) {
        if (e.name === '.tmp') continue;
        const full = path.join(dir, e.name);
        const key = prefix ? `${prefix}/${e.name}` : e.name;
        if (e.isDirectory()) yield* walk(full, key);
        else {
          const stat = await fs.stat(full).catch((err: NodeJS.ErrnoException) => {
            if (err.code === 'ENOENT') return null; // deleted since readdir
            throw outage(err);
          });
          if (stat && stat.mtime < before) yield key;
        }
      }
    };
    yield* walk(this.root, '');
  }
}
