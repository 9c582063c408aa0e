import type { RegistrationStatus } from '../../domain/registration-status.js';
import type { ReviewLevel, Outcome, Verdict } from '../../domain/review-rules.js';
import type { StaffScope } from '../../domain/staff-scope.js';
import type { UploadWindow } from '../../domain/image-state.js';
import type { QueueColumns } from '../../domain/review-queue.js';

/** The windows of the registration's region: when reviewers may claim, when candidates may upload. */
export interface RegionWindows {
  reviewOpensAt: Date | null;
  reviewClosesAt: Date | null;
  upload: UploadWindow;
}

/** What a refused claim is explained by. */
export interface ClaimState {
  status: RegistrationStatus;
  changedSinceReturn: boolean;
  claimAccountId: string | null;
  materialsComplete: boolean;
}

/** The claim holder's marks so far (stored whole, replaced on each save). */
export interface StoredDraft {
  accountId: string;
  level: ReviewLevel;
  body: { verdicts: Record<string, { verdict: Verdict; preset: string | null; note: string }>; seen: string[] };
  updatedAt: Date;
}

/** One image's verdict as the decision writes it. */
export interface ImageVerdict {
  imageId: string;
  state: 'approved' | 'replace_requested';
  reason: string | null;
}

/** One row of a registration's history (the audit trail, with the actor's name). */
export interface HistoryRow {
  id: number;
  at: Date;
  action: string;
  actorRole: string | null;
  actorName: string | null;
  imageId: string | null;
  details: Record<string, unknown>;
}

/** The latest site decision (考点意见) and the per-image verdicts written before it, newest first. */
export interface SiteDecisionRecord {
  at: Date;
  by: string | null;
  details: { outcome?: string; comment?: string | null };
  verdicts: Array<{ imageId: string | null; details: { verdict: Verdict; reason?: string } }>;
}

/** Claims, drafts, verdicts and decisions of the two-level review. */
export interface ReviewRepository {
  windowsOf(registrationId: string): Promise<RegionWindows>;
  /**
   * Takes or renews the lease in one conditional UPDATE — free, expired, or already the
   * caller's; waiting at `level` in one of `statuses`; inside `scope`; with `completeOnly`,
   * complete — so of two reviewers claiming at once exactly one wins. false: not taken.
   */
  tryClaim(p: {
    registrationId: string; accountId: string; level: ReviewLevel; statuses: readonly RegistrationStatus[];
    scope: StaffScope; completeOnly: boolean; now: Date; expiresAt: Date;
  }): Promise<boolean>;
  claimStateOf(registrationId: string): Promise<ClaimState>;
  /** Gives the caller's lease back (only the lease ending at `leaseExpiresAt`, when given); false: none was. */
  release(registrationId: string, accountId: string, leaseExpiresAt?: Date): Promise<boolean>;
  displayNameOf(accountId: string): Promise<string | null>;

  /** The ids of the registration's live images (what a draft may name). */
  liveImageIdsOf(registrationId: string): Promise<string[]>;
  saveDraft(registrationId: string, draft: StoredDraft): Promise<void>;
  draftOf(registrationId: string): Promise<StoredDraft | null>;
  /** Drops the draft — or, with `exceptAccountId`, only someone else's (a takeover). */
  clearDraft(registrationId: string, exceptAccountId?: string): Promise<void>;

  /**
   * The registration's status and claim, locked against concurrent writers for the rest of
   * the transaction (PostgreSQL; SQLite transactions are serialised already).
   */
  lockForDecision(registrationId: string): Promise<{
    status: RegistrationStatus; claimAccountId: string | null; claimExpiresAt: Date | null;
    /** Whose requirements apply (the decision checks the required categories). */
    subject: { regionCode: string; siteCode: string; examCategoryCode: string; situations: string[] };
  }>;
  /** Every verdict in one statement, on live images of the registration only; answers how many images it reached. */
  setVerdicts(registrationId: string, verdicts: readonly ImageVerdict[]): Promise<number>;
  /** The new status (claim ended, queue columns recomputed) and the review comment, in one go. */
  recordDecision(p: {
    registrationId: string; level: ReviewLevel; outcome: Outcome; comment: string | null; accountId: string;
    status: RegistrationStatus; queue: QueueColumns; at: Date;
  }): Promise<void>;
  /** The level of the latest decision, if any. */
  lastDecisionLevel(registrationId: string): Promise<ReviewLevel | null>;
  /** Back from final status `from` to `to`, claim ended; false when it is no longer in `from`. */
  reopen(registrationId: string, from: RegistrationStatus, to: RegistrationStatus, at: Date): Promise<boolean>;

  /** The day's reminder (one per registration and China day); false when there is one already. */
  addReminder(registrationId: string, day: string, accountId: string, at: Date): Promise<boolean>;
  reminderAt(registrationId: string, day: string): Promise<Date | null>;

  latestSiteDecision(registrationId: string, maxVerdicts: number): Promise<SiteDecisionRecord | null>;
  history(registrationId: string, limit: number): Promise<HistoryRow[]>;
  phoneCipherOf(registrationId: string): Promise<string>;
}
