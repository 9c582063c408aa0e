import { sql, type Kysely } from 'kysely';
import type { AccountTable, DB } from '../schema.js';
import { fromBool, fromDbTime, fromDbTimeOrNull, toBool, toDbTime, toInt } from '../time.js';
import type { Account, AccountsRepository } from '../../../ports/repositories/accounts.js';

const accountOf = (a: AccountTable): Account => ({
  id: a.id,
  username: a.username,
  passwordHash: a.password_hash,
  role: a.role,
  displayName: a.display_name,
  regionCode: a.region_code,
  siteCode: a.site_code,
  registrationId: a.registration_id,
  mustChangePassword: toBool(a.must_change_password),
  disabled: toBool(a.disabled),
  createdAt: fromDbTime(a.created_at),
});

export const accountRow = (a: Account): AccountTable => ({
  id: a.id,
  username: a.username,
  password_hash: a.passwordHash,
  role: a.role,
  display_name: a.displayName,
  region_code: a.regionCode,
  site_code: a.siteCode,
  registration_id: a.registrationId,
  must_change_password: fromBool(a.mustChangePassword),
  disabled: fromBool(a.disabled),
  created_at: toDbTime(a.createdAt),
});

const ACCOUNT_COLUMNS = [
  'accounts.id', 'accounts.username', 'accounts.password_hash', 'accounts.role', 'accounts.display_name', 'accounts.region_code',
  'accounts.site_code', 'accounts.registration_id', 'accounts.must_change_password', 'accounts.disabled', 'accounts.created_at',
] as const;

/** Multi-row INSERTs of this many accounts stay under both databases' parameter limits. */
const STATEMENT_ROWS = 500;

