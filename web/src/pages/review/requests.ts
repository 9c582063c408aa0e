/**
 * 要求补充材料: the categories a reviewer asks the candidate to add on a return
 * (requestedCategories of the decision). Pure (no React): unit tests drive it.
 *
 * - Any category of the candidate's catalog can be asked for, except one already full
 *   (maxCount images) unless one of its images is marked for replacement — the same rule
 *   as the server (requested_category_full), from the same numbers.
 * - An entry still without a category or reason is kept in the dialog but refused before
 *   sending, so the reviewer sees what to complete.
 */
import type { DecisionContext } from '../../../../src/domain/review-rules.js';
import type { MaterialCategory } from '../../api/types.js';

export interface RequestEntry {
  /** '' until the reviewer picks one. */
  categoryCode: string;
  reason: string;
}

/** Reasons offered in the reason field (free text is always allowed). */
export const REQUEST_REASONS = ['请补充相关证明材料', '请补充完整的材料（含所有页）', '请补充加盖公章的材料', '请补充清晰的原件照片'] as const;

export type Requestable = NonNullable<DecisionContext['requestable']>;

/** Per category: how many more images it takes now and its current images (as the server counts). */
export function requestableOf(categories: MaterialCategory[]): Requestable {
  return new Map(categories.map((c) => [c.code, { free: c.maxCount - c.images.length, imageIds: c.images.map((i) => i.id) }]));
}

/** Whether the candidate could add an image to this category once the marked images are replaced. */
export function canRequest(requestable: Requestable, code: string, replacing: ReadonlySet<string>): boolean {
  const c = requestable.get(code);
  if (!c) return false;
  return c.free + c.imageIds.filter((id) => replacing.has(id)).length > 0;
}

/** The entries as sent (decisionBody adds them to a return only). */
export function requestedCategoriesBody(entries: RequestEntry[]): Array<{ categoryCode: string; reason: string }> {
  return entries.map((e) => ({ categoryCode: e.categoryCode, reason: e.reason.trim() }));
}

/** Whether an entry still has no category picked. */
export const incompleteRequest = (entries: RequestEntry[]): boolean => entries.some((e) => !e.categoryCode);

/** "其他（请补充相关证明材料）" per entry, for the comment written from the marks. */
export function requestItems(entries: RequestEntry[], nameOf: (code: string) => string): string[] {
  return entries.filter((e) => e.categoryCode).map((e) => (e.reason.trim() ? `${nameOf(e.categoryCode)}（${e.reason.trim()}）` : nameOf(e.categoryCode)));
}
