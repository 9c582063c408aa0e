import crypto from 'node:crypto';

/**
 * Hand-off token wire format (docs/HANDOFF.md):
 *   base64url(UTF-8 JSON payload) "." base64url(HMAC-SHA256(key, first part))
 * The key is HANDOFF_KEY's UTF-8 bytes. The same code signs (scripts, tests) and verifies. Pure
 * computation (an HMAC), so it sits with the other hand-off rules in the domain.
 */
const b64 = (b: Buffer | string) => Buffer.from(b).toString('base64url');
const mac = (key: string, body: string) => crypto.createHmac('sha256', Buffer.from(key, 'utf8')).update(body, 'ascii').digest();

export function signHandoffToken(key: string, payload: Record<string, unknown>): string {
  const body = b64(JSON.stringify(payload));
  return `${body}.${b64(mac(key, body))}`;
}

/** The payload of a well-formed token with a valid signature; null for anything else. */
export function openHandoffToken(key: string, token: string): unknown {
  if (token.length > 2048) return null;
  const m = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/.exec(token);
  if (!m) return null;
  const [, body, sig] = m as unknown as [string, string, string];
  const given = Buffer.from(sig, 'base64url');
  const expected = mac(key, body);
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return null;
  try {
    return JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as unknown;
  } catch {
    return null;
  }
}
