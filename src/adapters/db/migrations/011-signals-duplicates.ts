import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../../../ports/dialect.js';

/**
 * Machine signals (issue 15): the quality flags on every image, and the perceptual hashes with
 * their four 16-bit bands, each indexed, so that "which live image is within 3 bits of this
 * one" reads a few hundred rows among millions (multi-index hashing; docs/SIGNALS.md).
 * Two hashes per image: the picture as uploaded (before the watermark) and the stored,
 * watermarked picture (a downloaded copy uploaded again hashes close to that one).
 * `image_duplicates` keeps each pair found at upload, for the review page and the region list.
 */

/**
 * One band's index, covering (band, hash, image_id): the lookup reads the rows of one band
 * value from one stretch of index leaves and checks the distance there, without a table
 * read per candidate (at 8 M hashes a hot band value has hundreds of rows).
 */
export async function createBandIndex(db: Kysely<any>, band: string): Promise<void> {
  await db.schema.createIndex(`image_hashes_${band}`).on('image_hashes').columns([band, 'hash', 'image_id']).execute();
}
export function signalsMigration(dialect: Dialect) {
  const time = dialect === 'postgres' ? sql`timestamptz` : sql`text`;
  return {
    async up(db: Kysely<any>): Promise<void> {
      for (const flag of ['signal_blurry', 'signal_dark', 'signal_glare']) {
        await db.schema.alterTable('images').addColumn(flag, 'integer', (c) => c.notNull().defaultTo(0)).execute();
      }
      await db.schema
        .createTable('image_hashes')
        .addColumn('image_id', 'text', (c) => c.notNull().references('images.id'))
        .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('picture','stored')`))
        .addColumn('hash', 'text', (c) => c.notNull())
        .addColumn('band0', 'integer', (c) => c.notNull())
        .addColumn('band1', 'integer', (c) => c.notNull())
        .addColumn('band2', 'integer', (c) => c.notNull())
        .addColumn('band3', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('image_hashes_pk', ['image_id', 'kind'])
        .execute();
      for (const band of ['band0', 'band1', 'band2', 'band3']) await createBandIndex(db, band);
      await db.schema
        .createTable('image_duplicates')
        .addColumn('image_id', 'text', (c) => c.notNull().references('images.id'))
        .addColumn('duplicate_image_id', 'text', (c) => c.notNull().references('images.id'))
        .addColumn('distance', 'integer', (c) => c.notNull())
        .addColumn('detected_at', time, (c) => c.notNull())
        .addPrimaryKeyConstraint('image_duplicates_pk', ['image_id', 'duplicate_image_id'])
        .execute();
      await db.schema.createIndex('image_duplicates_other').on('image_duplicates').column('duplicate_image_id').execute();
      await db.schema.createIndex('image_duplicates_detected').on('image_duplicates').column('detected_at').execute();
    },
    async down(db: Kysely<any>): Promise<void> {
      await db.schema.dropTable('image_duplicates').execute();
      await db.schema.dropTable('image_hashes').execute();
      for (const flag of ['signal_blurry', 'signal_dark', 'signal_glare']) await db.schema.alterTable('images').dropColumn(flag).execute();
    },
  };
}
