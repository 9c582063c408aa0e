import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ApiError, setCsrfToken } from '../api/client';
import type { Role, Session, User } from '../api/types';

export type AuthStatus = 'loading' | 'ready' | 'error';

interface AuthValue {
  status: AuthStatus;
  user: User | null;
  /** Why the session check failed (status 'error'), in the UI language: e.g. 操作过于频繁，请 N 秒后再试。 */
  errorMessage: string | null;
  errorStatus: number | null;
  /** After login (or a change that returns the user). */
  setSession: (s: Session | null) => void;
  /** Re-reads GET /auth/me (user and csrfToken). */
  refresh: () => Promise<void>;
  /** Forget the user locally (the server said the session ended). */
  clear: () => void;
  logout: () => Promise<void>;
}

const AuthContext = createContext<AuthValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<AuthStatus>('loading');
  const [user, setUser] = useState<User | null>(null);
  const [errorMessage, setErrorMessage] = useState<string | null>(null);
  const [errorStatus, setErrorStatus] = useState<number | null>(null);

  const refresh = useCallback(async () => {
    try {
      const s = await api.me();
      setUser(s?.user ?? null);
      setErrorMessage(null);
      setStatus('ready');
    } catch (e) {
      setErrorMessage(e instanceof Error ? e.message : null);
      setErrorStatus(e instanceof ApiError && e.status > 0 ? e.status : null);
      setStatus('error');
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const setSession = useCallback((s: Session | null) => {
    setCsrfToken(s?.csrfToken ?? null);
    setUser(s?.user ?? null);
    setStatus('ready');
  }, []);

  const clear = useCallback(() => {
    setCsrfToken(null);
    setUser(null);
  }, []);

  const logout = useCallback(async () => {
    try {
      await api.logout();
    } catch {
      /* the session is gone either way */
    }
    setUser(null);
  }, []);

  const value = useMemo<AuthValue>(
    () => ({ status, user, errorMessage, errorStatus, setSession, refresh, clear, logout }),
    [status, user, errorMessage, errorStatus, setSession, refresh, clear, logout],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const v = useContext(AuthContext);
  if (!v) throw new Error('useAuth outside AuthProvider');
  return v;
}

export const STAFF_ROLES: readonly Role[] = ['site_reviewer', 'region_reviewer', 'admin'];

export function isStaff(user: User | null): boolean {
  return !!user && STAFF_ROLES.includes(user.role);
}

/** Where a user lands after login. */
export function homeFor(user: User): string {
  if (user.mustChangePassword) return '/password';
  if (user.role === 'admin') return '/admin';
  return user.role === 'candidate' ? '/' : '/review';
}
