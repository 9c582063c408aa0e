import crypto from 'node:crypto';
import type { BlobStore } from '../ports/blob-store.js';

export interface CopyReport {
  /** Objects in the source. */
  total: number;
  /** Written to the target and read back identical. */
  copied: number;
  /** Already in the target with the same size and sha256 (an earlier run): not written again. */
  alreadyPresent: number;
  /** Keys whose copy could not be written or did not read back identical. */
  failed: { key: string; reason: string }[];
  bytesCopied: number;
}

const sha256 = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');
const same = (a: Buffer, b: Buffer) => a.length === b.length && sha256(a) === sha256(b);

/**
 * Copies every object of one store into another (local disk → bucket when switching to
 * S3_BUCKET). Idempotent and resumable: an object already in the target with the same size
 * and sha256 is left alone, so a second run after an interruption, or after uploads that came
 * in meanwhile, copies only what is missing. Every copy is read back and compared.
 */
export async function copyBlobStore(
  from: BlobStore,
  to: BlobStore,
  opts: { concurrency?: number; onProgress?: (r: CopyReport) => void } = {},
): Promise<CopyReport> {
  const report: CopyReport = { total: 0, copied: 0, alreadyPresent: 0, failed: [], bytesCopied: 0 };
  const copyOne = async (key: string) => {
    try {
      const data = await from.get(key);
      if (!data) return; // deleted since it was listed
      const existing = await to.get(key);
      if (existing && same(existing, data)) {
        report.alreadyPresent++;
        return;
      }
      await to.put(key, data);
      const back = await to.get(key);
      if (!back || !same(back, data)) {
        report.failed.push({ key, reason: back ? 'read back different (size or sha256)' : 'missing after write' });
        return;
      }
      report.copied++;
      report.bytesCopied += data.length;
    } catch (e) {
      report.failed.push({ key, reason: e instanceof Error ? `${e.name}: ${e.message}` : String(e) });
    }
  };
  const limit = Math.max(1, opts.concurrency ?? 8);
  const running = new Set<Promise<void>>();
  // Everything written before now, i.e. everything: the listing is the port's only enumeration.
  for await (const key of from.listOlderThan(new Date(Date.now() + 24 * 60 * 60_000))) {
    report.total++;
    const p: Promise<void> = copyOne(key).finally(() => {
      running.delete(p);
      if (report.total % 1000 === 0) opts.onProgress?.(report);
    });
    running.add(p);
    if (running.size >= limit) await Promise.race(running);
  }
  await Promise.all(running);
  return report;
}
