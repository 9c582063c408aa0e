import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../adapters/db/schema.js';
import { toDbTime } from '../adapters/db/time.js';
import { finalStatusOf, resultEvent, withdrawnResultEvent, type FinalStatus, type ResultEvent } from '../domain/result-event.js';

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
  const reg = await registrationOf(trx, p.registrationId);
  const event = resultEvent({
    id: crypto.randomUUID(), registrationNo: reg.registration_no, year: Number(reg.year), status, level: p.level,
    comment: status === 'rejected' ? p.comment : null, decidedAt: p.at.toISOString(),
  });
  await storeEvent(trx, p.registrationId, event, p.at, p.webhook);
}

/**
 * Inside the transaction that takes a final result back (a reopening, a passed file sent back to
 * 填报 by new requirements): a `pending` event, so the registration system stops showing the
 * old result. Same outbox and pull API as every other event.
 */
export async function recordResultWithdrawn(
  trx: Kysely<DB>,
  p: { registrationId: string; previousStatus: FinalStatus; level: 'site' | 'region'; reason: string; at: Date; webhook: boolean },
): Promise<void> {
  const reg = await registrationOf(trx, p.registrationId);
  const event = withdrawnResultEvent({
    id: crypto.randomUUID(), registrationNo: reg.registration_no, year: Number(reg.year), previousStatus: p.previousStatus, level: p.level,
    comment: p.reason, decidedAt: p.at.toISOString(),
  });
  await storeEvent(trx, p.registrationId, event, p.at, p.webhook);
}

const registrationOf = (trx: Kysely<DB>, id: string) =>
  trx.selectFrom('registrations').select(['registration_no', 'year']).where('id', '=', id).executeTakeFirstOrThrow();

async function storeEvent(trx: Kysely<DB>, registrationId: string, event: ResultEvent, when: Date, webhook: boolean): Promise<void> {
  const at = toDbTime(when);
  await trx.insertInto('result_events').values({ id: event.id, registration_id: registrationId, payload: JSON.stringify(event), created_at: at }).execute();
  if (webhook) {
    await trx.insertInto('jobs').values({ kind: 'result_webhook', payload: JSON.stringify({ eventId: event.id }), run_at: at, attempts: 0, locked_until: null, done_at: null, last_error: null }).execute();
  }
}
