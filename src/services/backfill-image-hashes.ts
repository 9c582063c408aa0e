import type { Kysely } from 'kysely';
import type { DB } from '../adapters/db/schema.js';
import type { BlobStore } from '../ports/blob-store.js';
import { findDuplicateImages, imageHashRow, recordDuplicates } from './image-duplicates.js';

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
  deps: { db: Kysely<DB>; blobs: BlobStore; now: () => Date },
  hashPicture: (jpeg: Buffer) => Promise<string>,
  opts: { batch?: number; onProgress?: (r: BackfillReport) => void } = {},
): Promise<BackfillReport> {
  const report: BackfillReport = { hashed: 0, missing: [], duplicates: 0 };
  let after = '';
  for (;;) {
    const page = await deps.db
      .selectFrom('images as i')
      .select(['i.id', 'i.registration_id', 'i.thumb_key'])
      .where('i.deleted_at', 'is', null)
      .where('i.id', '>', after)
      .where((eb) => eb.not(eb.exists(eb.selectFrom('image_hashes as h').select('h.image_id').whereRef('h.image_id', '=', 'i.id'))))
      .orderBy('i.id')
      .limit(opts.batch ?? 200)
      .execute();
    if (page.length === 0) return report;
    for (const image of page) {
      const thumb = await deps.blobs.get(image.thumb_key);
      if (!thumb) {
        report.missing.push(image.id);
        continue;
      }
      const hash = await hashPicture(thumb);
      const duplicates = await findDuplicateImages(deps.db, [hash], image.id);
      await deps.db.transaction().execute(async (trx) => {
        const res = await trx
          .insertInto('image_hashes')
          .values(imageHashRow(image.id, image.registration_id, 'stored', hash))
          .onConflict((oc) => oc.columns(['image_id', 'kind']).doNothing())
          .executeTakeFirst();
        // Another run got here first: its pairs are recorded already.
        if (Number(res.numInsertedOrUpdatedRows ?? 0n) === 0) return;
        await recordDuplicates(trx, {
          imageId: image.id, registrationId: image.registration_id, duplicates, now: deps.now(),
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
