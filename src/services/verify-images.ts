import crypto from 'node:crypto';
import type { Deps } from './deps.js';

export interface VerifyReport {
  checked: number;
  missing: { imageId: string; key: string }[];
  mismatched: { imageId: string; key: string; expected: string; actual: string }[];
}

/**
 * Reads every approved image (or every live one) back from the object store and compares
 * its sha256 with the one recorded at upload: the restore drill's proof that database and
 * store belong together. Pages through the images table by id; `concurrency` reads at once.
 */
export async function verifyImages(
  deps: Pick<Deps, 'db' | 'blobs'>,
  opts: { all?: boolean; concurrency?: number; onProgress?: (checked: number) => void } = {},
): Promise<VerifyReport> {
  const report: VerifyReport = { checked: 0, missing: [], mismatched: [] };
  let after = '';
  for (;;) {
    let q = deps.db.selectFrom('images').select(['id', 'blob_key', 'sha256']).where('deleted_at', 'is', null).where('id', '>', after).orderBy('id').limit(500);
    if (!opts.all) q = q.where('state', '=', 'approved');
    const page = await q.execute();
    if (page.length === 0) return report;
    let next = 0;
    const worker = async () => {
      while (next < page.length) {
        const row = page[next++]!;
        const bytes = await deps.blobs.get(row.blob_key);
        if (!bytes) report.missing.push({ imageId: row.id, key: row.blob_key });
        else {
          const actual = crypto.createHash('sha256').update(bytes).digest('hex');
          if (actual !== row.sha256) report.mismatched.push({ imageId: row.id, key: row.blob_key, expected: row.sha256, actual });
        }
        report.checked++;
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, opts.concurrency ?? 8) }, worker));
    opts.onProgress?.(report.checked);
    after = page[page.length - 1]!.id;
  }
}
