import crypto from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { Actor, Deps } from './deps.js';
import { AppError } from '../domain/errors.js';
import { uploadBlockReason } from '../domain/image-state.js';
import { formatChinaDateTime } from '../domain/china-time.js';
import type { ResolvedCategory } from '../domain/catalog.js';
import { toDbTime } from '../adapters/db/time.js';
import { appendAudit } from '../adapters/db/repositories/audit-log.js';
import { loadCandidateFileAndReplay, resolveCategoriesFor, type CandidateFile } from './load-candidate-file.js';
import { imageView } from './candidate-views.js';
import { guardCandidateWrite } from './candidate-write-guard.js';
import type { DB, ImageTable } from '../adapters/db/schema.js';
import type { ProcessedImage } from '../ports/image-pipeline.js';
import { BlobStoreUnavailableError } from '../ports/blob-store.js';
import { lateUploadAllowed } from '../domain/late-fixes.js';
import { fulfilRequests, lateCategoryState } from './review-requests.js';
import { findDuplicatesOfUpload, recordImageAnalysis, type FoundDuplicate } from './image-duplicates.js';

/**
 * What an upload did: `created` a new image, or `replayed` the first answer of a repeated
 * Idempotency-Key (nothing new stored). The route turns it into an HTTP status.
 */
export interface UploadResult {
  outcome: 'created' | 'replayed';
  image: ReturnType<typeof imageView>;
}

/** What a key stands for: the category and the exact bytes (cheap; no decoding needed). */
const fingerprintOf = (categoryCode: string, bytes: Buffer) => crypto.createHash('sha256').update(categoryCode).update(bytes).digest('hex');

/** The stored answer of a key, replayed; the same key with another file or category is a client bug, not a retry. */
function replayOf(stored: { statusCode: number; responseBody: string; requestFingerprint: string }, fingerprint: string): UploadResult {
  if (stored.requestFingerprint !== fingerprint) throw new AppError('IDEMPOTENCY_KEY_REUSED');
  return { outcome: 'replayed', image: JSON.parse(stored.responseBody) as ReturnType<typeof imageView> };
}

async function findReplay(deps: Deps, accountId: string, key: string, fingerprint: string): Promise<UploadResult | null> {
  const row = await deps.db
    .selectFrom('idempotency_keys')
    .select(['status_code', 'response_body', 'request_fingerprint'])
    .where('account_id', '=', accountId)
    .where('key', '=', key)
    .executeTakeFirst();
  return row ? replayOf({ statusCode: row.status_code, responseBody: row.response_body, requestFingerprint: row.request_fingerprint ?? '' }, fingerprint) : null;
}

const isUniqueViolation = (e: unknown) => {
  const err = e as { code?: string; message?: string };
  return err.code === '23505' || err.code === 'SQLITE_CONSTRAINT_UNIQUE' || /UNIQUE constraint failed/.test(err.message ?? '');
};

/** Live image slots of one category (before the pipeline, and again after a lost race). */
async function takenSlots(deps: Deps, registrationId: string, categoryCode: string): Promise<number[]> {
  const rows = await deps.db
    .selectFrom('images')
    .select('slot')
    .where('registration_id', '=', registrationId)
    .where('category_code', '=', categoryCode)
    .where('deleted_at', 'is', null)
    .execute();
  return rows.map((r) => r.slot);
}

