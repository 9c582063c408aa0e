/** Shapes of the review calls: the server's review contract (src/contracts/review.ts), types only. */
export type {
  QueueItem, QueuePage, QueueCounts, FilterOptions, HistoryEntry, AllowedActions, ReviewFile, DraftVerdict, DraftRequest, ReviewDraft,
  SiteOpinion, DecisionRequest, SiteStatistics, Statistics, PhoneOutcome, SharedPicturesPage,
} from '../../../../src/contracts/review.js';
