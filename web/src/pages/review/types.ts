/** Shapes of the review calls (shared/API.md § Review and the server's own additions). */
import type { CodeName, Materials, Registration, RegistrationStatus } from '../../api/types';

export interface QueueItem {
  registrationNo: string;
  name: string;
  idNumberMasked: string;
  phoneMasked: string;
  examCategory: CodeName;
  site: CodeName;
  status: RegistrationStatus;
  statusLabel: string;
  changedSinceReturn: boolean;
  materialsComplete: boolean;
  /** In the 材料不齐 list: the candidate was already reminded today. */
  remindedToday?: boolean;
  imageCount: number;
  waitingSince: string;
  statusChangedAt: string;
  claimed: boolean;
  claimedByMe: boolean;
}

export interface QueuePage {
  items: QueueItem[];
  nextCursor: string | null;
}

/** Per status, plus `pending` (the caller's own queue, reviewers only) and `all`. */
export type QueueCounts = Partial<Record<RegistrationStatus | 'pending' | 'incomplete' | 'all', number>>;

export interface FilterOptions {
  examCategories: CodeName[];
  sites: CodeName[];
}

export interface HistoryEntry {
  id: number;
  at: string;
  action: string;
  actionLabel: string;
  actor: { name: string; role: string } | null;
  imageId: string | null;
  details: Record<string, unknown>;
}

export interface AllowedActions {
  claim: boolean;
  pass: boolean;
  return: boolean;
  reject: boolean;
}

export interface ReviewFile extends Registration {
  changedSinceReturn: boolean;
  materials: Materials;
  history: HistoryEntry[];
  /** Names of required categories still empty. */
  missingRequired: string[];
  claim: { byMe: boolean; by: string | null; expiresAt: string | null } | null;
  allowedActions: AllowedActions;
  reviewLevel: 'site' | 'region' | null;
  /** The caller's own saved marks for this claim. */
  draft: ReviewDraft | null;
  /** The latest site decision and its per-image verdicts (考点意见). */
  siteOpinion: SiteOpinion | null;
}

export interface DraftVerdict {
  verdict: 'approve' | 'replace';
  preset: string | null;
  note: string;
}

export interface DraftRequest {
  verdicts: Record<string, DraftVerdict>;
  seen: string[];
}

export interface ReviewDraft extends DraftRequest {
  updatedAt: string;
}

export interface SiteOpinion {
  outcome: 'pass' | 'return' | 'reject' | string;
  comment: string | null;
  by: string | null;
  at: string;
  images: Record<string, { verdict: 'approve' | 'replace'; reason: string | null }>;
}

export interface DecisionRequest {
  outcome: 'pass' | 'return' | 'reject';
  comment?: string;
  images: { id: string; verdict: 'approve' | 'replace'; reason?: string }[];
  /** 要求补充材料 (return only): categories the candidate must add, each with a reason. */
  requestedCategories?: { categoryCode: string; reason?: string }[];
}

export interface SiteStatistics {
  site: CodeName;
  region: CodeName;
  counts: Record<RegistrationStatus, number>;
  total: number;
  pendingSite: number;
  pendingRegion: number;
  oldestWaitingSince: string | null;
  oldestWaitingMinutes: number | null;
}

export interface Statistics {
  sites: SiteStatistics[];
  totals: Record<RegistrationStatus, number>;
  generatedAt: string;
}

export type PhoneOutcome = 'reached' | 'no_answer' | 'wrong_number';