/**
 * Stores one image in a category. Every check that can refuse runs first, on one read of the
 * registration (with the Idempotency-Key's stored answer) and the cached catalog: activation,
 * idempotent replay, category, lock and upload window, category full (counting uploads in
 * flight here). Only then does the request ask for a place in the image-work queue (503
 * OVERLOADED at once when it is full) and run the pipeline. Then the blobs, and in one
 * transaction the image row, its audit row, the idempotency record and the queue columns.
 * A failure at any step leaves no row; blobs without a row are removed at once or, if the
 * process dies, by the orphan sweep (pending_blobs).
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
  if (!actor.registrationId) throw new AppError('NOT_FOUND');
  const now = deps.clock.now();
  const loaded = await loadCandidateFileAndReplay(deps.db, actor.registrationId, now, key ? { accountId: actor.accountId, key } : undefined);
  if (!loaded) throw new AppError('NOT_FOUND');
  const { file, replay } = loaded;
  if (!file.activated) throw new AppError('ACTIVATION_REQUIRED');
  // A stored answer is replayed (or a reused key refused) without any image work.
  const fingerprint = key ? fingerprintOf(input.categoryCode, input.bytes) : '';
  if (replay) return replayOf(replay, fingerprint);

  const categories = await resolveCategoriesFor(deps.store, file, { cached: true });
  const category = categories.find((c) => c.code === input.categoryCode);
  if (!category) throw new AppError('CATEGORY_NOT_FOUND', { categoryCode: input.categoryCode });

  const blocked = uploadBlockReason(file.lock);
  // After the deadline a returned candidate may still add what the return asked for.
  const lateFix = blocked === 'upload_closed' && file.lateFixesOpen && lateUploadAllowed(await lateCategoryState(deps.db, file.id, category.code, file.statusChangedAt));
  if (blocked === 'upload_closed' && !lateFix) {
    throw new AppError('UPLOAD_DISABLED', {
      onlyFixes: file.lateFixesOpen || undefined,
      closesAt: file.uploadClosesAt && now >= file.uploadClosesAt ? formatChinaDateTime(file.uploadClosesAt) : undefined,
      opensAt: file.uploadOpensAt && now < file.uploadOpensAt ? formatChinaDateTime(file.uploadOpensAt) : undefined,
    });
  }
  if (blocked && !lateFix) throw new AppError('MATERIALS_LOCKED', { reason: blocked });

  const scope = `${file.id}\u0000${category.code}`;
  const slot = deps.uploads.reserveSlot(scope, await takenSlots(deps, file.id, category.code), category.maxCount);
  if (slot === null) throw new AppError('CATEGORY_FULL', { maxCount: category.maxCount });
  try {
    const processed = await deps.uploads.run(() =>
      deps.pipeline.process(input.bytes, { registrationNo: file.registrationNo, year: file.year, at: now }),
    );
    // Same picture already in the system (this or another candidate)? Read before the write transaction.
    const duplicates = await findDuplicatesOfUpload(deps.db, processed.analysis);
    return await store(deps, actor, { file, category, categories, slot, scope, processed, duplicates, now, key, fingerprint });
  } finally {
    deps.uploads.releaseSlot(scope, slot);
  }
}

async function store(
  deps: Deps,
  actor: Actor,
  u: {
    file: CandidateFile; category: ResolvedCategory; categories: ResolvedCategory[]; slot: number; scope: string;
    processed: ProcessedImage; duplicates: FoundDuplicate[]; now: Date; key: string | undefined; fingerprint: string;
  },
): Promise<UploadResult> {
  const { file, category, processed, now, key } = u;
  const imageId = crypto.randomUUID();
  const month = toDbTime(now).slice(0, 7).replace('-', '/');
  const blobKey = `images/${month}/${imageId}.jpg`;
  const thumbKey = `thumbs/${month}/${imageId}.jpg`;
  await deps.db.insertInto('pending_blobs').values([{ key: blobKey, created_at: toDbTime(now) }, { key: thumbKey, created_at: toDbTime(now) }]).execute();
  const removeBlobs = async () => {
    const deleted = await Promise.allSettled([deps.blobs.delete(blobKey), deps.blobs.delete(thumbKey)]);
    // A blob the store would not delete now (it is down) keeps its pending record, so the sweep retries it.
    const gone = [blobKey, thumbKey].filter((_, i) => deleted[i]!.status === 'fulfilled');
    if (gone.length) await deps.db.deleteFrom('pending_blobs').where('key', 'in', gone).execute().catch(() => undefined);
  };
  try {
    await Promise.all([deps.blobs.put(blobKey, processed.image), deps.blobs.put(thumbKey, processed.thumbnail)]);
  } catch (e) {
    await removeBlobs();
    throw e;
  }

  const row: ImageTable = {
    id: imageId,
    registration_id: file.id,
    category_code: category.code,
    slot: u.slot,
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
  const write = (trx: Transaction<DB>) => writeImage(trx, actor, u, row);
  try {
    try {
      await deps.db.transaction().execute(write);
    } catch (e) {
      // Another process took the slot between our read and our insert: take the next free one.
      if (!isUniqueViolation(e)) throw e;
      const free = deps.uploads.reserveSlot(u.scope, await takenSlots(deps, file.id, category.code), category.maxCount);
      if (free === null) throw new AppError('CATEGORY_FULL', { maxCount: category.maxCount });
      deps.uploads.releaseSlot(u.scope, free);
      row.slot = free;
      await deps.db.transaction().execute(write);
    }
    return { outcome: 'created', image: imageView(row, file) };
  } catch (e) {
    await removeBlobs();
    if (key) {
      // A concurrent request with the same key won the race: answer with its result.
      const replay = await findReplay(deps, actor.accountId, key, u.fingerprint);
      if (replay) return replay;
    }
    if (e instanceof AppError) throw e;
    if (isUniqueViolation(e)) throw new AppError('CATEGORY_FULL', { maxCount: category.maxCount });
    throw e;
  }
}

/**
 * The writing transaction, six statements: the guard (which also takes the registration's row
 * lock on PostgreSQL and puts the file in the site queue), the image row, its audit row, the
 * idempotency record, the pending-blob marks, and the counts recomputed in SQL after the lock.
 */
