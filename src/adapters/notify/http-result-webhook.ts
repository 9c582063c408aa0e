import type { ResultWebhook } from '../../ports/result-webhook.js';
import { signResult } from '../crypto/result-signature.js';

/**
 * POSTs a result event to RESULT_WEBHOOK_URL, signed with RESULT_WEBHOOK_KEY. Any 2xx is
 * delivered; anything else (or no answer in 10 s) throws, and the job worker retries with
 * backoff. The same event id is sent on every try: the receiver drops repeats.
 */
export class HttpResultWebhook implements ResultWebhook {
  constructor(private readonly url: string, private readonly key: string, private readonly now: () => Date = () => new Date()) {}
  async deliver(event: { id: string; body: string }): Promise<void> {
    const ts = Math.floor(this.now().getTime() / 1000);
    const res = await fetch(this.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'x-result-event-id': event.id,
        'x-result-timestamp': String(ts),
        'x-result-signature': signResult(this.key, ts, event.body),
      },
      body: event.body,
      redirect: 'error',
      signal: AbortSignal.timeout(10_000),
    });
    await res.arrayBuffer().catch(() => undefined);
    if (!res.ok) throw new Error(`result webhook answered ${res.status}`);
  }
}
