import crypto from 'node:crypto';
import type { Actor, Deps } from './deps.js';
import { AppError } from '../domain/errors.js';
import { uploadBlockReason } from '../domain/image-state.js';
import { formatChinaDateTime } from '../domain/china-time.js';
import { toDbTime } from '../adapters/db/time.js';
import { appendAudit } from '../adapters/db/repositories/audit-log.js';
import { requireCandidateFile } from './get-materials.js';
import { resolveCategoriesFor } from './load-candidate-file.js';
import { imageView } from './candidate-views.js';
import { guardCandidateWrite } from './candidate-write-guard.js';
import { refreshReviewSummary } from './refresh-review-summary.js';
import type { ImageTable } from '../adapters/db/schema.js';
import { findDuplicatesOfUpload, recordImageAnalysis } from './image-duplicates.js';

export interface UploadResult {
  status: number;
  body: unknown;
  replayed: boolean;
}

async function findReplay(deps: Deps, accountId: string, key: string): Promise<UploadResult | null> {
  const row = await deps.db
    .selectFrom('idempotency_keys')
    .select(['status_code', 'response_body'])
    .where('account_id', '=', accountId)
    .where('key', '=', key)
    .executeTakeFirst();
  return row ? { status: row.status_code, body: JSON.parse(row.response_body), replayed: true } : null;
}

/**
 * Stores one image in a category: checks (cheap first), runs the image pipeline, writes
 * the blobs, then in one transaction the image row, its audit row and the idempotency
 * record. A failure at any step leaves no row; blobs without a row are removed at once
 * or, if the process dies, by the orphan sweep (pending_blobs).
 */
export async function uploadMaterial(
  deps: Deps,
  actor: Actor,
  input: { categoryCode: string; bytes: Buffer; idempotencyKey?: string | undefined },
): Promise<UploadResult> {
  const key = input.idempotencyKey;
  if (key !== undefined && !/^[\x21-\x7e]{1,200}$/.test(key)) {
    throw new AppError('VALIDATION_FAILED', { reason: 'Idempotency-Key 须为 1–200 个可见 ASCII 字符' });
  }
  if (key) {
    const replay = await findReplay(deps, actor.accountId, key);
    if (replay) return replay;
  }
  const now = deps.clock.now();
  const file = await requireCandidateFile(deps, actor);
  const categories = await resolveCategoriesFor(deps.db, file);
  const category = categories.find((c) => c.code === input.categoryCode);
  if (!category) throw new AppError('CATEGORY_NOT_FOUND', { categoryCode: input.categoryCode });

  const liveCount = async () =>
    Number(
      (
        await deps.db
          .selectFrom('images')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('registration_id', '=', file.id)
          .where('category_code', '=', category.code)
          .where('deleted_at', 'is', null)
          .executeTakeFirstOrThrow()
      ).n,
    );

  const blocked = uploadBlockReason(file.lock);
  if (blocked === 'upload_closed') {
    throw new AppError('UPLOAD_DISABLED', {
      closesAt: file.uploadClosesAt && now >= file.uploadClosesAt ? formatChinaDateTime(file.uploadClosesAt) : undefined,
      opensAt: file.uploadOpensAt && now < file.uploadOpensAt ? formatChinaDateTime(file.uploadOpensAt) : undefined,
    });
  }
  if (blocked) throw new AppError('MATERIALS_LOCKED', { reason: blocked });

  if ((await liveCount()) >= category.maxCount) throw new AppError('CATEGORY_FULL', { maxCount: category.maxCount });

  const processed = await deps.pipeline.process(input.bytes, { registrationNo: file.registrationNo, year: file.year, at: now });

  const imageId = crypto.randomUUID();
  // Same picture already in the system (this or another candidate)? Read before the write transaction.
  const duplicates = await findDuplicatesOfUpload(deps.db, processed.analysis);
  const month = toDbTime(now).slice(0, 7).replace('-', '/');
  const blobKey = `images/${month}/${imageId}.jpg`;
  const thumbKey = `thumbs/${month}/${imageId}.jpg`;
  await deps.db.insertInto('pending_blobs').values([{ key: blobKey, created_at: toDbTime(now) }, { key: thumbKey, created_at: toDbTime(now) }]).execute();
  const removeBlobs = async () => {
    await Promise.allSettled([deps.blobs.delete(blobKey), deps.blobs.delete(thumbKey)]);
    await deps.db.deleteFrom('pending_blobs').where('key', 'in', [blobKey, thumbKey]).execute().catch(() => undefined);
  };
  try {
    await Promise.all([deps.blobs.put(blobKey, processed.image), deps.blobs.put(thumbKey, processed.thumbnail)]);
  } catch (e) {
    await removeBlobs();
    throw e;
  }

  try {
    const row = await deps.db.transaction().execute(async (trx) => {
      await guardCandidateWrite(trx, file.id, now, 'upload');
      const taken = await trx
        .selectFrom('images')
        .select('slot')
        .where('registration_id', '=', file.id)
        .where('category_code', '=', category.code)
        .where('deleted_at', 'is', null)
        .execute();
      const used = new Set(taken.map((t) => t.slot));
      let slot = 0;
      while (used.has(slot)) slot++;
      if (slot >= category.maxCount) throw new AppError('CATEGORY_FULL', { maxCount: category.maxCount });
      const row: ImageTable = {
        id: imageId,
        registration_id: file.id,
        category_code: category.code,
        slot,
        blob_key: blobKey,
        thumb_key: thumbKey,
        sha256: crypto.createHash('sha256').update(processed.image).digest('hex'),
        width: processed.width,
        height: processed.height,
        bytes: processed.image.length,
        state: 'pending',
        reason: null,
        uploaded_at: toDbTime(now),
        deleted_at: null,
        signal_blurry: processed.analysis.signals.blurry ? 1 : 0,
        signal_dark: processed.analysis.signals.dark ? 1 : 0,
        signal_glare: processed.analysis.signals.glare ? 1 : 0,
      };
      await trx.insertInto('images').values(row).execute();
      await recordImageAnalysis(trx, { imageId, registrationId: file.id, analysis: processed.analysis, duplicates, now, actor });
      await appendAudit(trx, {
        at: now, actorAccountId: actor.accountId, actorRole: actor.role, action: 'image.uploaded',
        registrationId: file.id, imageId, details: { categoryCode: category.code, slot, sha256: row.sha256, bytes: row.bytes }, ip: actor.ip,
      });
      if (key) {
        await trx
          .insertInto('idempotency_keys')
          .values({
            account_id: actor.accountId,
            key,
            request_fingerprint: crypto.createHash('sha256').update(category.code).update(input.bytes).digest('hex'),
            status_code: 201,
            response_body: JSON.stringify(imageView(row, file)),
            created_at: toDbTime(now),
          })
          .execute();
      }
      await trx.deleteFrom('pending_blobs').where('key', 'in', [blobKey, thumbKey]).execute();
      await refreshReviewSummary(trx, file.id, now);
      return row;
    });
    return { status: 201, body: imageView(row, file), replayed: false };
  } catch (e) {
    await removeBlobs();
    if (key) {
      // A concurrent request with the same key won the race: answer with its result.
      const replay = await findReplay(deps, actor.accountId, key);
      if (replay) return replay;
    }
    if (e instanceof AppError) throw e;
    // A unique-slot violation means the category filled up concurrently.
    if ((await liveCount()) >= category.maxCount) throw new AppError('CATEGORY_FULL', { maxCount: category.maxCount });
    throw e;
  }
}
