import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { Actor, Deps } from './deps.js';
import { AppError } from '../domain/errors.js';
import { ROLE_LABELS, scopeProblem, STAFF_ROLES, usernameProblem, type StaffRole } from '../domain/staff-accounts.js';
import { INITIAL_PASSWORD_MARKER } from '../domain/initial-password.js';
import { fromDbTime, toBool, toDbTime, toInt } from '../adapters/db/time.js';
import type { AccountTable } from '../adapters/db/schema.js';
import { adminRegion, auditAdmin, outOfScope } from './admin-scope.js';

/**
 * Accounts of reviewers and administrators (and, for support, candidates): create, disable
 * and re-enable, reset a password. A regional administrator manages the accounts of its
 * region only (accounts.region_code in every WHERE), never a national one.
 */
export type AccountRow = Pick<AccountTable, 'id' | 'username' | 'role' | 'display_name' | 'region_code' | 'site_code' | 'must_change_password' | 'disabled' | 'created_at'>;

export function accountView(a: AccountRow) {
  return {
    id: a.id,
    username: a.username,
    displayName: a.display_name,
    role: a.role,
    roleLabel: ROLE_LABELS[a.role],
    regionCode: a.region_code,
    siteCode: a.site_code,
    disabled: toBool(a.disabled),
    mustChangePassword: toBool(a.must_change_password),
    createdAt: fromDbTime(a.created_at).toISOString(),
  };
}

const COLUMNS = ['id', 'username', 'role', 'display_name', 'region_code', 'site_code', 'must_change_password', 'disabled', 'created_at'] as const;

