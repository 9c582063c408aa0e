import type { Repositories } from '../ports/store.js';
import type { LateCategoryState } from '../domain/late-fixes.js';

type Requests = Pick<Repositories, 'reviewRequests'>;

export interface OpenRequestRow {
  categoryCode: string;
  reason: string;
  level: 'site' | 'region';
  requestedAt: string;
}

/** The categories a reviewer asked for that the candidate has not added yet, oldest first. */
export async function openRequests(tx: Requests, registrationId: string): Promise<OpenRequestRow[]> {
  const rows = await tx.reviewRequests.openOf(registrationId);
  return rows.map((r) => ({ categoryCode: r.categoryCode, reason: r.reason, level: r.level, requestedAt: r.requestedAt.toISOString() }));
}

/** An upload into a requested category ends the request (in the upload's transaction). */
export const fulfilRequests = (tx: Requests, registrationId: string, categoryCode: string, now: Date): Promise<number> =>
  tx.reviewRequests.fulfil(registrationId, categoryCode, now);

/** A new decision replaces whatever the previous one asked for. */
export const closeOpenRequests = (tx: Requests, registrationId: string, now: Date): Promise<void> => tx.reviewRequests.closeOpen(registrationId, now);

export const insertRequests = (
  tx: Requests,
  registrationId: string,
  by: { level: 'site' | 'region'; accountId: string },
  now: Date,
  items: Array<{ categoryCode: string; reason: string }>,
): Promise<void> => tx.reviewRequests.add(registrationId, by, now, items);

/** What the last return asked of one category and what was uploaded since (late fixes). */
export const lateCategoryState = (tx: Requests, registrationId: string, categoryCode: string, returnedAt: Date): Promise<LateCategoryState> =>
  tx.reviewRequests.lateCategoryState(registrationId, categoryCode, returnedAt);

/** Categories an import took out of the candidate's required set (their approved images may go). */
export const releasedCategories = (tx: Requests, registrationId: string): Promise<Set<string>> => tx.reviewRequests.releasedOf(registrationId);
