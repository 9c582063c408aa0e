import type { Repositories } from '../ports/store.js';
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
export async function findDuplicateImages(tx: Pick<Repositories, 'duplicates'>, hashes: string[], excludeImageId?: string): Promise<FoundDuplicate[]> {
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
  // 4 probes per query hash (band i % 4), each capped, in one statement.
  const rows = await tx.duplicates.probeBands(params, PROBE_CAP);
  const near = new Map<string, FoundDuplicate>();
  for (const r of rows) {
    if (r.imageId === excludeImageId) continue;
    let distance = 64;
    for (const [qhi, qlo] of halves) distance = Math.min(distance, popcount32(r.hi ^ qhi) + popcount32(r.lo ^ qlo));
    if (distance > DUPLICATE_MAX_DISTANCE) continue;
    const seenImage = near.get(r.imageId);
    if (!seenImage || distance < seenImage.distance) near.set(r.imageId, { imageId: r.imageId, registrationId: r.registrationId, distance });
  }
  return [...near.values()].sort((a, b) => a.distance - b.distance || (a.imageId < b.imageId ? -1 : 1)).slice(0, MAX_REPORTED_DUPLICATES);
}

/** The lookup at upload: the new picture's own hash and its stored (watermarked) hash. */
export function findDuplicatesOfUpload(tx: Pick<Repositories, 'duplicates'>, analysis: ImageAnalysis): Promise<FoundDuplicate[]> {
  return findDuplicateImages(tx, [analysis.pictureHash, analysis.storedHash]);
}

/** A deleted image's hashes leave the band indexes (its pairs already found stay, read as dead). */
export async function retireImageHashes(tx: Pick<Repositories, 'duplicates'>, imageId: string): Promise<void> {
  await tx.duplicates.retireHashes(imageId);
}

/** The pairs found for a new image and one audit row naming them (who uploaded a picture already in the system, and where). */
export async function recordDuplicates(
  tx: Pick<Repositories, 'duplicates' | 'audit'>,
  e: { imageId: string; registrationId: string; duplicates: FoundDuplicate[]; now: Date; actor: Pick<Actor, 'ip'> & { accountId: string | null; role: string } },
): Promise<void> {
  if (e.duplicates.length === 0) return;
  await tx.duplicates.recordPairs(e.duplicates.map((d) => ({ imageId: e.imageId, duplicateImageId: d.imageId, distance: d.distance })), e.now);
  await tx.audit.append({
    at: e.now, actorAccountId: e.actor.accountId, actorRole: e.actor.role, action: 'image.duplicate_detected',
    registrationId: e.registrationId, imageId: e.imageId,
    details: { duplicates: e.duplicates.map((d) => ({ imageId: d.imageId, sameCandidate: d.registrationId === e.registrationId, distance: d.distance })) },
    ip: e.actor.ip,
  });
}

/** Inside the upload's transaction: the image's two hashes, the pairs found, and their audit row. */
export async function recordImageAnalysis(
  tx: Pick<Repositories, 'duplicates' | 'audit'>,
  e: { imageId: string; registrationId: string; analysis: ImageAnalysis; duplicates: FoundDuplicate[]; now: Date; actor: Actor },
): Promise<void> {
  await tx.duplicates.addHashes(e.imageId, e.registrationId, [{ kind: 'picture', hash: e.analysis.pictureHash }, { kind: 'stored', hash: e.analysis.storedHash }]);
  await recordDuplicates(tx, e);
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
export async function duplicatesOfImages(tx: Pick<Repositories, 'duplicates' | 'images'>, actor: Actor, registrationId: string, imageIds: string[]): Promise<Map<string, DuplicateView[]>> {
  const out = new Map<string, DuplicateView[]>(imageIds.map((id) => [id, []]));
  if (imageIds.length === 0) return out;
  const pairs = await tx.duplicates.pairsTouching(imageIds);
  const others = new Map<string, Set<string>>();
  for (const p of pairs) {
    for (const [mine, other] of [[p.imageId, p.duplicateImageId], [p.duplicateImageId, p.imageId]] as const) {
      if (!out.has(mine) || mine === other) continue;
      if (!others.has(mine)) others.set(mine, new Set());
      others.get(mine)!.add(other);
    }
  }
  const otherIds = [...new Set([...others.values()].flatMap((s) => [...s]))];
  if (otherIds.length === 0) return out;
  const rows = await tx.images.liveOwners(otherIds);
  const live = new Map(rows.map((r) => [r.imageId, r]));
  for (const [mine, set] of others) {
    const list = out.get(mine)!;
    for (const id of [...set].sort()) {
      const r = live.get(id);
      if (!r) continue;
      const sameCandidate = r.registrationId === registrationId;
      list.push(sameCandidate || registrationInScope(actor, r.siteCode, r.regionCode)
        ? { imageId: id, sameCandidate, registrationNo: r.registrationNo }
        : { imageId: id, sameCandidate });
    }
  }
  return out;
}

/** Adds `signals.duplicates` to the images of a review page (staff only: the candidate never sees them). */
export async function attachDuplicates<T extends { id: string; signals: object }>(
  tx: Pick<Repositories, 'duplicates' | 'images'>, actor: Actor, registrationId: string, images: T[],
): Promise<void> {
  const found = await duplicatesOfImages(tx, actor, registrationId, images.map((i) => i.id));
  for (const image of images) image.signals = { ...image.signals, duplicates: found.get(image.id) ?? [] };
}
