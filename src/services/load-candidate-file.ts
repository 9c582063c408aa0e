import type { Repositories } from '../ports/store.js';
import type { CandidateRegistration, RequiredCount, StoredAnswer } from '../ports/repositories/registrations.js';
import type { ImageRecord } from '../ports/repositories/images.js';
import { isClaimLive, isUploadOpen, type LockContext } from '../domain/image-state.js';
import type { ResolvedCategory } from '../domain/catalog.js';
import { requirementsFor, type RequirementSubject } from './resolve-requirements.js';
import { lateFixesOpen, uploadWindowState, type UploadWindowState } from '../domain/late-fixes.js';
import { isReviewOpen } from '../domain/region-settings.js';

/** A registration with what every candidate-side use case needs to decide on locks. */
export interface CandidateFile
  extends Pick<
    CandidateRegistration,
    'id' | 'registrationNo' | 'name' | 'idNumberMasked' | 'phoneMasked' | 'idNumberCipher' | 'phoneCipher' | 'year' | 'examCategory' | 'region' | 'site' | 'situations' | 'status' | 'statusChangedAt' | 'claimExpiresAt'
  > {
  activated: boolean;
  claimed: boolean;
  uploadOpen: boolean;
  uploadOpensAt: Date | null;
  uploadClosesAt: Date | null;
  /** open / not_open (未开放) / closed (已截止) / off (switched off by the region). */
  uploadWindowState: UploadWindowState;
  reviewClosesAt: Date | null;
  /** After the upload deadline a returned candidate may still act on the return's requests. */
  lateFixesOpen: boolean;
  lock: LockContext;
}

/** The registration as the candidate-side use cases see it now (upload window, live claim). */
export async function loadCandidateFile(tx: Pick<Repositories, 'registrations'>, registrationId: string, now: Date): Promise<CandidateFile | null> {
  const r = await tx.registrations.findCandidateFile(registrationId);
  return r ? toCandidateFile(r, now) : null;
}

/**
 * What the upload decides on, read once: the file, the slots taken in the category, and the
 * answer stored under the caller's Idempotency-Key.
 */
export async function loadForUpload(
  tx: Pick<Repositories, 'registrations'>,
  registrationId: string,
  now: Date,
  q: { categoryCode: string; idempotency?: { accountId: string; key: string } | undefined },
): Promise<{ file: CandidateFile; takenSlots: number[]; replay: StoredAnswer | null } | null> {
  const found = await tx.registrations.findForUpload(registrationId, q);
  return found ? { file: toCandidateFile(found.registration, now), takenSlots: found.takenSlots, replay: found.storedAnswer } : null;
}

export function toCandidateFile(r: CandidateRegistration, now: Date): CandidateFile {
  const window = { uploadEnabled: r.windows.uploadEnabled, opensAt: r.windows.uploadOpensAt, closesAt: r.windows.uploadClosesAt };
  const uploadOpen = isUploadOpen(window, now);
  const claimed = isClaimLive(r.claimExpiresAt, now);
  const status = r.status;
  const windowState = uploadWindowState(window, now);
  const reviewClosesAt = r.windows.reviewClosesAt;
  const reviewOpen = isReviewOpen({ reviewOpensAt: r.windows.reviewOpensAt, reviewClosesAt }, now);
  return {
    id: r.id,
    registrationNo: r.registrationNo,
    name: r.name,
    idNumberMasked: r.idNumberMasked,
    phoneMasked: r.phoneMasked,
    idNumberCipher: r.idNumberCipher,
    phoneCipher: r.phoneCipher,
    year: r.year,
    examCategory: r.examCategory,
    region: r.region,
    site: r.site,
    situations: r.situations,
    status,
    activated: r.activatedAt != null,
    claimed,
    uploadOpen,
    uploadOpensAt: window.opensAt,
    uploadClosesAt: window.closesAt,
    uploadWindowState: windowState,
    reviewClosesAt,
    lateFixesOpen: lateFixesOpen(status, windowState, reviewOpen),
    statusChangedAt: r.statusChangedAt,
    claimExpiresAt: claimed ? r.claimExpiresAt : null,
    lock: { status, claimed, uploadOpen },
  };
}

/** What this candidate must upload (national, region and 考点 rules: services/resolve-requirements.ts); `cached`: through the per-process cache (the upload path). */
export function resolveCategoriesFor(tx: Pick<Repositories, 'catalog'>, file: Pick<CandidateFile, 'region' | 'site' | 'examCategory' | 'situations'>, opts: { cached?: boolean } = {}): Promise<ResolvedCategory[]> {
  return requirementsFor(tx, subjectOfFile(file), opts);
}

/** The required categories and their minimum, as the queue refresh counts them. */
export const requiredCounts = (categories: readonly ResolvedCategory[]): RequiredCount[] =>
  categories.filter((c) => c.requirement === 'required').map((c) => ({ code: c.code, minCount: c.minCount }));

export const subjectOfFile = (file: Pick<CandidateFile, 'region' | 'site' | 'examCategory' | 'situations'>): RequirementSubject => ({
  regionCode: file.region.code,
  siteCode: file.site.code,
  examCategoryCode: file.examCategory.code,
  situations: file.situations,
});

/** The registration's live images by category and slot. */
export const liveImages = (tx: Pick<Repositories, 'images'>, registrationId: string): Promise<ImageRecord[]> => tx.images.liveOf(registrationId);
