import type { Deps } from './deps.js';
import { toDbTime } from '../adapters/db/time.js';

/**
 * Removes blobs written for uploads that never got their image row (the process died
 * between writing the file and committing the row). Rows never point to missing blobs.
 *
 * Safe with many nodes sweeping at once: a node takes a stale key by deleting its
 * pending_blobs row, and only the node whose delete removed the row touches the blob.
 * Only keys older than the cut-off are taken, so an upload still being written (on any
 * node) is never swept.
 */
export async function sweepOrphanBlobs(deps: Pick<Deps, 'db' | 'blobs' | 'clock'>, olderThanMs = 60 * 60_000): Promise<number> {
  const cutoff = toDbTime(new Date(deps.clock.now().getTime() - olderThanMs));
  let removed = 0;
  for (;;) {
    const stale = await deps.db.selectFrom('pending_blobs').select('key').where('created_at', '<', cutoff).orderBy('key').limit(1000).execute();
    if (stale.length === 0) return removed;
    for (const { key } of stale) {
      const taken = await deps.db.deleteFrom('pending_blobs').where('key', '=', key).where('created_at', '<', cutoff).executeTakeFirst();
      if (Number(taken.numDeletedRows) !== 1) continue; // another node has it
      const used = await deps.db
        .selectFrom('images')
        .select('id')
        .where((eb) => eb.or([eb('blob_key', '=', key), eb('thumb_key', '=', key)]))
        .executeTakeFirst();
      if (used) continue;
      try {
        await deps.blobs.delete(key);
        removed++;
      } catch (e) {
        // Put the key back so the next sweep tries again.
        await deps.db.insertInto('pending_blobs').values({ key, created_at: cutoff }).execute().catch(() => undefined);
        throw e;
      }
    }
    if (stale.length < 1000) return removed;
  }
}
