import crypto from 'node:crypto';
import type { Repositories } from '../ports/store.js';
import { finalStatusOf, resultEvent, withdrawnResultEvent, type FinalStatus } from '../domain/result-event.js';

/**
 * Inside the decision's transaction: a final result becomes an event (pull API) and, when a
 * webhook is configured, a `result_webhook` job (outbox) — both or neither.
 */
export async function recordResultEvent(
  tx: Pick<Repositories, 'resultEvents'>,
  p: { registrationId: string; level: 'site' | 'region'; outcome: 'pass' | 'return' | 'reject'; comment: string | null; at: Date; webhook: boolean },
): Promise<void> {
  const status = finalStatusOf(p.level, p.outcome);
  if (!status) return;
  const reg = await tx.resultEvents.registrationRefOf(p.registrationId);
  const event = resultEvent({
    id: crypto.randomUUID(), registrationNo: reg.registrationNo, year: reg.year, status, level: p.level,
    comment: status === 'rejected' ? p.comment : null, decidedAt: p.at.toISOString(),
  });
  await tx.resultEvents.add(p.registrationId, event, p.at, { webhook: p.webhook });
}

/**
 * Inside the transaction that takes a final result back (a reopening, a passed file sent back to
 * 填报 by new requirements): a `pending` event, so the registration system stops showing the
 * old result. Same outbox and pull API as every other event.
 */
export async function recordResultWithdrawn(
  tx: Pick<Repositories, 'resultEvents'>,
  p: { registrationId: string; previousStatus: FinalStatus; level: 'site' | 'region'; reason: string; at: Date; webhook: boolean },
): Promise<void> {
  const reg = await tx.resultEvents.registrationRefOf(p.registrationId);
  const event = withdrawnResultEvent({
    id: crypto.randomUUID(), registrationNo: reg.registrationNo, year: reg.year, previousStatus: p.previousStatus, level: p.level,
    comment: p.reason, decidedAt: p.at.toISOString(),
  });
  await tx.resultEvents.add(p.registrationId, event, p.at, { webhook: p.webhook });
}
