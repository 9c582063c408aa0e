import type { RegistrationStatus } from '../../domain/registration-status.js';
import type { ReviewLevel } from '../../domain/review-rules.js';
import type { StaffScope } from '../../domain/staff-scope.js';
import type { UploadWindow } from '../../domain/image-state.js';
import type { QueueColumns } from '../../domain/review-queue.js';

export type { QueueColumns };

/** A registration found by 报名号 inside a staff member's scope: what the review use cases check first. */
export interface ScopedRegistration {
  id: string;
  status: RegistrationStatus;
  changedSinceReturn: boolean;
  claimAccountId: string | null;
  claimExpiresAt: Date | null;
}

/** Which part of the queue a page reads; scope is always applied. */
export interface QueueFilter {
  /** Waiting at this level (the pending queue), ordered by waiting time; else by status time. */
  pendingAt?: ReviewLevel;
  status?: RegistrationStatus;
  complete?: boolean;
  changed?: boolean;
  /** true: a claim is live at `now`; false: none is. */
  claimed?: boolean;
  now: Date;
  examCategory?: string;
  site?: string;
  /** The keyed hash of a full ID number. */
  idNumberHash?: string;
  /** A 报名号 prefix (4+ digits). */
  registrationNoPrefix?: string;
  name?: string;
  /** Keyset: rows after (time, id) in the page's order. */
  after?: { at: Date; id: string };
}

export interface QueueRow {
  id: string;
  registrationNo: string;
  name: string;
  idNumberMasked: string;
  phoneMasked: string;
  status: RegistrationStatus;
  statusChangedAt: Date;
  waitingSince: Date;
  changedSinceReturn: boolean;
  materialsComplete: boolean;
  imageCount: number;
  claimAccountId: string | null;
  claimExpiresAt: Date | null;
  site: { code: string; name: string };
  examCategory: { code: string; name: string; nameEn: string | null };
}

export interface SiteStatistics {
  /** Registrations by site and status. */
  byStatus: Array<{ siteCode: string; status: string; n: number }>;
  /** Waiting registrations by site and queue, with the oldest waiting time. */
  waiting: Array<{ siteCode: string; queue: ReviewLevel; n: number; oldest: Date | null }>;
  /** The sites in scope with their region, by code. */
  sites: Array<{ code: string; name: string; region: { code: string; name: string } }>;
}

/** One row of the results export, with the latest review comment. */
export interface ExportRow {
  registrationNo: string;
  name: string;
  idNumberMasked: string;
  examCategoryName: string;
  siteName: string;
  status: RegistrationStatus;
  materialsComplete: boolean;
  statusChangedAt: Date;
  lastComment: { level: ReviewLevel; comment: string | null } | null;
}

/** What the queue columns of a registration are computed from (refreshed after every change). */
export interface QueueState {
  /** Whose requirements apply: the registration's region, 考点, exam category and situations. */
  subject: { regionCode: string; siteCode: string; examCategoryCode: string; situations: string[] };
  status: RegistrationStatus;
  changedSinceReturn: boolean;
  reviewQueue: ReviewLevel | null;
  /** As last computed (the queue column). */
  materialsComplete: boolean;
  /** Live images by category. */
  liveCounts: Map<string, number>;
  /** Some category a reviewer asked for is still not added. */
  openRequest: boolean;
  /** Some live image is marked for replacement. */
  flagged: boolean;
}

/** The reviewers' queue and the reports over it: every read is bounded by a StaffScope. */
export interface ReviewQueueRepository {
  findInScope(scope: StaffScope, registrationNo: string): Promise<ScopedRegistration | null>;
  /** A keyset page in the filter's order, `limit` rows at most. */
  page(scope: StaffScope, filter: QueueFilter, limit: number): Promise<QueueRow[]>;
  /** Registrations by status and queue (the filter tabs). */
  countByStatusAndQueue(scope: StaffScope): Promise<Array<{ status: RegistrationStatus; queue: ReviewLevel | null; n: number }>>;
  /** Waiting at the level with required categories not all filled (材料不齐). */
  countIncomplete(scope: StaffScope, level: ReviewLevel): Promise<number>;
  /** The upload window of the scope's region (a site's region); null for a scope wider than one region. */
  uploadWindowOf(scope: StaffScope): Promise<UploadWindow | null>;
  /** Those of the registrations reminded on the China day `day`. */
  remindedOn(registrationIds: readonly string[], day: string): Promise<Set<string>>;
  statistics(scope: StaffScope): Promise<SiteStatistics>;
  /** The 考点 in scope by code (what the queue can be filtered by). */
  sitesInScope(scope: StaffScope): Promise<Array<{ code: string; name: string }>>;
  /** The export in 报名号 order after `afterNo`, `limit` rows at most. */
  exportPage(scope: StaffScope, filter: { status?: RegistrationStatus | undefined; afterNo: string }, limit: number): Promise<ExportRow[]>;
  /** What the queue columns are computed from. */
  queueStateOf(registrationId: string): Promise<QueueState>;
  setQueueColumns(registrationId: string, columns: QueueColumns): Promise<void>;
}
