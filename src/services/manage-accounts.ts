import crypto from 'node:crypto';
import type { Actor, Deps } from './deps.js';
import { AppError } from '../domain/errors.js';
import { displayNameProblem, ROLE_LABELS, scopeProblem, STAFF_ROLES, usernameProblem, type StaffRole } from '../domain/staff-accounts.js';
import type { Role } from '../domain/roles.js';
import { INITIAL_PASSWORD_MARKER } from '../domain/initial-password.js';
import type { Account } from '../ports/repositories/accounts.js';
import { adminRegion, auditAdmin, outOfScope } from './admin-scope.js';

/**
 * Accounts of reviewers and administrators (and, for support, candidates): create, disable
 * and re-enable, reset a password. A regional administrator manages the accounts of its
 * region only (accounts.region_code in every WHERE), never a national one.
 */
export function accountView(a: Account) {
  return {
    id: a.id,
    username: a.username,
    displayName: a.displayName,
    role: a.role,
    roleLabel: ROLE_LABELS[a.role],
    regionCode: a.regionCode,
    siteCode: a.siteCode,
    disabled: a.disabled,
    mustChangePassword: a.mustChangePassword,
    createdAt: a.createdAt.toISOString(),
  };
}

export async function listAccounts(
  deps: Deps,
  actor: Actor,
  query: { role?: string | undefined; q?: string | undefined; disabled?: boolean | undefined; page?: number | undefined; pageSize?: number | undefined },
) {
  const scope = adminRegion(actor);
  const pageSize = Math.min(Math.max(query.pageSize ?? 20, 1), 100);
  const page = Math.max(query.page ?? 1, 1);
  const role = query.role && (query.role === 'candidate' || (STAFF_ROLES as readonly string[]).includes(query.role)) ? query.role : null;
  const text = query.q?.trim().slice(0, 50) ?? '';
  const { items, total } = await deps.store.accounts.list({ regionScope: scope, role: role as Role | null, disabled: query.disabled, text, page, pageSize });
  return { items: items.map(accountView), total, page, pageSize };
}

/** A first password to hand over in person: 12 characters, letters and digits, none look-alike. */
export function temporaryPassword(): string {
  const letters = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ';
  const digits = '23456789';
  const all = letters + digits;
  const chars = [letters[crypto.randomInt(letters.length)]!, digits[crypto.randomInt(digits.length)]!];
  while (chars.length < 12) chars.push(all[crypto.randomInt(all.length)]!);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = crypto.randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}

export interface NewStaffAccount {
  username: string;
  displayName: string;
  role: StaffRole;
  regionCode?: string | null | undefined;
  siteCode?: string | null | undefined;
}

export async function createStaffAccount(deps: Deps, actor: Actor, input: NewStaffAccount) {
  const scope = adminRegion(actor);
  const username = input.username.trim();
  const displayName = input.displayName.trim();
  const problem = usernameProblem(username);
  if (problem) throw new AppError('VALIDATION_FAILED', { reason: problem });
  const nameProblem = displayNameProblem(displayName);
  if (nameProblem) throw new AppError('VALIDATION_FAILED', { reason: nameProblem });
  if (!STAFF_ROLES.includes(input.role)) throw new AppError('VALIDATION_FAILED', { reason: '角色须为考点审核员、考区审核员或管理员' });
  let siteCode = input.siteCode?.trim() || null;
  let regionCode = input.regionCode?.trim() || null;
  if (input.role !== 'site_reviewer') siteCode = null;
  if (siteCode) {
    const site = await deps.store.regions.findSite(siteCode);
    if (!site) throw new AppError('VALIDATION_FAILED', { reason: `考点“${siteCode}”不存在，请从列表中选择` });
    if (regionCode && regionCode !== site.regionCode) throw new AppError('VALIDATION_FAILED', { reason: `考点 ${siteCode} 不属于考区 ${regionCode}` });
    regionCode = site.regionCode;
  }
  // A regional administrator creates accounts of its own region only.
  if (scope !== null) {
    if (regionCode !== null && regionCode !== scope) return outOfScope(deps, actor, { regionCode, what: 'create_account' });
    regionCode = scope;
  }
  const sp = scopeProblem(input.role, regionCode, siteCode);
  if (sp) throw new AppError('VALIDATION_FAILED', { reason: sp });
  if (regionCode && !(await deps.store.regions.exists(regionCode))) {
    throw new AppError('VALIDATION_FAILED', { reason: `考区“${regionCode}”不存在，请从列表中选择` });
  }
  const password = temporaryPassword();
  const hash = await deps.passwords.hash(password);
  const now = deps.clock.now();
  const row: Account = {
    id: crypto.randomUUID(),
    username,
    passwordHash: hash,
    role: input.role,
    displayName,
    regionCode,
    siteCode,
    registrationId: null,
    mustChangePassword: true,
    disabled: false,
    createdAt: now,
  };
  await deps.store.transaction(async (tx) => {
    if (await tx.accounts.usernameTaken(username)) throw new AppError('USERNAME_TAKEN', { username });
    await tx.accounts.insert(row);
    await auditAdmin(tx, deps, actor, 'admin.account_created', { accountId: row.id, username, role: row.role, regionCode, siteCode });
  });
  return { account: accountView(row), temporaryPassword: password };
}

