import { sql } from 'kysely';
import type { Deps } from './deps.js';
import type { SmsSender } from '../ports/sms-sender.js';
import type { ResultWebhook } from '../ports/result-webhook.js';
import { toDbTime } from '../adapters/db/time.js';

export const MAX_ATTEMPTS = 8;
const LOCK_MS = 2 * 60_000;
/** 30 s, 1 min, 2 min … capped at 1 h. */
export const retryDelayMs = (attempts: number) => Math.min(30_000 * 2 ** Math.max(attempts - 1, 0), 3_600_000);

/**
 * Takes one due job and runs it. The job is leased (locked_until) before it runs, so
 * another worker skips it; a worker that dies leaves a lease that expires and the job
 * runs again — the SMS carries the job id as idempotency key so it is not sent twice.
 * Returns false when nothing was due.
 */
export async function runOneJob(deps: Pick<Deps, 'db' | 'dialect' | 'clock' | 'cipher'>, sms: SmsSender, resultWebhook: ResultWebhook | null = null): Promise<boolean> {
  const now = deps.clock.now();
  const nowIso = toDbTime(now);
  const due = deps.db
    .selectFrom('jobs')
    .select('id')
    .where('done_at', 'is', null)
    .where('run_at', '<=', nowIso)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', nowIso)]))
    .orderBy('id')
    .limit(1);
  const job = await deps.db
    .updateTable('jobs')
    .set({ locked_until: toDbTime(new Date(now.getTime() + LOCK_MS)), attempts: sql<number>`attempts + 1` })
    .where('id', '=', deps.dialect === 'postgres' ? due.forUpdate().skipLocked() : due)
    .returning(['id', 'kind', 'payload', 'attempts'])
    .executeTakeFirst();
  if (!job) return false;
  try {
    if (job.kind === 'sms') {
      const { registrationId, text } = JSON.parse(job.payload) as { registrationId: string; text: string };
      const reg = await deps.db.selectFrom('registrations').select('phone_cipher').where('id', '=', registrationId).executeTakeFirstOrThrow();
      await sms.send({ to: deps.cipher.decrypt(reg.phone_cipher), text, idempotencyKey: `job-${job.id}` });
    } else if (job.kind === 'result_webhook') {
      // The final result to the registration system; the event id is its idempotency key.
      if (!resultWebhook) throw new Error('RESULT_WEBHOOK_URL is not configured');
      const { eventId } = JSON.parse(job.payload) as { eventId: string };
      const ev = await deps.db.selectFrom('result_events').select(['id', 'payload']).where('id', '=', eventId).executeTakeFirstOrThrow();
      await resultWebhook.deliver({ id: ev.id, body: ev.payload });
    } else {
      throw new Error(`Unknown job kind ${job.kind}`);
    }
    await deps.db.updateTable('jobs').set({ done_at: toDbTime(deps.clock.now()), locked_until: null, last_error: null }).where('id', '=', job.id).execute();
  } catch (e) {
    const attempts = Number(job.attempts);
    const giveUp = attempts >= MAX_ATTEMPTS;
    await deps.db
      .updateTable('jobs')
      .set({
        locked_until: null,
        last_error: String((e as Error).message ?? e).slice(0, 500),
        run_at: toDbTime(new Date(deps.clock.now().getTime() + retryDelayMs(attempts))),
        ...(giveUp ? { done_at: toDbTime(deps.clock.now()) } : {}),
      })
      .where('id', '=', job.id)
      .execute();
  }
  return true;
}

/** Works the jobs table in this process until stopped. */
export function startJobWorker(
  deps: Pick<Deps, 'db' | 'dialect' | 'clock' | 'cipher'>,
  sms: SmsSender,
  opts: { intervalMs?: number; onError?: (e: unknown) => void; resultWebhook?: ResultWebhook | null } = {},
) {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const tick = async () => {
    try {
      while (!stopped && (await runOneJob(deps, sms, opts.resultWebhook ?? null))) {
        /* drain what is due */
      }
    } catch (e) {
      opts.onError?.(e);
    }
    if (!stopped) timer = setTimeout(tick, opts.intervalMs ?? 2000);
  };
  timer = setTimeout(tick, 0);
  return {
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
