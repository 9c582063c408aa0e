/** Failed logins are counted in a sliding window of this length. */
export const THROTTLE_WINDOW_MS = 15 * 60_000;

/**
 * How long to refuse further attempts after the n-th failure in the window:
 * nothing for the first few, then 30 s doubling up to 15 minutes. Never permanent.
 */
export function loginDelay(failures: number, freeAttempts = 5): number {
  if (failures < freeAttempts) return 0;
  return Math.min(30_000 * 2 ** Math.min(failures - freeAttempts, 10), 15 * 60_000);
}

/** Free attempts per user name, and per address (many people share one NAT address). */
export const FREE_ATTEMPTS_PER_USER = 5;
export const FREE_ATTEMPTS_PER_ADDRESS = 100;
