import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../adapters/db/schema.js';
import { toDbTime } from '../adapters/db/time.js';
import { finalStatusOf, resultEvent } from '../domain/result-event.js';

/**
 * Inside the decision's transaction: a final result becomes an event (pull API) and, when a
 * webhook is configured, a `result_webhook` job (outbox) — both or neither.
 */
export async function recordResultEvent(
  trx: Kysely<DB>,
  p: { registrationId: string; level: 'site' | 'region'; outcome: 'pass' | 'return' | 'reject'; comment: string | null; at: Date; webhook: boolean },
): Promise<void> {
  const status = finalStatusOf(p.level, p.outcome);
  if (!status) return;
  const reg = await trx.selectFrom('registrations').select(['registration_no', 'year']).where('id', '=', p.registrationId).executeTakeFirstOrThrow();
  const event = resultEvent({
    id: crypto.randomUUID(), registrationNo: reg.registration_no, year: Number(reg.year), status, level: p.level,
    comment: status === 'rejected' ? p.comment : null, decidedAt: p.at.toISOString(),
  });
  const at = toDbTime(p.at);
  await trx.insertInto('result_events').values({ id: event.id, registration_id: p.registrationId, payload: JSON.stringify(event), created_at: at }).execute();
  if (p.webhook) {
    await trx.insertInto('jobs').values({ kind: 'result_webhook', payload: JSON.stringify({ eventId: event.id }), run_at: at, attempts: 0, locked_until: null, done_at: null, last_error: null }).execute();
  }
}
