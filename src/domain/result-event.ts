/**
 * The review results the registration system receives (seed: 待全部审核结束后在报名
 * 系统中显示最终审核结果): a region pass (审核通过) or a rejection at either level (审核拒绝).
 * A return is not final, the candidate is still at work. A final result that stops holding
 * (an administrator reopens it, or a change of requirements sends a passed file back to 填报)
 * is an event too: status `pending` (审核中) with the status it replaces. Pure.
 */
export type FinalStatus = 'approved' | 'rejected';
export type ResultStatus = FinalStatus | 'pending';

export function finalStatusOf(level: 'site' | 'region', outcome: 'pass' | 'return' | 'reject'): FinalStatus | null {
  if (outcome === 'reject') return 'rejected';
  if (outcome === 'pass' && level === 'region') return 'approved';
  return null;
}

const STATUS_LABELS: Record<ResultStatus, '审核通过' | '审核拒绝' | '审核中'> = { approved: '审核通过', rejected: '审核拒绝', pending: '审核中' };

/** The JSON body of one event, as the webhook POSTs it and the pull API lists it. */
export interface ResultEvent {
  /** Unique per event (UUID): the receiver's idempotency key. */
  id: string;
  type: 'review.result';
  registrationNo: string;
  year: number;
  /** `pending`: the earlier final result no longer holds, the file is being reviewed again. */
  status: ResultStatus;
  statusLabel: '审核通过' | '审核拒绝' | '审核中';
  /** Which level decided it (for `pending`: the level whose result was withdrawn). */
  level: 'site' | 'region';
  /** The reviewer's comment (the reason of a rejection), the reason of a reopening, or null. */
  comment: string | null;
  decidedAt: string;
  /** Only on `pending`: the final status that stopped holding. */
  previousStatus?: FinalStatus;
}

export function resultEvent(p: Omit<ResultEvent, 'type' | 'statusLabel' | 'status' | 'previousStatus'> & { status: FinalStatus }): ResultEvent {
  return { id: p.id, type: 'review.result', registrationNo: p.registrationNo, year: p.year, status: p.status, statusLabel: STATUS_LABELS[p.status], level: p.level, comment: p.comment, decidedAt: p.decidedAt };
}

/** A final result withdrawn: the registration system shows 审核中 again until the next final event. */
export function withdrawnResultEvent(p: Omit<ResultEvent, 'type' | 'statusLabel' | 'status' | 'previousStatus'> & { previousStatus: FinalStatus }): ResultEvent {
  return {
    id: p.id, type: 'review.result', registrationNo: p.registrationNo, year: p.year, status: 'pending', statusLabel: STATUS_LABELS.pending,
    level: p.level, comment: p.comment, decidedAt: p.decidedAt, previousStatus: p.previousStatus,
  };
}
