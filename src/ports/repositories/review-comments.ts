/** A reviewer's comment with a decision. */
export interface ReviewComment {
  level: 'site' | 'region';
  outcome: 'pass' | 'return' | 'reject';
  comment: string | null;
  at: Date;
}

export interface ReviewCommentsRepository {
  /** The registration's most recent decision comment, if any. */
  latestOf(registrationId: string): Promise<ReviewComment | null>;
}
