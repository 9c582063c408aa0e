/**
 * When an upload attempt fails, what next: the pure rules (unit-tested), no timers, no I/O.
 * Every retry reuses the same Idempotency-Key, so a retry after a lost answer never stores
 * a second copy; that is what makes retrying on a timeout or a dropped connection safe.
 */

export type AttemptOutcome =
  /** No answer: the connection failed or dropped (offline says whether the browser knows it is offline). */
  | { kind: 'network'; offline: boolean }
  /** No byte moved, or no answer came, for too long: the attempt was abandoned. */
  | { kind: 'timeout' }
  /** An HTTP answer that is not a success. */
  | { kind: 'status'; status: number; code: string; retryAfterSeconds?: number };

export type NextStep =
  /** Wait delayMs and try again; `why` is what the page says meanwhile. */
  | { action: 'retry'; delayMs: number; why: 'queued' | 'retrying' }
  /** Wait for the browser's online event, then try again at once. */
  | { action: 'wait-online' }
  /** Stop: the caller shows the error. */
  | { action: 'fail' };

export interface RetryPolicy {
  /** Backoff after a dropped connection or timeout: base × 2^n, capped, ± jitter. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Failed attempts (network, timeout, 502/504) before giving up while online. */
  maxFailures: number;
  /** 503 OVERLOADED (the server's queue) is waited out for at most this long in all. */
  maxQueueWaitMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  baseDelayMs: 1000,
  maxDelayMs: 30_000,
  maxFailures: 6,
  maxQueueWaitMs: 10 * 60_000,
};

export interface RetryState {
  /** Failed attempts so far that count against maxFailures. */
  failures: number;
  /** Time spent queued (503 OVERLOADED) so far, in ms. */
  queuedMs: number;
}

/** Gateway answers that mean "the request did not get through", safe to repeat with the same key. */
const TRANSIENT_STATUS = new Set([502, 504]);

/**
 * The next step after `outcome`. `random` (0..1) spreads the waits so that many pages do not
 * come back in the same instant. The caller adds the delay to state.queuedMs / counts the failure.
 */
export function nextStep(outcome: AttemptOutcome, state: RetryState, policy: RetryPolicy = DEFAULT_RETRY_POLICY, random = 0.5): NextStep {
  if (outcome.kind === 'network' && outcome.offline) return { action: 'wait-online' };
  if (outcome.kind === 'status' && outcome.status === 503 && outcome.code === 'OVERLOADED') {
    const ms = (outcome.retryAfterSeconds ?? 5) * 1000 * (1 + random * 0.2);
    if (state.queuedMs + ms > policy.maxQueueWaitMs) return { action: 'fail' };
    return { action: 'retry', delayMs: Math.round(ms), why: 'queued' };
  }
  const transient = outcome.kind !== 'status' || TRANSIENT_STATUS.has(outcome.status) || (outcome.status === 503 && outcome.retryAfterSeconds === undefined);
  if (!transient) return { action: 'fail' };
  if (state.failures + 1 >= policy.maxFailures) return { action: 'fail' };
  return { action: 'retry', delayMs: backoff(state.failures, policy, random), why: 'retrying' };
}

/** base × 2^n capped at maxDelayMs, then between 80 % and 120 % of it. */
export function backoff(failures: number, policy: RetryPolicy = DEFAULT_RETRY_POLICY, random = 0.5): number {
  const plain = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** failures);
  return Math.round(plain * (0.8 + random * 0.4));
}
