import type { RegistrationStatus } from './registration-status.js';
import { reviewQueueOf, type ReviewLevel } from './review-rules.js';

/** The queue columns of a registration (review_queue, materials_complete, …), kept true after every change. */
export interface QueueColumns {
  reviewQueue: ReviewLevel | null;
  materialsComplete: boolean;
  /** Only for a returned file; left as it is otherwise. */
  changedSinceReturn?: boolean;
  imageCount: number;
  /** Set when the file (re-)enters a queue. */
  waitingSince?: Date;
}

/**
 * "Complete" means every required category is filled and no category a reviewer asked for is
 * still empty. A returned file goes back to the site queue (changed since return) once nothing
 * is left on the candidate's to-do — no missing category, no image marked for replacement, no
 * open request — and stays there until the next decision. Entering a queue (or a new status)
 * restarts its waiting time.
 */
export function queueColumnsOf(
  s: {
    status: RegistrationStatus;
    changedSinceReturn: boolean;
    /** The queue it is in now. */
    reviewQueue: ReviewLevel | null;
    missingRequired: number;
    openRequest: boolean;
    flagged: boolean;
    imageCount: number;
  },
  now: Date,
  opts: { statusChanged?: boolean | undefined } = {},
): QueueColumns {
  const complete = s.missingRequired === 0 && !s.openRequest;
  const resubmitted = s.status === 'returned' && (s.changedSinceReturn || (complete && !s.flagged));
  const queue = reviewQueueOf(s.status, resubmitted);
  const entersQueue = queue !== null && (opts.statusChanged === true || queue !== s.reviewQueue);
  return {
    reviewQueue: queue,
    materialsComplete: complete,
    ...(s.status === 'returned' ? { changedSinceReturn: resubmitted } : {}),
    imageCount: s.imageCount,
    ...(entersQueue ? { waitingSince: now } : {}),
  };
}
