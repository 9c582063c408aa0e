/**
 * The final review results the registration system receives (seed: 待全部审核结束后在报名
 * 系统中显示最终审核结果): a region pass (审核通过) or a rejection at either level (审核拒绝).
 * A return is not final, the candidate is still at work. Pure.
 */
export type FinalStatus = 'approved' | 'rejected';

export function finalStatusOf(level: 'site' | 'region', outcome: 'pass' | 'return' | 'reject'): FinalStatus | null {
  if (outcome === 'reject') return 'rejected';
  if (outcome === 'pass' && level === 'region') return 'approved';
  return null;
}

/** The JSON body of one event, as the webhook POSTs it and the pull API lists it. */
export interface ResultEvent {
  /** Unique per event (UUID): the receiver's idempotency key. */
  id: string;
  type: 'review.result';
  registrationNo: string;
  year: number;
  status: FinalStatus;
  statusLabel: '审核通过' | '审核拒绝';
  /** Which level decided it. */
  level: 'site' | 'region';
  /** The reviewer's comment (the reason of a rejection), or null. */
  comment: string | null;
  decidedAt: string;
}

export function resultEvent(p: Omit<ResultEvent, 'type' | 'statusLabel'>): ResultEvent {
  return { id: p.id, type: 'review.result', registrationNo: p.registrationNo, year: p.year, status: p.status, statusLabel: p.status === 'approved' ? '审核通过' : '审核拒绝', level: p.level, comment: p.comment, decidedAt: p.decidedAt };
}
