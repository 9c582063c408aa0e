import type { Deps } from './deps.js';
import type { ResultEventsQuery } from '../contracts/handoff.js';
import type { ResultEvent } from '../domain/result-event.js';

/**
 * The pull side of the result hand-off: every final-result event in the order it happened,
 * from a cursor. The cursor is the last event's sequence number, so a reader that stores it
 * after processing a page never misses or repeats one (ids stay the idempotency key).
 */
export async function listResultEvents(deps: Pick<Deps, 'store'>, q: ResultEventsQuery): Promise<{ items: ResultEvent[]; nextCursor: string | null; hasMore: boolean }> {
  const rows = await deps.store.resultEvents.pageAfter(Number(q.cursor ?? 0), q.limit + 1);
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => r.event),
    nextCursor: last ? String(last.seq) : (q.cursor ?? null),
    hasMore: rows.length > q.limit,
  };
}
