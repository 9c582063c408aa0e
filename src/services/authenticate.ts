import crypto from 'node:crypto';
import type { Deps, Actor } from './deps.js';
import { AppError } from '../domain/errors.js';
import { passwordWeakness } from '../domain/password-policy.js';
import type { Account } from '../ports/repositories/accounts.js';
import { FREE_ATTEMPTS_PER_ADDRESS, FREE_ATTEMPTS_PER_USER, loginDelay, THROTTLE_WINDOW_MS } from '../domain/login-throttle.js';
import { checkAccountPassword } from './check-account-password.js';

export interface SessionResult {
  token: string;
  csrfToken: string;
  actor: Actor;
  expiresAt: Date;
}

/** Absolute session lifetime; 12 hours unless configured (SESSION_MAX_HOURS). */
const sessionMaxMs = (deps: Deps) => (deps.sessionMaxHours ?? 12) * 3_600_000;

const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('base64url');

export function actorFromAccount(a: Account): Actor {
  return {
    accountId: a.id,
    username: a.username,
    role: a.role,
    displayName: a.displayName,
    regionCode: a.regionCode,
    siteCode: a.siteCode,
    registrationId: a.registrationId,
    mustChangePassword: a.mustChangePassword,
  };
}

async function throttleCheck(deps: Deps, key: string, now: Date, action?: 'password'): Promise<void> {
  const blockedUntil = (await deps.store.accounts.throttle(key))?.blockedUntil;
  if (blockedUntil && blockedUntil > now) {
    const retryAfterSeconds = Math.ceil((blockedUntil.getTime() - now.getTime()) / 1000);
    throw new AppError('TOO_MANY_ATTEMPTS', { retryAfterSeconds, action });
  }
}

async function recordFailure(deps: Deps, key: string, now: Date, freeAttempts: number): Promise<void> {
  await deps.store.transaction(async (tx) => {
    const row = await tx.accounts.throttle(key);
    const fresh = !row || now.getTime() - row.windowStartedAt.getTime() > THROTTLE_WINDOW_MS;
    const failures = fresh ? 1 : row.failures + 1;
    const delay = loginDelay(failures, freeAttempts);
    await tx.accounts.saveThrottle(key, {
      failures,
      windowStartedAt: fresh ? now : row.windowStartedAt,
      blockedUntil: delay > 0 ? new Date(now.getTime() + delay) : null,
    });
  });
}

/** A new session for an account whose identity is proven (password, or a hand-off token). */
export async function openSession(deps: Deps, account: Account, now: Date): Promise<SessionResult> {
  const token = crypto.randomBytes(32).toString('base64url');
  const csrfToken = crypto.randomBytes(24).toString('base64url');
  const expiresAt = new Date(now.getTime() + Math.min(deps.sessionTtlMinutes * 60_000, sessionMaxMs(deps)));
  await deps.store.accounts.openSession({ id: sha256(token), accountId: account.id, csrfToken, createdAt: now, expiresAt });
  return { token, csrfToken, actor: actorFromAccount(account), expiresAt };
}

/**
 * Same answer for an unknown user and a wrong password; repeated failures per user
 * name and per address slow down (429) but never lock an account for good.
 */
export async function login(deps: Deps, input: { username: string; password: string; ip: string }): Promise<SessionResult> {
  const now = deps.clock.now();
  const userKey = `u:${input.username.trim().toLowerCase()}`;
  const ipKey = `ip:${input.ip}`;
  try {
    await throttleCheck(deps, userKey, now);
    await throttleCheck(deps, ipKey, now);
  } catch (e) {
    // A guessing run shows in the audit log even while it is being refused.
    await deps.store.audit.append({ at: now, actorAccountId: null, actorRole: null, action: 'auth.login_throttled', details: { username: input.username.slice(0, 64), retryAfterSeconds: (e as AppError).details?.retryAfterSeconds }, ip: input.ip });
    throw e;
  }
  const account = await deps.store.accounts.findByUsername(input.username.trim());
  const ok = account && !account.disabled
    ? await checkAccountPassword(deps, account, input.password)
    : (await deps.passwords.verify(input.password, await deps.passwords.dummyHash()), false);
  if (!ok || !account) {
    await recordFailure(deps, userKey, now, FREE_ATTEMPTS_PER_USER);
    await recordFailure(deps, ipKey, now, FREE_ATTEMPTS_PER_ADDRESS);
    await deps.store.audit.append({ at: now, actorAccountId: account?.id ?? null, actorRole: account?.role ?? null, action: 'auth.login_failed', details: { username: input.username.slice(0, 64) }, ip: input.ip });
    throw new AppError('INVALID_CREDENTIALS');
  }
  await deps.store.accounts.clearThrottle(userKey);
  const session = await openSession(deps, account, now);
  await deps.store.audit.append({ at: now, actorAccountId: account.id, actorRole: account.role, action: 'auth.login', registrationId: account.registrationId, ip: input.ip });
  return session;
}

