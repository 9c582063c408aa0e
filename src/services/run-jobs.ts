import type { Deps } from './deps.js';
import type { SmsSender } from '../ports/sms-sender.js';
import type { ResultWebhook } from '../ports/result-webhook.js';

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
export async function runOneJob(deps: Pick<Deps, 'store' | 'clock' | 'cipher'>, sms: SmsSender, resultWebhook: ResultWebhook | null = null): Promise<boolean> {
  const { jobs } = deps.store;
  const now = deps.clock.now();
  const job = await jobs.leaseNextDue(now, new Date(now.getTime() + LOCK_MS));
  if (!job) return false;
  try {
    if (job.kind === 'sms') {
      const { registrationId, text } = JSON.parse(job.payload) as { registrationId: string; text: string };
      const phoneCipher = await jobs.smsRecipientCipher(registrationId);
      if (!phoneCipher) throw new Error(`registration ${registrationId} of the SMS is gone`);
      await sms.send({ to: deps.cipher.decrypt(phoneCipher), text, idempotencyKey: `job-${job.id}` });
    } else if (job.kind === 'result_webhook') {
      // The final result to the registration system; the event id is its idempotency key.
      if (!resultWebhook) throw new Error('RESULT_WEBHOOK_URL is not configured');
      const { eventId } = JSON.parse(job.payload) as { eventId: string };
      const ev = await jobs.resultEvent(eventId);
      if (!ev) throw new Error(`result event ${eventId} of the webhook is gone`);
      await resultWebhook.deliver({ id: ev.id, body: ev.payload });
    } else {
      throw new Error(`Unknown job kind ${job.kind}`);
    }
    await jobs.markDone(job.id, deps.clock.now());
  } catch (e) {
    const attempts = job.attempts;
    const failedAt = deps.clock.now();
    await jobs.markFailed(job.id, {
      error: String((e as Error).message ?? e).slice(0, 500),
      runAt: new Date(failedAt.getTime() + retryDelayMs(attempts)),
      giveUpAt: attempts >= MAX_ATTEMPTS ? failedAt : null,
    });
  }
  return true;
}

/** Works the jobs table in this process until stopped. */
export function startJobWorker(
  deps: Pick<Deps, 'store' | 'clock' | 'cipher'>,
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
