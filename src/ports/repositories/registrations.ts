import type { RegistrationStatus } from '../../domain/registration-status.js';

/** A registration as the candidate-side use cases read it: the person, the file's state and the region's windows. */
export interface CandidateRegistration {
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
  /** When the status last changed: for a returned file, the time of the return. */
  statusChangedAt: Date;
  activatedAt: Date | null;
  claimExpiresAt: Date | null;
  /** The region's upload and review windows. */
  windows: { uploadEnabled: boolean; uploadOpensAt: Date | null; uploadClosesAt: Date | null; reviewOpensAt: Date | null; reviewClosesAt: Date | null };
}

/** The answer stored under an Idempotency-Key (replayed for a retry of the same request). */
export interface StoredAnswer {
  statusCode: number;
  responseBody: string;
  requestFingerprint: string;
}

/** A required category as the queue refresh counts it: filled once it holds minCount live images. */
export interface RequiredCount {
  code: string;
  minCount: number;
}

/** What the completeness refresh needs of a registration. */
export interface CompletenessSubject {
  id: string;
  regionCode: string;
  siteCode: string;
  examCategoryCode: string;
  situations: string[];
  materialsComplete: boolean;
}

export interface RegistrationsRepository {
  findCandidateFile(registrationId: string): Promise<CandidateRegistration | null>;
  /**
   * What the upload decides on, in one statement: the file, the slots the category's live images
   * hold, and the answer stored under the caller's Idempotency-Key (if one was sent).
   */
  findForUpload(
    registrationId: string,
    q: { categoryCode: string; idempotency?: { accountId: string; key: string } | undefined },
  ): Promise<{ registration: CandidateRegistration; takenSlots: number[]; storedAnswer: StoredAnswer | null } | null>;
  /**
   * Marks the file changed if the candidate may still change it (editable status, no live review
   * claim); false when not. On PostgreSQL the UPDATE also takes the row lock that serialises the
   * write against a reviewer's claim.
   */
  touchIfCandidateMayWrite(registrationId: string, now: Date): Promise<boolean>;
  /**
   * After the candidate's images changed (upload, delete), in the same transaction: the queue
   * columns recomputed in one UPDATE from the live rows — complete = every required category
   * filled and no request open; a returned file counts as resubmitted once nothing is left on its
   * to-do; a draft, or a resubmitted file, waits in the site queue (waiting since now if it was not).
   */
  refreshQueueAfterMaterialsChange(registrationId: string, required: readonly RequiredCount[], now: Date): Promise<void>;
  /** Every region's code (exam areas, 考区), sorted. */
  regionCodes(): Promise<string[]>;
  /** A region's (or one 考点's) registrations in id order after `afterId`, `limit` at most. */
  completenessPage(q: { regionCode: string; siteCode?: string | undefined; afterId: string; limit: number }): Promise<CompletenessSubject[]>;
  setMaterialsComplete(registrationIds: readonly string[], complete: boolean): Promise<void>;
}
