import fs from 'node:fs/promises';
import path from 'node:path';
import crypto from 'node:crypto';
import { BlobStoreUnavailableError, type BlobStore } from '../../ports/blob-store.js';
import { assertBlobKey } from './blob-key.js';

/** No room: the volume or the quota is full. */
const FULL = new Set(['ENOSPC', 'EDQUOT']);

/**
 * Failures of the volume (a system call that failed: read-only, permissions, I/O, a
 * missing or broken mount, a full disk) become BlobStoreUnavailableError, answered
 * 503/507 with Retry-After; anything else (a bug, an invalid key) stays as it is.
 */
function asStoreError(e: unknown): unknown {
  const err = e as NodeJS.ErrnoException | undefined;
  if (!err || typeof err.code !== 'string' || typeof err.syscall !== 'string') return e;
  return new BlobStoreUnavailableError(FULL.has(err.code) ? 'full' : 'unavailable', { cause: e });
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
      // Whatever failed, no partial file stays behind (a full disk must not stay full of them).
      await fs.rm(tmp, { force: true }).catch(() => undefined);
      throw asStoreError(e);
    }
  }

  /** Removes `.tmp/*.part` files older than `before`: writes cut off by a crash. */
  async removeStalePartials(before: Date): Promise<number> {
    const dir = path.join(this.root, '.tmp');
    let removed = 0;
    for (const name of await fs.readdir(dir).catch(() => [] as string[])) {
      if (!name.endsWith('.part')) continue;
      const file = path.join(dir, name);
      const stat = await fs.stat(file).catch(() => null);
      if (stat && stat.mtime < before) {
        await fs.rm(file, { force: true });
        removed++;
      }
    }
    return removed;
  }

  async get(key: string): Promise<Buffer | null> {
    const file = this.pathOf(key);
    try {
      return await fs.readFile(file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw asStoreError(e);
    }
  }

  async delete(key: string): Promise<void> {
    await fs.rm(this.pathOf(key), { force: true }).catch((e) => {
      throw asStoreError(e);
    });
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
        throw asStoreError(e);
      }
      for (const e of entries) {
        if (e.name === '.tmp') continue;
        const full = path.join(dir, e.name);
        const key = prefix ? `${prefix}/${e.name}` : e.name;
        if (e.isDirectory()) yield* walk(full, key);
        else {
          const stat = await fs.stat(full).catch((err: NodeJS.ErrnoException) => {
            if (err.code === 'ENOENT') return null; // deleted since readdir
            throw asStoreError(err);
          });
          if (stat && stat.mtime < before) yield key;
        }
      }
    };
    yield* walk(this.root, '');
  }
}
