import crypto from 'node:crypto';

/**
 * Signature of a result webhook (docs/HANDOFF.md § 审核结果回传):
 *   X-Result-Timestamp: <unix seconds>
 *   X-Result-Signature: sha256=<hex HMAC-SHA256(key, `${timestamp}.${raw body}`)>
 * The timestamp inside the MAC stops a captured request from being replayed later.
 */
export function signResult(key: string, timestamp: number, body: string): string {
  return `sha256=${crypto.createHmac('sha256', key).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** The receiver's check: right MAC (constant time) and a timestamp within `toleranceSeconds` of now. */
export function verifyResultSignature(key: string, timestampHeader: string | undefined, signatureHeader: string | undefined, body: string, nowSeconds: number, toleranceSeconds = 300): boolean {
  if (!timestampHeader || !signatureHeader || !/^\d{1,12}$/.test(timestampHeader)) return false;
  const ts = Number(timestampHeader);
  if (Math.abs(nowSeconds - ts) > toleranceSeconds) return false;
  const expected = Buffer.from(signResult(key, ts, body));
  const given = Buffer.from(signatureHeader);
  return expected.length === given.length && crypto.timingSafeEqual(expected, given);
}
