import { sql, type Kysely } from 'kysely';
import type { DB } from '../adapters/db/schema.js';
import { toDbTime } from '../adapters/db/time.js';
import { appendAudit } from '../adapters/db/repositories/audit-log.js';
import { DUPLICATE_MAX_DISTANCE, hashBands, hashToInt64, isDegenerateHash, popcount32 } from '../domain/image-signals.js';
import type { ImageAnalysis } from '../ports/image-pipeline.js';
import type { Actor } from './deps.js';

export interface FoundDuplicate {
  imageId: string;
  registrationId: string;
  distance: number;
}

/**
 * Rows read per band probe at most. A bucket (one band value) holds ~120 rows at 8 M hashes
 * when hashes are spread; a picture thousands of candidates share (a sample certificate from the
 * web, the watermark on a near-blank page) makes one hot bucket per band, and without a cap
 * every upload that touches it would read all of it. Past the cap a probe reads no further: a
 * match that shares *only* such a hot band value with the upload can be missed (docs/SIGNALS.md).
 */
export const PROBE_CAP = 500;
/** Pairs kept per upload, nearest first: a reviewer follows a few links, not thousands. */
export const MAX_REPORTED_DUPLICATES = 50;

/**
 * Live images whose picture or stored hash lies within DUPLICATE_MAX_DISTANCE bits of any of
 * `hashes`, nearest first, at most MAX_REPORTED_DUPLICATES. Multi-index hashing: two 64-bit
 * hashes within 3 bits agree on one of their four 16-bit bands (pigeonhole), so one probe per
 * band and query hash on the partial covering band indexes (`live = 1`, migration 012) gives
 * every candidate from index leaves alone, with the registration; the exact distance is then
 * counted on the two 32-bit halves. Degenerate hashes (flat pictures) are not looked up.
 */
export async function findDuplicateImages(db: Kysely<DB>, hashes: string[], excludeImageId?: string): Promise<FoundDuplicate[]> {
  const query = [...new Set(hashes)].filter((h) => !isDegenerateHash(h));
  if (query.length === 0) return [];
  const halves = query.map((h) => {
    const v = BigInt(hashToInt64(h));
    return [Number(BigInt.asIntN(32, v >> 32n)), Number(BigInt.asIntN(32, v))] as const;
  });
  // A band value already probed for an earlier hash is probed as -1 (no row): same rows, read once.
  const seen = [new Set<number>(), new Set<number>(), new Set<number>(), new Set<number>()];
  const params = query.flatMap((h) =>
    hashBands(h).map((value, k) => {
      if (seen[k]!.has(value)) return -1;
      seen[k]!.add(value);
      return value;
    }),
  );
  // 4 probes per query hash, each capped, in one statement (UNION ALL); its text depends on the number of hashes only.
  const probes = params.map((value, i) => {
    const band = sql.ref(`band${i % 4}`);
    return sql`select * from (select hash >> 32 as hi, hash & 4294967295 as lo, image_id, registration_id from image_hashes where ${band} = ${value} and live = 1 limit ${sql.raw(String(PROBE_CAP))}) ${sql.ref(`p${i}`)}`;
  });
  const { rows } = await sql<{ hi: number; lo: number; image_id: string; registration_id: string }>`${sql.join(probes, sql` union all `)}`.execute(db);
  const near = new Map<string, FoundDuplicate>();
  for (const r of rows) {
    if (r.image_id === excludeImageId) continue;
    let distance = 64;
    for (const [qhi, qlo] of halves) distance = Math.min(distance, popcount32(Number(r.hi) ^ qhi) + popcount32(Number(r.lo) ^ qlo));
    if (distance > DUPLICATE_MAX_DISTANCE) continue;
    const seenImage = near.get(r.image_id);
    if (!seenImage || distance < seenImage.distance) near.set(r.image_id, { imageId: r.image_id, registrationId: r.registration_id, distance });
  }
  return [...near.values()].sort((a, b) => a.distance - b.distance || (a.imageId < b.imageId ? -1 : 1)).slice(0, MAX_REPORTED_DUPLICATES);
}

/** The lookup at upload: the new picture's own hash and its stored (watermarked) hash. */
export function findDuplicatesOfUpload(db: Kysely<DB>, analysis: ImageAnalysis): Promise<FoundDuplicate[]> {
  return findDuplicateImages(db, [analysis.pictureHash, analysis.storedHash]);
}

/** One image_hashes row (migration 012): the hash as int8, its bands, the owner, live unless degenerate. */
export function imageHashRow(imageId: string, registrationId: string, kind: 'picture' | 'stored', hash: string) {
  const [band0, band1, band2, band3] = hashBands(hash);
  return { image_id: imageId, registration_id: registrationId, kind, hash: hashToInt64(hash), band0, band1, band2, band3, live: isDegenerateHash(hash) ? 0 : 1 };
}

/** A deleted image's hashes leave the band indexes (its pairs already found stay, read as dead). */
export async function retireImageHashes(trx: Kysely<DB>, imageId: string): Promise<void> {
  await trx.updateTable('image_hashes').set({ live: 0 }).where('image_id', '=', imageId).where('live', '=', 1).execute();
}

