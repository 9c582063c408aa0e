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
  deps: Pick<Deps, 'store' | 'blobs'>,
  opts: { all?: boolean; concurrency?: number; onProgress?: (checked: number) => void } = {},
): Promise<VerifyReport> {
  const report: VerifyReport = { checked: 0, missing: [], mismatched: [] };
  let after = '';
  for (;;) {
    const page = await deps.store.images.blobsToVerify(after, 500, { all: opts.all ?? false });
    if (page.length === 0) return report;
    let next = 0;
    const worker = async () => {
      while (next < page.length) {
        const row = page[next++]!;
        const bytes = await deps.blobs.get(row.blobKey);
        if (!bytes) report.missing.push({ imageId: row.id, key: row.blobKey });
        else {
          const actual = crypto.createHash('sha256').update(bytes).digest('hex');
          if (actual !== row.sha256) report.mismatched.push({ imageId: row.id, key: row.blobKey, expected: row.sha256, actual });
        }
        report.checked++;
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, opts.concurrency ?? 8) }, worker));
    opts.onProgress?.(report.checked);
    after = page[page.length - 1]!.id;
  }
}
