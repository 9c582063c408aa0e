import type { Deps } from './deps.js';
import type { ResultEventsQuery } from '../contracts/handoff.js';
import type { ResultEvent } from '../domain/result-event.js';


/**
 * The pull side of the result hand-off: every final-result event in the order it happened,
 * from a cursor. The cursor is the last event's sequence number, so a reader that stores it
 * after processing a page never misses or repeats one (ids stay the idempotency key).
 */
export async function listResultEvents(deps: Deps, q: ResultEventsQuery): Promise<{ items: ResultEvent[]; nextCursor: string | null; hasMore: boolean }> {
  const rows = await deps.db
    .selectFrom('result_events')
    .select(['seq', 'payload'])
    .where('seq', '>', Number(q.cursor ?? 0))
    .orderBy('seq')
    .limit(q.limit + 1)
    .execute();
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => JSON.parse(r.payload) as ResultEvent),
    nextCursor: last ? String(last.seq) : (q.cursor ?? null),
    hasMore: rows.length > q.limit,
  };
}
