import type { Kysely } from 'kysely';
import type { DB, ImageTable } from '../adapters/db/schema.js';
import { fromDbTime, fromDbTimeOrNull, toBool } from '../adapters/db/time.js';
import { isClaimLive, isUploadOpen, type LockContext } from '../domain/image-state.js';
import type { RegistrationStatus } from '../domain/registration-status.js';
import type { ResolvedCategory } from '../domain/catalog.js';
import { requirementsFor, type RequirementSubject } from './resolve-requirements.js';
import type { Repositories } from '../ports/store.js';
import { lateFixesOpen, uploadWindowState, type UploadWindowState } from '../domain/late-fixes.js';
import { isReviewOpen } from '../domain/region-settings.js';

/** A registration with what every candidate-side use case needs to decide on locks. */
export interface CandidateFile {
  id: string;
  registrationNo: string;
  name: string;
  idNumberMasked: string;
  phoneMasked: string;
  idNumberCipher: string;
  phoneCipher: string;
  year: number;
  examCategory: { code: string; name: string; nameEn: string | null };
  region: { code: string; name: string };
  site: { code: string; name: string };
  situations: string[];
  status: RegistrationStatus;
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
  /** When the status last changed: for a returned file, the time of the return. */
  statusChangedAt: Date;
  claimExpiresAt: Date | null;
  lock: LockContext;
}

const candidateFileQuery = (db: Kysely<DB>, registrationId: string) =>
  db
    .selectFrom('registrations as r')
    .innerJoin('regions as g', 'g.code', 'r.region_code')
    .innerJoin('sites as s', 's.code', 'r.site_code')
    .innerJoin('exam_categories as e', 'e.code', 'r.exam_category_code')
    .select([
      'r.id', 'r.registration_no', 'r.name', 'r.id_number_masked', 'r.phone_masked', 'r.id_number_cipher', 'r.phone_cipher',
      'r.year', 'r.situations', 'r.status', 'r.status_changed_at', 'r.activated_at', 'r.claim_expires_at',
      'e.code as exam_code', 'e.name as exam_name', 'e.name_en as exam_name_en', 'g.code as region_code', 'g.name as region_name',
      's.code as site_code', 's.name as site_name', 'g.upload_enabled', 'g.upload_opens_at', 'g.upload_closes_at', 'g.review_opens_at', 'g.review_closes_at',
    ])
    .where('r.id', '=', registrationId);

type CandidateFileRow = NonNullable<Awaited<ReturnType<ReturnType<typeof candidateFileQuery>['executeTakeFirst']>>>;

export async function loadCandidateFile(db: Kysely<DB>, registrationId: string, now: Date): Promise<CandidateFile | null> {
  const r = await candidateFileQuery(db, registrationId).executeTakeFirst();
  return r ? toCandidateFile(r, now) : null;
}

/** A stored idempotent answer, as the upload path reads it together with the file. */
export interface StoredIdempotentAnswer {
  statusCode: number;
  responseBody: string;
  requestFingerprint: string;
}

/**
 * The file and, in the same statement, the answer stored under the caller's Idempotency-Key
 * (the upload path reads both once per request).
 */
export async function loadCandidateFileAndReplay(
  db: Kysely<DB>,
  registrationId: string,
  now: Date,
  idempotency: { accountId: string; key: string } | undefined,
): Promise<{ file: CandidateFile; replay: StoredIdempotentAnswer | null } | null> {
  if (!idempotency) {
    const file = await loadCandidateFile(db, registrationId, now);
    return file ? { file, replay: null } : null;
  }
  const r = await candidateFileQuery(db, registrationId)
    .leftJoin('idempotency_keys as k', (join) =>
      join.on('k.account_id', '=', idempotency.accountId).on('k.key', '=', idempotency.key),
    )
    .select(['k.status_code', 'k.response_body', 'k.request_fingerprint'])
    .executeTakeFirst();
  if (!r) return null;
  const replay =
    r.status_code != null && r.response_body != null
      ? { statusCode: Number(r.status_code), responseBody: r.response_body, requestFingerprint: r.request_fingerprint ?? '' }
      : null;
  return { file: toCandidateFile(r, now), replay };
}

function toCandidateFile(r: CandidateFileRow, now: Date): CandidateFile {
  const window = {
    uploadEnabled: toBool(r.upload_enabled),
    opensAt: fromDbTimeOrNull(r.upload_opens_at),
    closesAt: fromDbTimeOrNull(r.upload_closes_at),
  };
  const uploadOpen = isUploadOpen(window, now);
  const claimExpiresAt = fromDbTimeOrNull(r.claim_expires_at);
  const claimed = isClaimLive(claimExpiresAt, now);
  const status = r.status as RegistrationStatus;
  const windowState = uploadWindowState(window, now);
  const reviewClosesAt = fromDbTimeOrNull(r.review_closes_at);
  const reviewOpen = isReviewOpen({ reviewOpensAt: fromDbTimeOrNull(r.review_opens_at), reviewClosesAt }, now);
  return {
    id: r.id,
    registrationNo: r.registration_no,
    name: r.name,
    idNumberMasked: r.id_number_masked,
    phoneMasked: r.phone_masked,
    idNumberCipher: r.id_number_cipher,
    phoneCipher: r.phone_cipher,
    year: r.year,
    examCategory: { code: r.exam_code, name: r.exam_name, nameEn: r.exam_name_en },
    region: { code: r.region_code, name: r.region_name },
    site: { code: r.site_code, name: r.site_name },
    situations: JSON.parse(r.situations) as string[],
    status,
    activated: r.activated_at != null,
    claimed,
    uploadOpen,
    uploadOpensAt: window.opensAt,
    uploadClosesAt: window.closesAt,
    uploadWindowState: windowState,
    reviewClosesAt,
    lateFixesOpen: lateFixesOpen(status, windowState, reviewOpen),
    statusChangedAt: fromDbTime(r.status_changed_at),
    claimExpiresAt: claimed ? claimExpiresAt : null,
    lock: { status, claimed, uploadOpen },
  };
}

/** What this candidate must upload (national, region and 考点 rules: services/resolve-requirements.ts). */
export function resolveCategoriesFor(tx: Pick<Repositories, 'catalog'>, file: Pick<CandidateFile, 'region' | 'site' | 'examCategory' | 'situations'>, opts: { cached?: boolean } = {}): Promise<ResolvedCategory[]> {
  return requirementsFor(tx, subjectOfFile(file), opts);
}

export const subjectOfFile = (file: Pick<CandidateFile, 'region' | 'site' | 'examCategory' | 'situations'>): RequirementSubject => ({
  regionCode: file.region.code,
  siteCode: file.site.code,
  examCategoryCode: file.examCategory.code,
  situations: file.situations,
});

export async function liveImages(db: Kysely<DB>, registrationId: string): Promise<ImageTable[]> {
  return db
    .selectFrom('images')
    .selectAll()
    .where('registration_id', '=', registrationId)
    .where('deleted_at', 'is', null)
    .orderBy('category_code')
    .orderBy('slot')
    .execute();
}

export const imageUploadedAt = (row: ImageTable): Date => fromDbTime(row.uploaded_at);
