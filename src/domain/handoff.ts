/**
 * Claims of a hand-off token from the registration system (docs/HANDOFF.md): who
 * (registrationNo), until when (exp, seconds since the epoch) and a unique id (jti) that
 * makes the link usable once. Pure; the signature is checked before this is asked.
 */
export interface HandoffClaims {
  registrationNo: string;
  exp: number;
  jti: string;
}

/** A token may live at most this long: it only carries a click from one site to the other. */
export const MAX_HANDOFF_LIFETIME_SECONDS = 600;
/** Clocks of the two systems may differ by this much. */
export const HANDOFF_CLOCK_SKEW_SECONDS = 60;

export type HandoffProblem = 'invalid' | 'expired' | 'too_long';

export function checkHandoffClaims(payload: unknown, now: Date): { ok: true; claims: HandoffClaims } | { ok: false; problem: HandoffProblem } {
  if (!payload || typeof payload !== 'object') return { ok: false, problem: 'invalid' };
  const p = payload as Record<string, unknown>;
  const { registrationNo, exp, jti } = p;
  if (typeof registrationNo !== 'string' || !/^[0-9A-Za-z]{6,20}$/.test(registrationNo)) return { ok: false, problem: 'invalid' };
  if (typeof jti !== 'string' || !/^[A-Za-z0-9_-]{16,128}$/.test(jti)) return { ok: false, problem: 'invalid' };
  if (typeof exp !== 'number' || !Number.isInteger(exp)) return { ok: false, problem: 'invalid' };
  const nowSeconds = Math.floor(now.getTime() / 1000);
  if (exp + HANDOFF_CLOCK_SKEW_SECONDS <= nowSeconds) return { ok: false, problem: 'expired' };
  if (exp - nowSeconds > MAX_HANDOFF_LIFETIME_SECONDS + HANDOFF_CLOCK_SKEW_SECONDS) return { ok: false, problem: 'too_long' };
  return { ok: true, claims: { registrationNo, exp, jti } };
}