async function writeImage(
  trx: Transaction<DB>,
  actor: Actor,
  u: { file: CandidateFile; category: ResolvedCategory; categories: ResolvedCategory[]; processed: ProcessedImage; duplicates: FoundDuplicate[]; now: Date; key: string | undefined; fingerprint: string },
  row: ImageTable,
): Promise<void> {
  const { file, category, now, key } = u;
  const nowIso = toDbTime(now);
  await guardCandidateWrite(trx, file.id, now, 'upload');
  await trx.insertInto('images').values(row).execute();
  await recordImageAnalysis(trx, { imageId: row.id, registrationId: file.id, analysis: u.processed.analysis, duplicates: u.duplicates, now, actor });
  await appendAudit(trx, {
    at: now, actorAccountId: actor.accountId, actorRole: actor.role, action: 'image.uploaded',
    registrationId: file.id, imageId: row.id, details: { categoryCode: category.code, slot: row.slot, sha256: row.sha256, bytes: row.bytes }, ip: actor.ip,
  });
  if (key) {
    await trx
      .insertInto('idempotency_keys')
      .values({
        account_id: actor.accountId,
        key,
        request_fingerprint: u.fingerprint,
        status_code: 201,
        response_body: JSON.stringify(imageView(row, file)),
        created_at: nowIso,
      })
      .execute();
  }
  // Both pending records must still be ours: a sweep that claimed one (this upload outlived its age limit) may be deleting the blob.
  const claimed = await trx.deleteFrom('pending_blobs').where('key', 'in', [row.blob_key, row.thumb_key]).executeTakeFirst();
  if (Number(claimed.numDeletedRows) !== 2) throw new BlobStoreUnavailableError('unavailable');
  // Requests for documents exist only on a returned file: an upload into the category ends them.
  if (file.lock.status === 'returned') await fulfilRequests(trx, file.id, category.code, now);
  await trx.updateTable('registrations').set(queueColumnsAfterUpload(file.id, u.categories, nowIso)).where('id', '=', file.id).execute();
}

/**
 * The queue columns refreshReviewSummary keeps, computed in the one UPDATE (SET expressions
 * read the row as it was): complete = every required category filled and no requested category
 * open; a returned file counts as resubmitted (back in the site queue) once its to-do is empty
 * — nothing missing, requested or marked for replacement; a draft always waits in the site queue.
 */
function queueColumnsAfterUpload(registrationId: string, categories: ResolvedCategory[], nowIso: string) {
  const live = (code?: string) =>
    sql<number>`(select count(*) from images where registration_id = ${registrationId} and deleted_at is null${code === undefined ? sql`` : sql` and category_code = ${code}`})`;
  const required = categories.filter((c) => c.requirement === 'required');
  const filled = required.length ? sql<boolean>`(${sql.join(required.map((c) => sql`${live(c.code)} >= ${Math.max(c.minCount, 1)}`), sql` and `)})` : sql<boolean>`(1 = 1)`;
  const noOpenRequest = sql<boolean>`not exists (select 1 from requested_categories where registration_id = ${registrationId} and fulfilled_at is null and closed_at is null)`;
  const noneFlagged = sql<boolean>`not exists (select 1 from images where registration_id = ${registrationId} and deleted_at is null and state = 'replace_requested')`;
  const resubmitted = sql<boolean>`(status = 'returned' and (changed_since_return = 1 or (${filled} and ${noOpenRequest} and ${noneFlagged})))`;
  const inSiteQueue = sql<boolean>`(status = 'draft' or ${resubmitted})`;
  return {
    materials_complete: sql<number>`case when ${filled} and ${noOpenRequest} then 1 else 0 end`,
    image_count: live(),
    changed_since_return: sql<number>`case when ${resubmitted} then 1 when status = 'returned' then 0 else changed_since_return end`,
    review_queue: sql<'site' | null>`case when ${inSiteQueue} then 'site' else review_queue end`,
    waiting_since: sql<string>`case when ${inSiteQueue} and (review_queue is null or review_queue <> 'site') then ${nowIso} else waiting_since end`,
  };
}
