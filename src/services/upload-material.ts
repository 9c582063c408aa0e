import crypto from 'node:crypto';
import type { Actor, Deps } from './deps.js';
import { AppError } from '../domain/errors.js';
import { uploadBlockReason } from '../domain/image-state.js';
import { formatChinaDateTime } from '../domain/china-time.js';
import type { ResolvedCategory } from '../domain/catalog.js';
import type { Repositories } from '../ports/store.js';
import type { StoredAnswer } from '../ports/repositories/registrations.js';
import { isUniqueViolation, type ImageRecord } from '../ports/repositories/images.js';
import { loadForUpload, requiredCounts, resolveCategoriesFor, type CandidateFile } from './load-candidate-file.js';
import { imageView } from './candidate-views.js';
import { guardCandidateWrite } from './candidate-write-guard.js';
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
function replayOf(stored: StoredAnswer, fingerprint: string): UploadResult {
  if (stored.requestFingerprint !== fingerprint) throw new AppError('IDEMPOTENCY_KEY_REUSED');
  return { outcome: 'replayed', image: JSON.parse(stored.responseBody) as ReturnType<typeof imageView> };
}

async function findReplay(deps: Deps, accountId: string, key: string, fingerprint: string): Promise<UploadResult | null> {
  const stored = await deps.store.idempotency.find(accountId, key);
  return stored ? replayOf(stored, fingerprint) : null;
}

/**
 * Stores one image in a category. Every check that can refuse runs first, on one read of the
 * registration (with the category's taken slots and the Idempotency-Key's stored answer) and the cached catalog: activation,
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
  const loaded = await loadForUpload(deps.store, actor.registrationId, now, {
    categoryCode: input.categoryCode,
    idempotency: key ? { accountId: actor.accountId, key } : undefined,
  });
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
  const lateFix = blocked === 'upload_closed' && file.lateFixesOpen && lateUploadAllowed(await lateCategoryState(deps.store, file.id, category.code, file.statusChangedAt));
  if (blocked === 'upload_closed' && !lateFix) {
    throw new AppError('UPLOAD_DISABLED', {
      onlyFixes: file.lateFixesOpen || undefined,
      closesAt: file.uploadClosesAt && now >= file.uploadClosesAt ? formatChinaDateTime(file.uploadClosesAt) : undefined,
      opensAt: file.uploadOpensAt && now < file.uploadOpensAt ? formatChinaDateTime(file.uploadOpensAt) : undefined,
    });
  }
  if (blocked && !lateFix) throw new AppError('MATERIALS_LOCKED', { reason: blocked });

  const scope = `${file.id}\u0000${category.code}`;
  const slot = deps.uploads.reserveSlot(scope, loaded.takenSlots, category.maxCount);
  if (slot === null) throw new AppError('CATEGORY_FULL', { maxCount: category.maxCount });
  try {
    const processed = await deps.uploads.run(() =>
      deps.pipeline.process(input.bytes, { registrationNo: file.registrationNo, year: file.year, at: now }),
    );
    // Same picture already in the system (this or another candidate)? Read before the write transaction.
    const duplicates = await findDuplicatesOfUpload(deps.store, processed.analysis);
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
  const month = now.toISOString().slice(0, 7).replace('-', '/');
  const blobKey = `images/${month}/${imageId}.jpg`;
  const thumbKey = `thumbs/${month}/${imageId}.jpg`;
  await deps.store.pendingBlobs.add([blobKey, thumbKey], now);
  const removeBlobs = async () => {
    const deleted = await Promise.allSettled([deps.blobs.delete(blobKey), deps.blobs.delete(thumbKey)]);
    // A blob the store would not delete now (it is down) keeps its pending record, so the sweep retries it.
    const gone = [blobKey, thumbKey].filter((_, i) => deleted[i]!.status === 'fulfilled');
    if (gone.length) await deps.store.pendingBlobs.claim(gone).catch(() => undefined);
  };
  try {
    await Promise.all([deps.blobs.put(blobKey, processed.image), deps.blobs.put(thumbKey, processed.thumbnail)]);
  } catch (e) {
    await removeBlobs();
    throw e;
  }

  const row: ImageRecord = {
    id: imageId,
    registrationId: file.id,
    categoryCode: category.code,
    slot: u.slot,
    blobKey,
    thumbKey,
    sha256: crypto.createHash('sha256').update(processed.image).digest('hex'),
    width: processed.width,
    height: processed.height,
    bytes: processed.image.length,
    state: 'pending',
    reason: null,
    uploadedAt: now,
    deletedAt: null,
    signals: { blurry: processed.analysis.signals.blurry, dark: processed.analysis.signals.dark, glare: processed.analysis.signals.glare },
  };
  const write = (tx: Repositories) => writeImage(tx, actor, u, row);
  try {
    try {
      await deps.store.transaction(write);
    } catch (e) {
      // Another process took the slot between our read and our insert: take the next free one.
      if (!isUniqueViolation(e)) throw e;
      const free = deps.uploads.reserveSlot(u.scope, await deps.store.images.takenSlots(file.id, category.code), category.maxCount);
      if (free === null) throw new AppError('CATEGORY_FULL', { maxCount: category.maxCount });
      deps.uploads.releaseSlot(u.scope, free);
      row.slot = free;
      await deps.store.transaction(write);
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
 * The writing transaction: the guard (which also takes the registration's row lock on
 * PostgreSQL), the image row, its hashes, its audit row, the idempotency record, the
 * pending-blob marks, and the queue columns recomputed in SQL after the lock.
 */
async function writeImage(
  tx: Repositories,
  actor: Actor,
  u: { file: CandidateFile; category: ResolvedCategory; categories: ResolvedCategory[]; processed: ProcessedImage; duplicates: FoundDuplicate[]; now: Date; key: string | undefined; fingerprint: string },
  row: ImageRecord,
): Promise<void> {
  const { file, category, now, key } = u;
  await guardCandidateWrite(tx, file.id, now, 'upload');
  await tx.images.add(row);
  await recordImageAnalysis(tx, { imageId: row.id, registrationId: file.id, analysis: u.processed.analysis, duplicates: u.duplicates, now, actor });
  await tx.audit.append({
    at: now, actorAccountId: actor.accountId, actorRole: actor.role, action: 'image.uploaded',
    registrationId: file.id, imageId: row.id, details: { categoryCode: category.code, slot: row.slot, sha256: row.sha256, bytes: row.bytes }, ip: actor.ip,
  });
  if (key) {
    await tx.idempotency.save(actor.accountId, key, { requestFingerprint: u.fingerprint, statusCode: 201, responseBody: JSON.stringify(imageView(row, file)) }, now);
  }
  // Both pending records must still be ours: a sweep that claimed one (this upload outlived its age limit) may be deleting the blob.
  if ((await tx.pendingBlobs.claim([row.blobKey, row.thumbKey])) !== 2) throw new BlobStoreUnavailableError('unavailable');
  // Requests for documents exist only on a returned file: an upload into the category ends them.
  if (file.lock.status === 'returned') await fulfilRequests(tx, file.id, category.code, now);
  await tx.registrations.refreshQueueAfterMaterialsChange(file.id, requiredCounts(u.categories), now);
}
