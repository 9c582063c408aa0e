import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import { fromDbTime } from '../time.js';
import type { ReviewCommentsRepository } from '../../../ports/repositories/review-comments.js';

export const createReviewCommentsRepository = (db: Kysely<DB>): ReviewCommentsRepository => ({
  async latestOf(registrationId) {
    const r = await db
      .selectFrom('review_comments')
      .select(['level', 'comment', 'at', 'outcome'])
      .where('registration_id', '=', registrationId)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    return r ? { level: r.level, outcome: r.outcome, comment: r.comment, at: fromDbTime(r.at) } : null;
  },
});
