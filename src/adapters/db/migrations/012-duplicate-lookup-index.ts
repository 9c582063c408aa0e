import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../../../ports/dialect.js';

/**
 * The duplicate lookup at national scale (issue 15, docs/SIGNALS.md): 011 kept the hash as 16
 * hex digits and needed an `images` read per match to know whether the image was live and whose
 * it was. Here each hash row carries what the lookup needs, so a lookup reads index leaves only:
 *
 * - `hash` as a signed 64-bit integer (int8 / SQLite INTEGER: 8 bytes in an index entry, not 16
 *   characters; bits 63…0 are the hex digits left to right);
 * - `registration_id` (an image never changes hands);
 * - `live`: 1 while the image is live and its hash identifies a picture; 0 once the image is
 *   deleted (deleteMaterial clears it) or for the degenerate hash of a flat picture;
 * - one partial covering index per 16-bit band, `(bandK → hash, image_id, registration_id)
 *   where live = 1`: dead images and blank pages leave the buckets altogether.
 *
 * Existing rows are carried over (hash from its bands, registration and liveness from `images`).
 */
export const BAND_INDEXES = ['band0', 'band1', 'band2', 'band3'] as const;

/** One band's partial covering index (the bench builds them after its bulk load, as here). */
export async function createLiveBandIndex(db: Kysely<any>, dialect: Dialect, band: (typeof BAND_INDEXES)[number]): Promise<void> {
  const name = sql.ref(`image_hashes_live_${band}`);
  if (dialect === 'postgres') {
    // Key = the band only; the rest rides in the leaf (INCLUDE) for index-only scans.
    await sql`create index ${name} on image_hashes (${sql.ref(band)}) include (hash, image_id, registration_id) where live = 1`.execute(db);
  } else {
    // SQLite has no INCLUDE: the same columns as key columns make the index covering.
    await sql`create index ${name} on image_hashes (${sql.ref(band)}, hash, image_id, registration_id) where live = 1`.execute(db);
  }
}

async function createHashTable(db: Kysely<any>, dialect: Dialect, name: string, pk: string, hashType: 'int8' | 'text'): Promise<void> {
  const type = hashType === 'text' ? 'text' : dialect === 'postgres' ? 'bigint' : 'integer';
  let t = db.schema
    .createTable(name)
    .addColumn('image_id', 'text', (c) => c.notNull().references('images.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('picture','stored')`))
    .addColumn('hash', sql.raw(type), (c) => c.notNull())
    .addColumn('band0', 'integer', (c) => c.notNull())
    .addColumn('band1', 'integer', (c) => c.notNull())
    .addColumn('band2', 'integer', (c) => c.notNull())
    .addColumn('band3', 'integer', (c) => c.notNull());
  if (hashType === 'int8') {
    t = t
      .addColumn('registration_id', 'text', (c) => c.notNull().references('registrations.id'))
      .addColumn('live', 'integer', (c) => c.notNull());
  }
  await t.addPrimaryKeyConstraint(pk, ['image_id', 'kind']).execute();
}

async function renameOld(db: Kysely<any>, dialect: Dialect, to: string): Promise<void> {
  await sql`alter table image_hashes rename to ${sql.ref(to)}`.execute(db);
  // PostgreSQL names the primary key's index in the schema: free the name for the new table.
  if (dialect === 'postgres') await sql`alter table ${sql.ref(to)} rename constraint image_hashes_pk to ${sql.ref(`${to}_pk`)}`.execute(db);
}

export function duplicateLookupIndexMigration(dialect: Dialect) {
  const int8 = (col: string) => (dialect === 'postgres' ? `${col}::bigint` : col);
  return {
    async up(db: Kysely<any>): Promise<void> {
      await renameOld(db, dialect, 'image_hashes_011');
      await createHashTable(db, dialect, 'image_hashes', 'image_hashes_pk', 'int8');
      // Shifts wrap in both databases: band0 ≥ 0x8000 gives a negative int8, as intended.
      const hash = sql.raw(`(${int8('h.band0')} << 48) | (${int8('h.band1')} << 32) | (${int8('h.band2')} << 16) | ${int8('h.band3')}`);
      await sql`insert into image_hashes (image_id, kind, hash, band0, band1, band2, band3, registration_id, live)
        select h.image_id, h.kind, ${hash}, h.band0, h.band1, h.band2, h.band3, i.registration_id,
               case when i.deleted_at is null and h.hash <> '0000000000000000' then 1 else 0 end
        from image_hashes_011 h join images i on i.id = h.image_id`.execute(db);
      await db.schema.dropTable('image_hashes_011').execute();
      for (const band of BAND_INDEXES) await createLiveBandIndex(db, dialect, band);
      await sql.raw('analyze image_hashes').execute(db);
    },
    async down(db: Kysely<any>): Promise<void> {
      await renameOld(db, dialect, 'image_hashes_012');
      await createHashTable(db, dialect, 'image_hashes', 'image_hashes_pk', 'text');
      const hex = dialect === 'postgres' ? sql`lpad(to_hex(hash), 16, '0')` : sql`printf('%016x', hash)`;
      await sql`insert into image_hashes (image_id, kind, hash, band0, band1, band2, band3)
        select image_id, kind, ${hex}, band0, band1, band2, band3 from image_hashes_012`.execute(db);
      await db.schema.dropTable('image_hashes_012').execute();
      for (const band of BAND_INDEXES) {
        await db.schema.createIndex(`image_hashes_${band}`).on('image_hashes').columns([band, 'hash', 'image_id']).execute();
      }
    },
  };
}
