import type { Deps } from './deps.js';
import { toDbTime } from '../adapters/db/time.js';

/**
 * Removes blobs written for uploads that never got their image row (the process died
 * between writing the file and committing the row), and stale partial writes. Rows never
 * point to missing blobs.
 */
export async function sweepOrphanBlobs(deps: Pick<Deps, 'db' | 'blobs' | 'clock'>, olderThanMs = 60 * 60_000): Promise<number> {
  const before = new Date(deps.clock.now().getTime() - olderThanMs);
  const cutoff = toDbTime(before);
  // Partial files of writes a crash or a failing disk cut off; never a finished blob.
  await deps.blobs.removeStalePartials?.(before);
  const stale = await deps.db.selectFrom('pending_blobs').select('key').where('created_at', '<', cutoff).limit(1000).execute();
  let removed = 0;
  for (const { key } of stale) {
    const used = await deps.db
      .selectFrom('images')
      .select('id')
      .where((eb) => eb.or([eb('blob_key', '=', key), eb('thumb_key', '=', key)]))
      .executeTakeFirst();
    if (!used) {
      await deps.blobs.delete(key);
      removed++;
    }
    await deps.db.deleteFrom('pending_blobs').where('key', '=', key).execute();
  }
  return removed;
}
