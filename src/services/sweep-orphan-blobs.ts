import type { Deps } from './deps.js';

const BATCH = 500;
/** Only upload blobs are swept; catalog example images (examples/) have their own lifecycle. */
const UPLOAD_PREFIXES = ['images/', 'thumbs/'];

type SweepDeps = Pick<Deps, 'store' | 'blobs' | 'clock'>;

const keysWithImageRow = (deps: SweepDeps, keys: string[]): Promise<Set<string>> => deps.store.images.keysInUse(keys);

/**
 * Pending records older than the cut-off: the upload that wrote them died or gave up. Each
 * record is claimed by deleting it (only one node's delete succeeds, and an upload commits its
 * row only if it can still delete its own records — see upload-material), so no node deletes
 * a blob whose row is being committed. A blob the store will not delete now gets its record
 * back, to be retried by the next sweep.
 */
async function sweepPendingRecords(deps: SweepDeps, cutoff: Date): Promise<number> {
  let removed = 0;
  for (;;) {
    const stale = await deps.store.pendingBlobs.olderThan(cutoff, BATCH);
    if (stale.length === 0) return removed;
    for (const record of stale) {
      // Another node's sweep took it, or the upload committed.
      if (!(await deps.store.pendingBlobs.claimStale(record.key, cutoff))) continue;
      if ((await keysWithImageRow(deps, [record.key])).size > 0) continue;
      try {
        await deps.blobs.delete(record.key);
        removed++;
      } catch (e) {
        await deps.store.pendingBlobs.restore(record);
        throw e;
      }
    }
    if (stale.length < BATCH) return removed;
  }
}

/**
 * Objects in the store older than the cut-off (by the store's own clock) that no image row
 * and no pending record knows: left by a failure the pending records did not cover. An object
 * with a pending record is skipped — a young record means an upload is writing it, an old one
 * is sweepPendingRecords' job. The pending check comes before the row check: an upload can
 * commit its row only while its pending record exists, so no row can appear after both checks.
 */
async function sweepUnknownObjects(deps: SweepDeps, cutoff: Date): Promise<number> {
  let removed = 0;
  const check = async (keys: string[]) => {
    const pending = await deps.store.pendingBlobs.pendingAmong(keys);
    const unknown = keys.filter((k) => !pending.has(k));
    const used = await keysWithImageRow(deps, unknown);
    for (const key of unknown) {
      if (used.has(key)) continue;
      await deps.blobs.delete(key);
      removed++;
    }
  };
  let batch: string[] = [];
  for await (const key of deps.blobs.listOlderThan(cutoff)) {
    if (!UPLOAD_PREFIXES.some((p) => key.startsWith(p))) continue;
    batch.push(key);
    if (batch.length === BATCH) {
      await check(batch);
      batch = [];
    }
  }
  if (batch.length > 0) await check(batch);
  return removed;
}

/**
 * Removes blobs written for uploads that never got their image row (the process died, or
 * the store failed, between writing the file and committing the row). Rows never point to
 * missing blobs. Safe to run on every node at once. `scanStore` also lists the whole store
 * (one LIST per 1000 objects: run it daily, not every few minutes); a blob is removed only
 * when it is older than `olderThanMs`, has no image row and has no young pending record.
 */
export async function sweepOrphanBlobs(deps: SweepDeps, olderThanMs = 60 * 60_000, opts: { scanStore?: boolean } = {}): Promise<number> {
  const cutoff = new Date(deps.clock.now().getTime() - olderThanMs);
  // Partial files of writes a crash or a failing disk cut off; never a finished blob. Their
  // age is the file system's, so it is measured by the real clock, not the injected one.
  await deps.blobs.removeStalePartials?.(new Date(Date.now() - olderThanMs));
  let removed = await sweepPendingRecords(deps, cutoff);
  if (opts.scanStore) removed += await sweepUnknownObjects(deps, cutoff);
  return removed;
}
