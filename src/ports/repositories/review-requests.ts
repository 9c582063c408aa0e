import type { LateCategoryState } from '../../domain/late-fixes.js';

/** A category a reviewer asked the candidate to add, still open. */
export interface OpenRequest {
  categoryCode: string;
  reason: string;
  level: 'site' | 'region';
  requestedAt: Date;
}

/** Categories reviewers asked for (requested_categories) and those an import released (released_categories). */
export interface ReviewRequestsRepository {
  /** Oldest first. */
  openOf(registrationId: string): Promise<OpenRequest[]>;
  /** Which of the registrations have a request still open. */
  withOpenAmong(registrationIds: readonly string[]): Promise<Set<string>>;
  /** An upload into a requested category ends the request; returns how many ended. */
  fulfil(registrationId: string, categoryCode: string, now: Date): Promise<number>;
  /** A new decision replaces whatever the previous one asked for. */
  closeOpen(registrationId: string, now: Date): Promise<void>;
  add(registrationId: string, by: { level: 'site' | 'region'; accountId: string }, now: Date, items: ReadonlyArray<{ categoryCode: string; reason: string }>): Promise<void>;
  /** What the last return (at `returnedAt`) asked of one category and what was uploaded since (late fixes). */
  lateCategoryState(registrationId: string, categoryCode: string, returnedAt: Date): Promise<LateCategoryState>;
  /** Categories an import took out of the candidate's required set (their approved images may go). */
  releasedOf(registrationId: string): Promise<Set<string>>;
}