export function createAccountsRepository(db: Kysely<DB>): AccountsRepository {
  return {
    async findById(id) {
      const a = await db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
      return a && accountOf(a);
    },
    async findByUsername(username) {
      const a = await db.selectFrom('accounts').selectAll().where('username', '=', username).executeTakeFirst();
      return a && accountOf(a);
    },
    async findInScope(id, regionScope) {
      const a = await db
        .selectFrom('accounts')
        .selectAll()
        .where('id', '=', id)
        .$if(regionScope !== null, (q) => q.where('region_code', '=', regionScope!))
        .executeTakeFirst();
      return a && accountOf(a);
    },
    async findCandidateByRegistrationNo(registrationNo) {
      const a = await db
        .selectFrom('accounts')
        .innerJoin('registrations', 'registrations.id', 'accounts.registration_id')
        .select([...ACCOUNT_COLUMNS])
        .where('registrations.registration_no', '=', registrationNo)
        .where('accounts.role', '=', 'candidate')
        .executeTakeFirst();
      return a && accountOf(a);
    },
    async list(f) {
      const base = db
        .selectFrom('accounts')
        .$if(f.regionScope !== null, (b) => b.where('region_code', '=', f.regionScope!))
        .$if(f.role !== null, (b) => b.where('role', '=', f.role!))
        .$if(f.role === null, (b) => b.where('role', '<>', 'candidate'))
        .$if(f.disabled !== undefined, (b) => b.where('disabled', '=', f.disabled ? 1 : 0))
        .$if(f.text !== '', (b) =>
          b.where((eb) => {
            const like = `%${f.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
            return eb.or([eb('username', '=', f.text), sql<boolean>`username like ${like} escape '\\'`, sql<boolean>`display_name like ${like} escape '\\'`]);
          }),
        );
      const [rows, total] = await Promise.all([
        base.selectAll().orderBy('role').orderBy('username').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute(),
        base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items: rows.map(accountOf), total: toInt(total.n) };
    },
    async usernameTaken(username) {
      return !!(await db.selectFrom('accounts').select('id').where('username', '=', username).executeTakeFirst());
    },
    async insert(account) {
      await db.insertInto('accounts').values(accountRow(account)).execute();
    },
    async insertMany(accounts) {
      for (let i = 0; i < accounts.length; i += STATEMENT_ROWS) {
        await db.insertInto('accounts').values(accounts.slice(i, i + STATEMENT_ROWS).map(accountRow)).execute();
      }
    },
    async setDisabled(id, disabled, regionScope) {
      const res = await db
        .updateTable('accounts')
        .set({ disabled: fromBool(disabled) })
        .where('id', '=', id)
        .$if(regionScope !== null, (q) => q.where('region_code', '=', regionScope!))
        .executeTakeFirst();
      return Number(res.numUpdatedRows) === 1;
    },
    async setPassword(id, passwordHash, mustChangePassword, regionScope = null) {
      const res = await db
        .updateTable('accounts')
        .set({ password_hash: passwordHash, must_change_password: fromBool(mustChangePassword) })
        .where('id', '=', id)
        .$if(regionScope !== null, (q) => q.where('region_code', '=', regionScope!))
        .executeTakeFirst();
      return Number(res.numUpdatedRows) === 1;
    },
    async initialPasswordCipher(registrationId) {
      const r = await db.selectFrom('registrations').select('id_number_cipher').where('id', '=', registrationId).executeTakeFirst();
      return r?.id_number_cipher;
    },
    async recordActivation(registrationId, at) {
      const res = await db
        .updateTable('registrations')
        .set({ activated_at: toDbTime(at) })
        .where('id', '=', registrationId)
        .where('activated_at', 'is', null)
        .executeTakeFirst();
      return Number(res.numUpdatedRows) > 0;
    },

    async openSession(s) {
      await db
        .insertInto('sessions')
        .values({ id: s.id, account_id: s.accountId, csrf_token: s.csrfToken, created_at: toDbTime(s.createdAt), expires_at: toDbTime(s.expiresAt) })
        .execute();
    },
    async findSession(id) {
      const row = await db
        .selectFrom('sessions')
        .innerJoin('accounts', 'accounts.id', 'sessions.account_id')
        .select(['sessions.id as session_id', 'sessions.csrf_token', 'sessions.expires_at', 'sessions.created_at as session_created_at', ...ACCOUNT_COLUMNS])
        .where('sessions.id', '=', id)
        .executeTakeFirst();
      if (!row) return undefined;
      return { sessionId: row.session_id, csrfToken: row.csrf_token, createdAt: fromDbTime(row.session_created_at), expiresAt: fromDbTime(row.expires_at), account: accountOf(row) };
    },
    async extendSession(id, expiresAt) {
      await db.updateTable('sessions').set({ expires_at: toDbTime(expiresAt) }).where('id', '=', id).execute();
    },
    async endSession(id) {
      await db.deleteFrom('sessions').where('id', '=', id).execute();
    },
    async endSessionsOf(accountId, keepSessionId) {
      const res = await db
        .deleteFrom('sessions')
        .where('account_id', '=', accountId)
        .$if(keepSessionId !== undefined, (q) => q.where('id', '<>', keepSessionId!))
        .executeTakeFirst();
      return Number(res.numDeletedRows);
    },

    async throttle(key) {
      const row = await db.selectFrom('login_throttle').selectAll().where('key', '=', key).executeTakeFirst();
      return row && { failures: row.failures, windowStartedAt: fromDbTime(row.window_started_at), blockedUntil: fromDbTimeOrNull(row.blocked_until) };
    },
    async saveThrottle(key, state) {
      const values = { failures: state.failures, window_started_at: toDbTime(state.windowStartedAt), blocked_until: state.blockedUntil ? toDbTime(state.blockedUntil) : null };
      await db
        .insertInto('login_throttle')
        .values({ key, ...values })
        .onConflict((oc) => oc.column('key').doUpdateSet(values))
        .execute();
    },
    async clearThrottle(key) {
      await db.deleteFrom('login_throttle').where('key', '=', key).execute();
    },

    async spendHandoffToken(t) {
      const spent = await db
        .insertInto('handoff_tokens_used')
        .values({ jti: t.jti, registration_no: t.registrationNo, expires_at: toDbTime(t.expiresAt), used_at: toDbTime(t.usedAt) })
        .onConflict((oc) => oc.column('jti').doNothing())
        .returning('jti')
        .execute();
      return spent.length > 0;
    },
    async forgetHandoffTokensExpiredBefore(at) {
      await db.deleteFrom('handoff_tokens_used').where('expires_at', '<', toDbTime(at)).execute();
    },
  };
}
