import type { SmsSender } from '../../ports/sms-sender.js';

/**
 * A real SMS gateway over HTTP (SMS_GATEWAY_URL, SMS_GATEWAY_TOKEN): POSTs
 * {to, text, idempotencyKey} as JSON; any 2xx is success, anything else is retried
 * by the job worker with backoff.
 */
export class HttpSmsSender implements SmsSender {
  constructor(private readonly url: string, private readonly token: string | undefined) {}
  async send(message: { to: string; text: string; idempotencyKey: string }): Promise<void> {
    const res = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': message.idempotencyKey, ...(this.token ? { authorization: `Bearer ${this.token}` } : {}) },
      body: JSON.stringify(message),
      signal: AbortSignal.timeout(10_000),
    });
    if (!res.ok) throw new Error(`SMS gateway answered ${res.status}`);
  }
}
