import type { BlobStore } from '../ports/blob-store.js';
import type { Store } from '../ports/store.js';
import { findDuplicateImages, recordDuplicates } from './image-duplicates.js';

export interface BackfillReport {
  hashed: number;
  /** Images whose thumbnail is not in the store: left without a hash (a later run retries them). */
  missing: string[];
  /** Pairs found among the back-filled images and everything already hashed. */
  duplicates: number;
}

/**
 * Images stored before migration 011 have no perceptual hash, so the duplicate lookup cannot
 * see them. This gives each live one its `stored` hash, from the stored thumbnail read through
 * the BlobStore port (local disk or S3) and hashed as the upload hashes its own thumbnail; the
 * picture as uploaded (before the watermark) is gone, so there is no `picture` hash. The pairs
 * found are recorded as at upload, with an audit row by the system.
 *
 * Idempotent and resumable: only images without any hash row are taken, one transaction per
 * image, in id order; a run stopped half-way leaves whole rows, and the next run goes on.
 */
export async function backfillImageHashes(
  deps: { store: Store; blobs: BlobStore; now: () => Date },
  hashPicture: (jpeg: Buffer) => Promise<string>,
  opts: { batch?: number; onProgress?: (r: BackfillReport) => void } = {},
): Promise<BackfillReport> {
  const report: BackfillReport = { hashed: 0, missing: [], duplicates: 0 };
  let after = '';
  for (;;) {
    const page = await deps.store.images.liveWithoutHash(after, opts.batch ?? 200);
    if (page.length === 0) return report;
    for (const image of page) {
      const thumb = await deps.blobs.get(image.thumbKey);
      if (!thumb) {
        report.missing.push(image.id);
        continue;
      }
      const hash = await hashPicture(thumb);
      const duplicates = await findDuplicateImages(deps.store, [hash], image.id);
      await deps.store.transaction(async (tx) => {
        const added = await tx.duplicates.addHashes(image.id, image.registrationId, [{ kind: 'stored', hash }], { ifAbsent: true });
        // Another run got here first: its pairs are recorded already.
        if (added === 0) return;
        await recordDuplicates(tx, {
          imageId: image.id, registrationId: image.registrationId, duplicates, now: deps.now(),
          actor: { accountId: null, role: 'system', ip: undefined },
        });
        report.hashed++;
        report.duplicates += duplicates.length;
      });
    }
    opts.onProgress?.(report);
    after = page[page.length - 1]!.id;
  }
}
