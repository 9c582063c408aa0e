import { describe, expect, it } from 'vitest';
import { backoff, DEFAULT_RETRY_POLICY, nextStep, type RetryPolicy } from '../../web/src/api/upload-policy.js';

const policy: RetryPolicy = { baseDelayMs: 1000, maxDelayMs: 30_000, maxFailures: 4, maxQueueWaitMs: 60_000 };
const fresh = { failures: 0, queuedMs: 0 };

describe('upload retry policy', () => {
  it('a dropped connection while offline waits for the network instead of counting a failure', () => {
    expect(nextStep({ kind: 'network', offline: true }, { failures: 3, queuedMs: 0 }, policy)).toEqual({ action: 'wait-online' });
  });

  it('a dropped connection or a stall online is retried after a growing, capped backoff', () => {
    const delays = [0, 1, 2, 3, 10].map((failures) => backoff(failures, policy, 0.5));
    expect(delays).toEqual([1000, 2000, 4000, 8000, 30_000]);
    expect(nextStep({ kind: 'timeout' }, fresh, policy, 0.5)).toEqual({ action: 'retry', delayMs: 1000, why: 'retrying' });
    expect(nextStep({ kind: 'network', offline: false }, { failures: 2, queuedMs: 0 }, policy, 0.5)).toEqual({ action: 'retry', delayMs: 4000, why: 'retrying' });
  });

  it('spreads the backoff between 80 % and 120 % so pages do not return together', () => {
    expect(backoff(1, policy, 0)).toBe(1600);
    expect(backoff(1, policy, 1)).toBe(2400);
  });

  it('gives up after maxFailures attempts that failed online', () => {
    expect(nextStep({ kind: 'timeout' }, { failures: policy.maxFailures - 2, queuedMs: 0 }, policy).action).toBe('retry');
    expect(nextStep({ kind: 'timeout' }, { failures: policy.maxFailures - 1, queuedMs: 0 }, policy).action).toBe('fail');
  });

  it('503 OVERLOADED waits the Retry-After (plus up to 20 %) as 排队中, without counting a failure', () => {
    const step = nextStep({ kind: 'status', status: 503, code: 'OVERLOADED', retryAfterSeconds: 3 }, { failures: 99, queuedMs: 0 }, policy, 1);
    expect(step).toEqual({ action: 'retry', delayMs: 3600, why: 'queued' });
  });

  it('stops queueing once the longest wait would be passed', () => {
    const outcome = { kind: 'status', status: 503, code: 'OVERLOADED', retryAfterSeconds: 5 } as const;
    expect(nextStep(outcome, { failures: 0, queuedMs: 54_000 }, policy, 0).action).toBe('retry');
    expect(nextStep(outcome, { failures: 0, queuedMs: 56_000 }, policy, 0).action).toBe('fail');
  });

  it('gateway errors are retried; the server saying no is not', () => {
    expect(nextStep({ kind: 'status', status: 502, code: 'HTTP_502' }, fresh, policy).action).toBe('retry');
    expect(nextStep({ kind: 'status', status: 504, code: 'HTTP_504' }, fresh, policy).action).toBe('retry');
    for (const [status, code] of [
      [409, 'CATEGORY_FULL'],
      [403, 'UPLOAD_DISABLED'],
      [413, 'FILE_TOO_LARGE'],
      [401, 'UNAUTHENTICATED'],
      [500, 'INTERNAL'],
    ] as const) {
      expect(nextStep({ kind: 'status', status, code }, fresh, policy).action, code).toBe('fail');
    }
  });

  it('the defaults retry for minutes in the queue but give up on a dead line within a minute', () => {
    const total = Array.from({ length: DEFAULT_RETRY_POLICY.maxFailures - 1 }, (_, i) => backoff(i, DEFAULT_RETRY_POLICY, 1)).reduce((a, b) => a + b, 0);
    expect(total).toBeLessThan(60_000);
    expect(DEFAULT_RETRY_POLICY.maxQueueWaitMs).toBeGreaterThanOrEqual(5 * 60_000);
  });
});
