/**
 * Two-level review as pure functions of (role, status, images). The server enforces
 * them and the web client uses the same functions to show only what is allowed.
 */
import type { RegistrationStatus } from './registration-status.js';
import type { ImageState } from './image-state.js';

export type StaffRole = 'site_reviewer' | 'region_reviewer' | 'admin' | 'candidate';
export type ReviewLevel = 'site' | 'region';
export type Outcome = 'pass' | 'return' | 'reject';
export type Verdict = 'approve' | 'replace';

export const PRESET_REASONS = ['图片不清晰', '方向不正', '材料类型不符', '信息不完整', '非本人材料', '其他'] as const;

export const levelOf = (role: StaffRole): ReviewLevel | null =>
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

export interface DecisionInput {
  outcome: Outcome;
  comment?: string | undefined;
  images: Array<{ id: string; verdict: Verdict; reason?: string | undefined }>;
}

/**
 * Why a decision is not acceptable (DECISION_INVALID), or null.
 * pass: every image approved and every required category filled;
 * return: a comment and at least one replace (or an empty required category);
 * reject: a comment. A replace always names its reason.
 */
export function decisionProblem(d: DecisionInput, missingRequiredCategories: string[]): string | null {
  const comment = d.comment?.trim() ?? '';
  if (comment.length > 1000) return '审核意见不能超过1000字';
  for (const i of d.images) {
    if (i.verdict === 'replace' && !i.reason?.trim()) return '要求更换的图片须写明原因';
    if ((i.reason?.length ?? 0) > 200) return '更换原因不能超过200字';
  }
  const replaces = d.images.filter((i) => i.verdict === 'replace').length;
  if (d.outcome === 'pass') {
    if (replaces > 0) return '通过时所有图片都须审核通过';
    if (missingRequiredCategories.length > 0) return `必传材料未上传齐全：${missingRequiredCategories.join('、')}`;
    return null;
  }
  if (!comment) return d.outcome === 'return' ? '退回修改须填写审核意见' : '审核拒绝须填写审核意见';
  if (d.outcome === 'return' && replaces === 0 && missingRequiredCategories.length === 0) {
    return '退回修改须至少标记一张需更换的图片，或有必传材料未上传';
  }
  return null;
}

export interface AllowedActions {
  claim: boolean;
  pass: boolean;
  return: boolean;
  reject: boolean;
}

/** What the UI offers a staff member on a registration. */
export function allowedActions(
  role: StaffRole,
  status: RegistrationStatus,
  changedSinceReturn: boolean,
  imageStates: ImageState[],
  missingRequiredCategories: string[],
): AllowedActions {
  const can = isReviewableBy(levelOf(role), status, changedSinceReturn);
  return {
    claim: can,
    pass: can && missingRequiredCategories.length === 0,
    return: can && (imageStates.length > 0 || missingRequiredCategories.length > 0),
    reject: can,
  };
}