/** The pairs found for a new image and one audit row naming them (who uploaded a picture already in the system, and where). */
export async function recordDuplicates(
  trx: Kysely<DB>,
  e: { imageId: string; registrationId: string; duplicates: FoundDuplicate[]; now: Date; actor: Pick<Actor, 'ip'> & { accountId: string | null; role: string } },
): Promise<void> {
  if (e.duplicates.length === 0) return;
  await trx
    .insertInto('image_duplicates')
    .values(e.duplicates.map((d) => ({ image_id: e.imageId, duplicate_image_id: d.imageId, distance: d.distance, detected_at: toDbTime(e.now) })))
    .execute();
  await appendAudit(trx, {
    at: e.now, actorAccountId: e.actor.accountId, actorRole: e.actor.role, action: 'image.duplicate_detected',
    registrationId: e.registrationId, imageId: e.imageId,
    details: { duplicates: e.duplicates.map((d) => ({ imageId: d.imageId, sameCandidate: d.registrationId === e.registrationId, distance: d.distance })) },
    ip: e.actor.ip,
  });
}

/** Inside the upload's transaction: the image's two hashes, the pairs found, and their audit row. */
export async function recordImageAnalysis(
  trx: Kysely<DB>,
  e: { imageId: string; registrationId: string; analysis: ImageAnalysis; duplicates: FoundDuplicate[]; now: Date; actor: Actor },
): Promise<void> {
  await trx
    .insertInto('image_hashes')
    .values([imageHashRow(e.imageId, e.registrationId, 'picture', e.analysis.pictureHash), imageHashRow(e.imageId, e.registrationId, 'stored', e.analysis.storedHash)])
    .execute();
  await recordDuplicates(trx, e);
}

/** Whether a registration at (site, region) lies in the staff member's scope (as staff-scope.ts's inScope). */
export function registrationInScope(actor: Actor, siteCode: string, regionCode: string): boolean {
  if (actor.role === 'site_reviewer') return siteCode === actor.siteCode;
  if (actor.role === 'region_reviewer') return regionCode === actor.regionCode;
  if (actor.role === 'admin') return !actor.regionCode || regionCode === actor.regionCode;
  return false;
}

export interface DuplicateView {
  imageId: string;
  sameCandidate: boolean;
  registrationNo?: string;
}

/**
 * For the review page: each image's live duplicates (pairs found at either image's upload),
 * with the other 报名号 only when that registration is in the reviewer's scope.
 */
export async function duplicatesOfImages(db: Kysely<DB>, actor: Actor, registrationId: string, imageIds: string[]): Promise<Map<string, DuplicateView[]>> {
  const out = new Map<string, DuplicateView[]>(imageIds.map((id) => [id, []]));
  if (imageIds.length === 0) return out;
  const pairs = await db
    .selectFrom('image_duplicates')
    .select(['image_id', 'duplicate_image_id'])
    .where((eb) => eb.or([eb('image_id', 'in', imageIds), eb('duplicate_image_id', 'in', imageIds)]))
    .execute();
  const others = new Map<string, Set<string>>();
  for (const p of pairs) {
    for (const [mine, other] of [[p.image_id, p.duplicate_image_id], [p.duplicate_image_id, p.image_id]] as const) {
      if (!out.has(mine) || mine === other) continue;
      if (!others.has(mine)) others.set(mine, new Set());
      others.get(mine)!.add(other);
    }
  }
  const otherIds = [...new Set([...others.values()].flatMap((s) => [...s]))];
  if (otherIds.length === 0) return out;
  const rows = await db
    .selectFrom('images as i')
    .innerJoin('registrations as r', 'r.id', 'i.registration_id')
    .select(['i.id', 'i.registration_id', 'r.registration_no', 'r.site_code', 'r.region_code'])
    .where('i.id', 'in', otherIds)
    .where('i.deleted_at', 'is', null)
    .execute();
  const live = new Map(rows.map((r) => [r.id, r]));
  for (const [mine, set] of others) {
    const list = out.get(mine)!;
    for (const id of [...set].sort()) {
      const r = live.get(id);
      if (!r) continue;
      const sameCandidate = r.registration_id === registrationId;
      list.push(sameCandidate || registrationInScope(actor, r.site_code, r.region_code)
        ? { imageId: id, sameCandidate, registrationNo: r.registration_no }
        : { imageId: id, sameCandidate });
    }
  }
  return out;
}

/** Adds `signals.duplicates` to the images of a review page (staff only: the candidate never sees them). */
export async function attachDuplicates<T extends { id: string; signals: object }>(
  db: Kysely<DB>, actor: Actor, registrationId: string, images: T[],
): Promise<void> {
  const found = await duplicatesOfImages(db, actor, registrationId, images.map((i) => i.id));
  for (const image of images) image.signals = { ...image.signals, duplicates: found.get(image.id) ?? [] };
}