export interface ResolvedSession {
  actor: Actor;
  csrfToken: string;
  sessionId: string;
}

/** The live session behind a cookie token, sliding its expiry; null when unknown or expired. */
export async function resolveSession(deps: Deps, token: string): Promise<ResolvedSession | null> {
  const now = deps.clock.now();
  const id = sha256(token);
  const session = await deps.store.accounts.findSession(id);
  if (!session || session.account.disabled) return null;
  const { expiresAt } = session;
  // Idle timeout slides with use; the absolute lifetime from sign-in never moves.
  const endOfLife = session.createdAt.getTime() + sessionMaxMs(deps);
  if (expiresAt <= now || endOfLife <= now.getTime()) {
    await deps.store.accounts.endSession(id);
    return null;
  }
  const ttl = deps.sessionTtlMinutes * 60_000;
  if (expiresAt.getTime() - now.getTime() < ttl / 2) {
    const slid = Math.min(now.getTime() + ttl, endOfLife);
    if (slid > expiresAt.getTime()) await deps.store.accounts.extendSession(id, new Date(slid));
  }
  return { actor: actorFromAccount(session.account), csrfToken: session.csrfToken, sessionId: session.sessionId };
}

export async function logout(deps: Deps, sessionId: string): Promise<void> {
  await deps.store.accounts.endSession(sessionId);
}

/** Changes the password, ends the account's other sessions, clears the first-login flag. */
export async function changePassword(
  deps: Deps,
  actor: Actor,
  sessionId: string,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  const now = deps.clock.now();
  const account = await deps.store.accounts.findById(actor.accountId);
  // The session's own account: gone only if it was deleted during this request.
  if (!account) throw new AppError('NOT_FOUND');
  // A stolen session must not become a password oracle: throttled per account like login.
  const key = `pw:${account.id}`;
  const audit = (action: string, details?: Record<string, unknown>) =>
    deps.store.audit.append({ at: now, actorAccountId: account.id, actorRole: account.role, action, registrationId: account.registrationId, details, ip: actor.ip });
  try {
    await throttleCheck(deps, key, now, 'password');
  } catch (e) {
    await audit('auth.password_change_throttled', { retryAfterSeconds: (e as AppError).details?.retryAfterSeconds });
    throw e;
  }
  if (!(await checkAccountPassword(deps, account, input.currentPassword))) {
    await recordFailure(deps, key, now, FREE_ATTEMPTS_PER_USER);
    await audit('auth.password_change_failed');
    throw new AppError('INVALID_CREDENTIALS');
  }
  await deps.store.accounts.clearThrottle(key);
  const weakness = passwordWeakness(input.newPassword, account.username, input.currentPassword);
  if (weakness) throw new AppError('WEAK_PASSWORD', { reason: weakness });
  const hash = await deps.passwords.hash(input.newPassword);
  await deps.store.transaction(async (tx) => {
    await tx.accounts.setPassword(account.id, hash, false);
    await tx.accounts.endSessionsOf(account.id, sessionId);
    await tx.audit.append({ at: now, actorAccountId: account.id, actorRole: account.role, action: 'auth.password_changed', registrationId: account.registrationId, ip: actor.ip });
  });
}
