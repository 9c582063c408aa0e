import crypto from 'node:crypto';
import type { Deps, Actor } from './deps.js';
import { AppError } from '../domain/errors.js';
import { fromDbTime, toBool, toDbTime } from '../adapters/db/time.js';
import { appendAudit } from '../adapters/db/repositories/audit-log.js';
import { passwordWeakness } from '../domain/password-policy.js';
import type { AccountTable } from '../adapters/db/schema.js';
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

export function actorFromAccount(a: Pick<AccountTable, 'id' | 'username' | 'role' | 'display_name' | 'region_code' | 'site_code' | 'registration_id' | 'must_change_password'>): Actor {
  return {
    accountId: a.id,
    username: a.username,
    role: a.role,
    displayName: a.display_name,
    regionCode: a.region_code,
    siteCode: a.site_code,
    registrationId: a.registration_id,
    mustChangePassword: toBool(a.must_change_password),
  };
}

async function throttleCheck(deps: Deps, key: string, now: Date, action?: 'password'): Promise<void> {
  const row = await deps.db.selectFrom('login_throttle').selectAll().where('key', '=', key).executeTakeFirst();
  if (row?.blocked_until && fromDbTime(row.blocked_until) > now) {
    const retryAfterSeconds = Math.ceil((fromDbTime(row.blocked_until).getTime() - now.getTime()) / 1000);
    throw new AppError('TOO_MANY_ATTEMPTS', { retryAfterSeconds, action });
  }
}

async function recordFailure(deps: Deps, key: string, now: Date, freeAttempts: number): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('login_throttle').selectAll().where('key', '=', key).executeTakeFirst();
    const fresh = !row || now.getTime() - fromDbTime(row.window_started_at).getTime() > THROTTLE_WINDOW_MS;
    const failures = fresh ? 1 : row.failures + 1;
    const delay = loginDelay(failures, freeAttempts);
    const values = {
      failures,
      window_started_at: fresh ? toDbTime(now) : row.window_started_at,
      blocked_until: delay > 0 ? toDbTime(new Date(now.getTime() + delay)) : null,
    };
    if (row) await trx.updateTable('login_throttle').set(values).where('key', '=', key).execute();
    else await trx.insertInto('login_throttle').values({ key, ...values }).execute();
  });
}

/** A new session for an account whose identity is proven (password, or a hand-off token). */
export async function openSession(deps: Deps, account: AccountTable, now: Date): Promise<SessionResult> {
  const token = crypto.randomBytes(32).toString('base64url');
  const csrfToken = crypto.randomBytes(24).toString('base64url');
  const expiresAt = new Date(now.getTime() + Math.min(deps.sessionTtlMinutes * 60_000, sessionMaxMs(deps)));
  await deps.db
    .insertInto('sessions')
    .values({ id: sha256(token), account_id: account.id, csrf_token: csrfToken, created_at: toDbTime(now), expires_at: toDbTime(expiresAt) })
    .execute();
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
    await appendAudit(deps.db, { at: now, actorAccountId: null, actorRole: null, action: 'auth.login_throttled', details: { username: input.username.slice(0, 64), retryAfterSeconds: (e as AppError).details?.retryAfterSeconds }, ip: input.ip });
    throw e;
  }
  const account = await deps.db.selectFrom('accounts').selectAll().where('username', '=', input.username.trim()).executeTakeFirst();
  const ok = account && !toBool(account.disabled)
    ? await checkAccountPassword(deps, account, input.password)
    : (await deps.passwords.verify(input.password, await deps.passwords.dummyHash()), false);
  if (!ok || !account) {
    await recordFailure(deps, userKey, now, FREE_ATTEMPTS_PER_USER);
    await recordFailure(deps, ipKey, now, FREE_ATTEMPTS_PER_ADDRESS);
    await appendAudit(deps.db, { at: now, actorAccountId: account?.id ?? null, actorRole: account?.role ?? null, action: 'auth.login_failed', details: { username: input.username.slice(0, 64) }, ip: input.ip });
    throw new AppError('INVALID_CREDENTIALS');
  }
  await deps.db.deleteFrom('login_throttle').where('key', '=', userKey).execute();
  const session = await openSession(deps, account, now);
  await appendAudit(deps.db, { at: now, actorAccountId: account.id, actorRole: account.role, action: 'auth.login', registrationId: account.registration_id, ip: input.ip });
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
  const row = await deps.db
    .selectFrom('sessions')
    .innerJoin('accounts', 'accounts.id', 'sessions.account_id')
    .select([
      'sessions.id as session_id', 'sessions.csrf_token', 'sessions.expires_at', 'sessions.created_at as session_created_at',
      'accounts.id', 'accounts.username', 'accounts.role', 'accounts.display_name', 'accounts.region_code',
      'accounts.site_code', 'accounts.registration_id', 'accounts.must_change_password', 'accounts.disabled',
    ])
    .where('sessions.id', '=', id)
    .executeTakeFirst();
  if (!row || toBool(row.disabled)) return null;
  const expiresAt = fromDbTime(row.expires_at);
  // Idle timeout slides with use; the absolute lifetime from sign-in never moves.
  const endOfLife = fromDbTime(row.session_created_at).getTime() + sessionMaxMs(deps);
  if (expiresAt <= now || endOfLife <= now.getTime()) {
    await deps.db.deleteFrom('sessions').where('id', '=', id).execute();
    return null;
  }
  const ttl = deps.sessionTtlMinutes * 60_000;
  if (expiresAt.getTime() - now.getTime() < ttl / 2) {
    const slid = Math.min(now.getTime() + ttl, endOfLife);
    if (slid > expiresAt.getTime()) await deps.db.updateTable('sessions').set({ expires_at: toDbTime(new Date(slid)) }).where('id', '=', id).execute();
  }
  return { actor: actorFromAccount(row), csrfToken: row.csrf_token, sessionId: row.session_id };
}

export async function logout(deps: Deps, sessionId: string): Promise<void> {
  await deps.db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

/** Changes the password, ends the account's other sessions, clears the first-login flag. */
export async function changePassword(
  deps: Deps,
  actor: Actor,
  sessionId: string,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  const now = deps.clock.now();
  const account = await deps.db.selectFrom('accounts').selectAll().where('id', '=', actor.accountId).executeTakeFirstOrThrow();
  // A stolen session must not become a password oracle: throttled per account like login.
  const key = `pw:${account.id}`;
  const audit = (action: string, details?: Record<string, unknown>) =>
    appendAudit(deps.db, { at: now, actorAccountId: account.id, actorRole: account.role, action, registrationId: account.registration_id, details, ip: actor.ip });
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
  await deps.db.deleteFrom('login_throttle').where('key', '=', key).execute();
  const weakness = passwordWeakness(input.newPassword, account.username, input.currentPassword);
  if (weakness) throw new AppError('WEAK_PASSWORD', { reason: weakness });
  const hash = await deps.passwords.hash(input.newPassword);
  await deps.db.transaction().execute(async (trx) => {
    await trx.updateTable('accounts').set({ password_hash: hash, must_change_password: 0 }).where('id', '=', account.id).execute();
    await trx.deleteFrom('sessions').where('account_id', '=', account.id).where('id', '<>', sessionId).execute();
    await appendAudit(trx, { at: now, actorAccountId: account.id, actorRole: account.role, action: 'auth.password_changed', registrationId: account.registration_id, ip: actor.ip });
  });
}
