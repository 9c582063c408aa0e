import type { Kysely } from 'kysely';
import type { DB } from '../adapters/db/schema.js';
import { toDbTime } from '../adapters/db/time.js';
import { appendAudit } from '../adapters/db/repositories/audit-log.js';
import { DUPLICATE_MAX_DISTANCE, hammingDistance, hashBands } from '../domain/image-signals.js';
import type { ImageAnalysis } from '../ports/image-pipeline.js';
import type { Actor } from './deps.js';

export interface FoundDuplicate {
  imageId: string;
  registrationId: string;
  distance: number;
}

/**
 * Live images whose picture or stored hash lies within DUPLICATE_MAX_DISTANCE bits of any of
 * `hashes` (multi-index hashing: two 64-bit hashes within 3 bits agree on one of their four
 * 16-bit bands, so the indexed band columns give every candidate; the exact distance decides).
 */
export async function findDuplicateImages(db: Kysely<DB>, hashes: string[], excludeImageId?: string): Promise<FoundDuplicate[]> {
  if (hashes.length === 0) return [];
  const bands = hashes.map(hashBands);
  // One index-only range read per band (UNION ALL: an OR would fetch every candidate's table row).
  const perBand = ([0, 1, 2, 3] as const).map((k) =>
    db.selectFrom('image_hashes').select(['image_id', 'hash']).where(`band${k}`, 'in', [...new Set(bands.map((b) => b[k]))]),
  );
  const candidates = await perBand.slice(1).reduce((q, next) => q.unionAll(next), perBand[0]!).execute();
  const near = new Map<string, number>();
  for (const r of candidates) {
    if (r.image_id === excludeImageId) continue;
    const distance = Math.min(...hashes.map((h) => hammingDistance(h, r.hash)));
    if (distance > DUPLICATE_MAX_DISTANCE) continue;
    const seen = near.get(r.image_id);
    if (seen === undefined || distance < seen) near.set(r.image_id, distance);
  }
  if (near.size === 0) return [];
  // Only the few within the distance are read from images: live ones count.
  const ids = [...near.keys()];
  const live: { id: string; registration_id: string }[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    live.push(...(await db.selectFrom('images').select(['id', 'registration_id']).where('id', 'in', ids.slice(i, i + 500)).where('deleted_at', 'is', null).execute()));
  }
  return live.map((r) => ({ imageId: r.id, registrationId: r.registration_id, distance: near.get(r.id)! }));
}

/** The lookup at upload: the new picture's own hash and its stored (watermarked) hash. */
export function findDuplicatesOfUpload(db: Kysely<DB>, analysis: ImageAnalysis): Promise<FoundDuplicate[]> {
  return findDuplicateImages(db, [analysis.pictureHash, analysis.storedHash]);
}

/**
 * Inside the upload's transaction: the image's hashes, the pairs found, and one audit row
 * naming them (who uploaded a picture that is already in the system, and where).
 */
export async function recordImageAnalysis(
  trx: Kysely<DB>,
  e: { imageId: string; registrationId: string; analysis: ImageAnalysis; duplicates: FoundDuplicate[]; now: Date; actor: Actor },
): Promise<void> {
  const hashRow = (kind: 'picture' | 'stored', hash: string) => {
    const [band0, band1, band2, band3] = hashBands(hash);
    return { image_id: e.imageId, kind, hash, band0, band1, band2, band3 };
  };
  await trx.insertInto('image_hashes').values([hashRow('picture', e.analysis.pictureHash), hashRow('stored', e.analysis.storedHash)]).execute();
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
