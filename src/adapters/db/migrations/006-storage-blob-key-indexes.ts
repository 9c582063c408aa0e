import type { Kysely } from 'kysely';

/**
 * The orphan sweep asks "does any image row point to this key?" for every pending record
 * and, when it scans the store, for every object: without these indexes each question is
 * a scan of the whole images table (8 M rows at national scale).
 */
export function storageBlobKeyIndexesMigration() {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema.createIndex('images_blob_key').on('images').column('blob_key').execute();
      await db.schema.createIndex('images_thumb_key').on('images').column('thumb_key').execute();
      await db.schema.createIndex('pending_blobs_created').on('pending_blobs').column('created_at').execute();
    },
    async down(db: Kysely<any>): Promise<void> {
      await db.schema.dropIndex('pending_blobs_created').execute();
      await db.schema.dropIndex('images_thumb_key').execute();
      await db.schema.dropIndex('images_blob_key').execute();
    },
  };
}
