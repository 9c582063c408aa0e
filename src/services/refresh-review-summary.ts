import type { Repositories } from '../ports/store.js';
import { missingRequired, resolveRequirements, type ResolvedCategory } from '../domain/catalog.js';
import { queueColumnsOf } from '../domain/review-queue.js';
import type { QueueState } from '../ports/repositories/review-queue.js';

type Tx = Pick<Repositories, 'reviewQueue' | 'catalog'>;

/** What the registration must upload (national, region and 考点 rules), read in the caller's transaction. */
export async function requirementsOfSubject(tx: Pick<Repositories, 'catalog'>, who: QueueState['subject']): Promise<ResolvedCategory[]> {
  const [catalog, rules] = await Promise.all([tx.catalog.categories(), tx.catalog.rulesFor(who.regionCode, who.siteCode)]);
  return resolveRequirements(catalog, rules, who);
}

/** Required categories not yet filled to their minimum (codes and names), given the live images by category. */
export function missingOf(categories: readonly ResolvedCategory[], liveCounts: ReadonlyMap<string, number>): { codes: string[]; names: string[]; imageCount: number } {
  const codes = missingRequired(categories.map((c) => ({ ...c, imageCount: liveCounts.get(c.code) ?? 0 })));
  const names = categories.filter((c) => codes.includes(c.code)).map((c) => c.name);
  return { codes, names, imageCount: [...liveCounts.values()].reduce((a, b) => a + b, 0) };
}

/** Required categories not yet filled to their minimum, by name. */
export async function missingRequiredFor(tx: Tx, registrationId: string): Promise<{ codes: string[]; names: string[]; imageCount: number }> {
  const state = await tx.reviewQueue.queueStateOf(registrationId);
  return missingOf(await requirementsOfSubject(tx, state.subject), state.liveCounts);
}

/**
 * Keeps the queue columns of a registration true after any change to its status or
 * images, inside the caller's transaction (the rules: domain/review-queue.ts).
 */
export async function refreshReviewSummary(tx: Tx, registrationId: string, now: Date, opts: { statusChanged?: boolean } = {}): Promise<void> {
  const state = await tx.reviewQueue.queueStateOf(registrationId);
  const missing = missingOf(await requirementsOfSubject(tx, state.subject), state.liveCounts);
  const columns = queueColumnsOf({ ...state, missingRequired: missing.codes.length, imageCount: missing.imageCount }, now, opts);
  await tx.reviewQueue.setQueueColumns(registrationId, columns);
}
