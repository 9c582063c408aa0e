/**
 * Two-level review as pure functions of (role, status, images). The server enforces
 * them and the web client uses the same functions to show only what is allowed.
 */
import type { RegistrationStatus } from './registration-status.js';
import type { ImageState } from './image-state.js';

import type { Role } from './roles.js';

export type ReviewLevel = 'site' | 'region';
export type Outcome = 'pass' | 'return' | 'reject';
export type Verdict = 'approve' | 'replace';

export const PRESET_REASONS = ['图片不清晰', '方向不正', '材料类型不符', '信息不完整', '非本人材料', '其他'] as const;

export const levelOf = (role: Role): ReviewLevel | null =>
  role === 'site_reviewer' ? 'site' : role === 'region_reviewer' ? 'region' : null;

/** The queue a registration waits in, given its status and whether it changed since a return. */
export function reviewQueueOf(status: RegistrationStatus, changedSinceReturn: boolean): ReviewLevel | null {
  if (status === 'draft') return 'site';
  if (status === 'returned') return changedSinceReturn ? 'site' : null;
  if (status === 'site_approved') return 'region';
  return null;
}

/** May a reviewer of this level take (claim) and decide on this registration now? */
export function isReviewableBy(level: ReviewLevel | null, status: RegistrationStatus, changedSinceReturn: boolean): boolean {
  return level !== null && reviewQueueOf(status, changedSinceReturn) === level;
}

/** The statuses a level decides on, for conditional UPDATEs. */
export const reviewableStatuses = (level: ReviewLevel): RegistrationStatus[] =>
  level === 'site' ? ['draft', 'returned'] : ['site_approved'];

export function nextStatus(level: ReviewLevel, outcome: Outcome): RegistrationStatus {
  if (outcome === 'return') return 'returned';
  if (outcome === 'reject') return 'rejected';
  return level === 'site' ? 'site_approved' : 'approved';
}

export interface RequestedCategoryInput {
  categoryCode: string;
  reason?: string | undefined;
}

export interface DecisionInput {
  outcome: Outcome;
  comment?: string | undefined;
  images: Array<{ id: string; verdict: Verdict; reason?: string | undefined }>;
  /** Categories the candidate must add (return only), each with the reviewer's reason. */
  requestedCategories?: RequestedCategoryInput[] | undefined;
}

/** Why a decision is refused, as a stable code; the words are the catalogue's `decision.<code>` (./messages). */
export const DECISION_PROBLEM_CODES = [
  'comment_too_long',
  'replace_reason_missing',
  'replace_reason_too_long',
  'pass_with_replace',
  'pass_missing_required',
  'comment_required_return',
  'comment_required_reject',
  'return_nothing_to_fix',
  'requested_only_on_return',
  'requested_too_many',
  'requested_unknown_category',
  'requested_duplicate',
  'requested_reason_missing',
  'requested_reason_too_long',
  'requested_category_full',
] as const;
export type DecisionProblemCode = (typeof DECISION_PROBLEM_CODES)[number];

export const MAX_REQUESTED_CATEGORIES = 10;

/** What the rules need to know about the file beyond the decision itself. */
export interface DecisionContext {
  /** Required categories below their minimum (codes or names: only counted and echoed). */
  missingRequired: string[];
  /**
   * The categories the candidate can be asked to add, by code: how many more images each
   * takes now (`free`) and its live images, whose replacement also makes room. Omitted:
   * any category code is accepted (the web client checks before the server knows better).
   */
  requestable?: ReadonlyMap<string, { free: number; imageIds: readonly string[] }> | undefined;
}

/**
 * Why a decision is not acceptable (DECISION_INVALID), or null.
 * pass: every image approved and every required category filled;
 * return: a comment and at least one replace, an empty required category, or a requested
 * category (so a complete, all-approved file can still be sent back for one more document);
 * reject: a comment. A replace and a request always name their reason.
 */
export function decisionProblemCode(d: DecisionInput, ctx: DecisionContext): DecisionProblemCode | null {
  const comment = d.comment?.trim() ?? '';
  if (comment.length > 1000) return 'comment_too_long';
  for (const i of d.images) {
    if (i.verdict === 'replace' && !i.reason?.trim()) return 'replace_reason_missing';
    if ((i.reason?.length ?? 0) > 200) return 'replace_reason_too_long';
  }
  const requested = d.requestedCategories ?? [];
  if (requested.length > 0) {
    if (d.outcome !== 'return') return 'requested_only_on_return';
    if (requested.length > MAX_REQUESTED_CATEGORIES) return 'requested_too_many';
    const seen = new Set<string>();
    const replacing = new Set(d.images.filter((i) => i.verdict === 'replace').map((i) => i.id));
    for (const r of requested) {
      if (ctx.requestable && !ctx.requestable.has(r.categoryCode)) return 'requested_unknown_category';
      if (seen.has(r.categoryCode)) return 'requested_duplicate';
      seen.add(r.categoryCode);
      if (!r.reason?.trim()) return 'requested_reason_missing';
      if (r.reason.length > 200) return 'requested_reason_too_long';
      const cat = ctx.requestable?.get(r.categoryCode);
      if (cat && cat.free + cat.imageIds.filter((id) => replacing.has(id)).length <= 0) return 'requested_category_full';
    }
  }
  const replaces = d.images.filter((i) => i.verdict === 'replace').length;
  if (d.outcome === 'pass') {
    if (replaces > 0) return 'pass_with_replace';
    if (ctx.missingRequired.length > 0) return 'pass_missing_required';
    return null;
  }
  if (!comment) return d.outcome === 'return' ? 'comment_required_return' : 'comment_required_reject';
  if (d.outcome === 'return' && replaces === 0 && ctx.missingRequired.length === 0 && requested.length === 0) return 'return_nothing_to_fix';
  return null;
}

/**
 * While the region's upload window is open, a file whose required categories are not all
 * filled waits for the candidate: it is out of the default queue and cannot be claimed.
 * Once the window has closed it can be claimed, to return or reject it.
 */
export const claimBlockedByIncomplete = (materialsComplete: boolean, uploadOpen: boolean): boolean => uploadOpen && !materialsComplete;

export interface AllowedActions {
  claim: boolean;
  pass: boolean;
  return: boolean;
  reject: boolean;
}

/** What the UI offers a staff member on a registration. */
export function allowedActions(
  role: Role,
  status: RegistrationStatus,
  changedSinceReturn: boolean,
  imageStates: ImageState[],
  missingRequiredCategories: string[],
): AllowedActions {
  const can = isReviewableBy(levelOf(role), status, changedSinceReturn);
  return {
    claim: can,
    pass: can && missingRequiredCategories.length === 0,
    // A return can always ask for a further document (requestedCategories).
    return: can,
    reject: can,
  };
}
