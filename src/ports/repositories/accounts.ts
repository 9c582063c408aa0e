import type { Role } from '../../domain/roles.js';

/** A sign-in account: staff, or a candidate's (user name = 报名号, registrationId set). */
export interface Account {
  id: string;
  username: string;
  /** scrypt hash, or the initial-password marker of domain/initial-password.ts. */
  passwordHash: string;
  role: Role;
  displayName: string;
  regionCode: string | null;
  siteCode: string | null;
  registrationId: string | null;
  mustChangePassword: boolean;
  disabled: boolean;
  createdAt: Date;
}

/** Failed attempts under one throttle key (user name, address or account) in the current window. */
export interface ThrottleState {
  failures: number;
  windowStartedAt: Date;
  blockedUntil: Date | null;
}

export interface NewSession {
  /** Hash of the cookie token: the token itself is never stored. */
  id: string;
  accountId: string;
  csrfToken: string;
  createdAt: Date;
  expiresAt: Date;
}

export interface SessionWithAccount {
  sessionId: string;
  csrfToken: string;
  createdAt: Date;
  expiresAt: Date;
  account: Account;
}

/** A spent hand-off token id, kept until it expires so the same link never opens twice. */
export interface SpentHandoffToken {
  jti: string;
  registrationNo: string;
  expiresAt: Date;
  usedAt: Date;
}

export interface AccountFilter {
  /** A regional administrator's region; null: every region. */
  regionScope: string | null;
  /** One role; null: every staff role (candidates only when asked for by role). */
  role: Role | null;
  disabled?: boolean | undefined;
  /** Exact user name, or a part of the user name or display name. */
  text: string;
  page: number;
  pageSize: number;
}

/**
 * Accounts, their sessions and sign-in throttles. Methods that take `regionScope` touch an
 * account only inside that region (null: anywhere), and answer false / undefined outside it.
 */
export interface AccountsRepository {
  findById(id: string): Promise<Account | undefined>;
  findByUsername(username: string): Promise<Account | undefined>;
  /** In scope only; undefined when the account does not exist there. */
  findInScope(id: string, regionScope: string | null): Promise<Account | undefined>;
  /** The candidate account of a 报名号. */
  findCandidateByRegistrationNo(registrationNo: string): Promise<Account | undefined>;
  list(filter: AccountFilter): Promise<{ items: Account[]; total: number }>;
  usernameTaken(username: string): Promise<boolean>;
  insert(account: Account): Promise<void>;
  /** Many accounts in few statements (imports, demo data). */
  insertMany(accounts: readonly Account[]): Promise<void>;
  setDisabled(id: string, disabled: boolean, regionScope: string | null): Promise<boolean>;
  setPassword(id: string, passwordHash: string, mustChangePassword: boolean, regionScope?: string | null): Promise<boolean>;
  /** The encrypted ID number behind a candidate's initial password (last six characters). */
  initialPasswordCipher(registrationId: string): Promise<string | undefined>;
  /** Records the candidate's consent, once: false when it was already recorded. */
  recordActivation(registrationId: string, at: Date): Promise<boolean>;

  openSession(session: NewSession): Promise<void>;
  findSession(id: string): Promise<SessionWithAccount | undefined>;
  extendSession(id: string, expiresAt: Date): Promise<void>;
  endSession(id: string): Promise<void>;
  /** Ends the account's sessions (but `keepSessionId`); returns how many ended. */
  endSessionsOf(accountId: string, keepSessionId?: string): Promise<number>;

  throttle(key: string): Promise<ThrottleState | undefined>;
  saveThrottle(key: string, state: ThrottleState): Promise<void>;
  clearThrottle(key: string): Promise<void>;

  /** Records a hand-off token as used: false when it was used before. */
  spendHandoffToken(token: SpentHandoffToken): Promise<boolean>;
  forgetHandoffTokensExpiredBefore(at: Date): Promise<void>;
}