export async function listAccounts(
  deps: Deps,
  actor: Actor,
  query: { role?: string | undefined; q?: string | undefined; disabled?: boolean | undefined; page?: number | undefined; pageSize?: number | undefined },
) {
  const scope = adminRegion(actor);
  const pageSize = Math.min(Math.max(query.pageSize ?? 20, 1), 100);
  const page = Math.max(query.page ?? 1, 1);
  const role = query.role && (query.role === 'candidate' || (STAFF_ROLES as readonly string[]).includes(query.role)) ? query.role : null;
  const q = query.q?.trim().slice(0, 50) ?? '';
  const base = deps.db
    .selectFrom('accounts')
    .$if(scope !== null, (b) => b.where('region_code', '=', scope!))
    .$if(role !== null, (b) => b.where('role', '=', role as AccountTable['role']))
    .$if(role === null, (b) => b.where('role', '<>', 'candidate'))
    .$if(query.disabled !== undefined, (b) => b.where('disabled', '=', query.disabled ? 1 : 0))
    .$if(q !== '', (b) =>
      b.where((eb) => {
        const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        return eb.or([eb('username', '=', q), sql<boolean>`username like ${like} escape '\\'`, sql<boolean>`display_name like ${like} escape '\\'`]);
      }),
    );
  const [rows, total] = await Promise.all([
    base.select([...COLUMNS]).orderBy('role').orderBy('username').limit(pageSize).offset((page - 1) * pageSize).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(accountView), total: toInt(total.n), page, pageSize };
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
  if (displayName.length < 1 || displayName.length > 50) throw new AppError('VALIDATION_FAILED', { reason: '姓名/名称须为 1–50 个字' });
  if (!STAFF_ROLES.includes(input.role)) throw new AppError('VALIDATION_FAILED', { reason: '角色须为考点审核员、考区审核员或管理员' });
  let siteCode = input.siteCode?.trim() || null;
  let regionCode = input.regionCode?.trim() || null;
  if (input.role !== 'site_reviewer') siteCode = null;
  if (siteCode) {
    const site = await deps.db.selectFrom('sites').select(['code', 'region_code']).where('code', '=', siteCode).executeTakeFirst();
    if (!site) throw new AppError('VALIDATION_FAILED', { reason: `考点“${siteCode}”不存在，请从列表中选择` });
    if (regionCode && regionCode !== site.region_code) throw new AppError('VALIDATION_FAILED', { reason: `考点 ${siteCode} 不属于考区 ${regionCode}` });
    regionCode = site.region_code;
  }
  // A regional administrator creates accounts of its own region only.
  if (scope !== null) {
    if (regionCode !== null && regionCode !== scope) return outOfScope(deps, actor, { regionCode, what: 'create_account' });
    regionCode = scope;
  }
  const sp = scopeProblem(input.role, regionCode, siteCode);
  if (sp) throw new AppError('VALIDATION_FAILED', { reason: sp });
  if (regionCode && !(await deps.db.selectFrom('regions').select('code').where('code', '=', regionCode).executeTakeFirst())) {
    throw new AppError('VALIDATION_FAILED', { reason: `考区“${regionCode}”不存在，请从列表中选择` });
  }
  const password = temporaryPassword();
  const hash = await deps.passwords.hash(password);
  const now = deps.clock.now();
  const row: AccountTable = {
    id: crypto.randomUUID(),
    username,
    password_hash: hash,
    role: input.role,
    display_name: displayName,
    region_code: regionCode,
    site_code: siteCode,
    registration_id: null,
    must_change_password: 1,
    disabled: 0,
    created_at: toDbTime(now),
  };
  await deps.db.transaction().execute(async (trx) => {
    const taken = await trx.selectFrom('accounts').select('id').where('username', '=', username).executeTakeFirst();
    if (taken) throw new AppError('USERNAME_TAKEN', { username });
    await trx.insertInto('accounts').values(row).execute();
    await auditAdmin(trx, deps, actor, 'admin.account_created', { accountId: row.id, username, role: row.role, regionCode, siteCode });
  });
  return { account: accountView(row), temporaryPassword: password };
}

/**
 * Disables (ending the account's sessions at once) or re-enables an account in scope.
 */
export async function setAccountDisabled(deps: Deps, actor: Actor, accountId: string, disabled: boolean) {
  const scope = adminRegion(actor);
  if (accountId === actor.accountId) throw new AppError('OWN_ACCOUNT');
  const row = await deps.db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable('accounts')
      .set({ disabled: disabled ? 1 : 0 })
      .where('id', '=', accountId)
      .$if(scope !== null, (q) => q.where('region_code', '=', scope!))
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) return null;
    let sessionsEnded = 0;
    if (disabled) {
      const del = await trx.deleteFrom('sessions').where('account_id', '=', accountId).executeTakeFirst();
      sessionsEnded = Number(del.numDeletedRows);
    }
    const after = await trx.selectFrom('accounts').select([...COLUMNS, 'registration_id']).where('id', '=', accountId).executeTakeFirstOrThrow();
    await auditAdmin(trx, deps, actor, disabled ? 'admin.account_disabled' : 'admin.account_enabled', { accountId, username: after.username, sessionsEnded }, after.registration_id);
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
  const account = await deps.db
    .selectFrom('accounts')
    .select(['id', 'role', 'username', 'registration_id'])
    .where('id', '=', accountId)
    .$if(scope !== null, (q) => q.where('region_code', '=', scope!))
    .executeTakeFirst();
  if (!account) return outOfScope(deps, actor, { accountId, what: 'reset_password' });
  const candidate = account.role === 'candidate' && account.registration_id !== null;
  const password = candidate ? null : temporaryPassword();
  const hash = password ? await deps.passwords.hash(password) : INITIAL_PASSWORD_MARKER;
  const row = await deps.db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable('accounts')
      .set({ password_hash: hash, must_change_password: 1 })
      .where('id', '=', accountId)
      .$if(scope !== null, (q) => q.where('region_code', '=', scope!))
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) return null;
    await trx.deleteFrom('sessions').where('account_id', '=', accountId).execute();
    await trx.deleteFrom('login_throttle').where('key', '=', `u:${account.username.toLowerCase()}`).execute();
    await auditAdmin(trx, deps, actor, 'admin.password_reset', { accountId, username: account.username, toInitial: candidate }, account.registration_id);
    return trx.selectFrom('accounts').select([...COLUMNS]).where('id', '=', accountId).executeTakeFirstOrThrow();
  });
  if (!row) return outOfScope(deps, actor, { accountId, what: 'reset_password' });
  return {
    account: accountView(row),
    temporaryPassword: password,
    passwordHint: candidate ? '已恢复为初始密码：证件号码后六位（字母 X 大写）；考生登录后须修改密码' : '请将临时密码当面或通过安全渠道告知本人；登录后须修改密码',
  };
}