/**
 * Disables (ending the account's sessions at once) or re-enables an account in scope.
 */
export async function setAccountDisabled(deps: Deps, actor: Actor, accountId: string, disabled: boolean) {
  const scope = adminRegion(actor);
  if (accountId === actor.accountId) throw new AppError('OWN_ACCOUNT');
  const row = await deps.store.transaction(async (tx) => {
    if (!(await tx.accounts.setDisabled(accountId, disabled, scope))) return null;
    const sessionsEnded = disabled ? await tx.accounts.endSessionsOf(accountId) : 0;
    const after = await tx.accounts.findById(accountId);
    if (!after) return null;
    await auditAdmin(tx, deps, actor, disabled ? 'admin.account_disabled' : 'admin.account_enabled', { accountId, username: after.username, sessionsEnded }, after.registrationId);
    return after;
  });
  if (!row) return outOfScope(deps, actor, { accountId, what: disabled ? 'disable_account' : 'enable_account' });
  return accountView(row);
}

/**
 * A new first password that must be changed at the next login; the account's sessions end.
 * Staff get a random one to hand over; a candidate goes back to the last six characters of
 * the ID number (the imported first password), which the candidate already knows.
 */
export async function resetPassword(deps: Deps, actor: Actor, accountId: string) {
  const scope = adminRegion(actor);
  if (accountId === actor.accountId) throw new AppError('OWN_ACCOUNT');
  const account = await deps.store.accounts.findInScope(accountId, scope);
  if (!account) return outOfScope(deps, actor, { accountId, what: 'reset_password' });
  const candidate = account.role === 'candidate' && account.registrationId !== null;
  const password = candidate ? null : temporaryPassword();
  const hash = password ? await deps.passwords.hash(password) : INITIAL_PASSWORD_MARKER;
  const row = await deps.store.transaction(async (tx) => {
    if (!(await tx.accounts.setPassword(accountId, hash, true, scope))) return null;
    await tx.accounts.endSessionsOf(accountId);
    await tx.accounts.clearThrottle(`u:${account.username.toLowerCase()}`);
    await auditAdmin(tx, deps, actor, 'admin.password_reset', { accountId, username: account.username, toInitial: candidate }, account.registrationId);
    return { ...account, passwordHash: hash, mustChangePassword: true };
  });
  if (!row) return outOfScope(deps, actor, { accountId, what: 'reset_password' });
  return {
    account: accountView(row),
    temporaryPassword: password,
    passwordHint: candidate ? '已恢复为初始密码：证件号码后六位（字母 X 大写）；考生登录后须修改密码' : '请将临时密码当面或通过安全渠道告知本人；登录后须修改密码',
  };
}
