/**
 * The HTTP client of the web app (shared/API.md).
 * - fetch with the session cookie, JSON in and out;
 * - keeps the csrfToken from login and from GET /auth/me and sends it as X-CSRF-Token
 *   on every POST/PUT/PATCH/DELETE;
 * - sends Accept-Language so the server's error messages come in the UI language;
 * - 401 → the app goes to login, 403 PASSWORD_CHANGE_REQUIRED → change password,
 *   403 ACTIVATION_REQUIRED → activation (handlers set by the app).
 * No React and no DOM here, so unit tests drive it with a fake fetch.
 */
import { DEFAULT_LANG, translate, type Lang } from '../i18n/messages.js';
import { materialsInLanguage } from '../lib/catalog-text.js';
import type { Materials, MaterialImage, MessageList, Registration, Session, User } from './types.js';

export class ApiError extends Error {
  /** True when the client already acted on it (redirect); pages show nothing more. */
  handled = false;
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
    /** From the Retry-After header (seconds), when the server sent one. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface ApiHandlers {
  onUnauthenticated?: () => void;
  onPasswordChangeRequired?: () => void;
  onActivationRequired?: () => void;
}

interface ClientConfig {
  getLang: () => Lang;
  handlers: ApiHandlers;
  fetchImpl: typeof fetch;
  baseUrl: string;
  /** Delays between network retries of idempotent-safe calls, in ms. */
  retryDelays: number[];
  /** Waits (tests replace it). */
  sleep: (ms: number) => Promise<void>;
  /** An upload answered 503 OVERLOADED is tried again for at most this long, in ms. */
  maxQueueWaitMs: number;
}

const config: ClientConfig = {
  getLang: () => DEFAULT_LANG,
  handlers: {},
  fetchImpl: (...args) => globalThis.fetch(...args),
  baseUrl: '',
  retryDelays: [600, 1800],
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
  maxQueueWaitMs: 10 * 60_000,
};

let csrfToken: string | null = null;

export function configureApi(patch: Partial<ClientConfig>): void {
  Object.assign(config, patch);
}
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}
export function getCsrfToken(): string | null {
  return csrfToken;
}

export interface RequestOptions {
  json?: unknown;
  body?: FormData | Blob;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Do not run the 401 handler (used by the start-up session check). */
  noAuthRedirect?: boolean;
  /** Retry on network failure and 502/503/504 (only for calls safe to repeat). */
  retry?: boolean;
  /** A background call: never run the redirect handlers. */
  quiet?: boolean;
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const RETRY_STATUS = new Set([502, 503, 504]);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function send(method: string, path: string, opts: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': config.getLang(),
    ...opts.headers,
  };
  let body: BodyInit | undefined;
  if (opts.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.json);
  } else if (opts.body !== undefined) {
    body = opts.body;
  }
  if (MUTATING.has(method) && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  const attempts = opts.retry ? config.retryDelays.length + 1 : 1;
  for (let attempt = 0; ; attempt++) {
    try {
      const res = await config.fetchImpl(config.baseUrl + path, {
        method,
        headers,
        body,
        credentials: 'same-origin',
        signal: opts.signal,
      });
      // A 503 with Retry-After is the server's own queue speaking: the caller waits as told.
      if (RETRY_STATUS.has(res.status) && !res.headers.get('retry-after') && attempt + 1 < attempts) {
        await sleep(config.retryDelays[attempt] ?? 1000);
        continue;
      }
      return res;
    } catch (e) {
      if (opts.signal?.aborted) throw e;
      if (attempt + 1 >= attempts) {
        throw new ApiError(0, 'NETWORK', translate(config.getLang(), 'common.networkError'));
      }
      await sleep(config.retryDelays[attempt] ?? 1000);
    }
  }
}

async function toError(res: Response): Promise<ApiError> {
  let code = `HTTP_${res.status}`;
  let message = translate(config.getLang(), 'common.unknownError');
  let details: Record<string, unknown> = {};
  try {
    const data: unknown = await res.json();
    const err = (data as { error?: { code?: unknown; message?: unknown; details?: unknown } }).error;
    if (err && typeof err.code === 'string') code = err.code;
    if (err && typeof err.message === 'string' && err.message) message = err.message;
    if (err && err.details && typeof err.details === 'object') details = err.details as Record<string, unknown>;
  } catch {
    /* not JSON (proxy error page): keep the generic message */
  }
  const retryAfter = Number(res.headers.get('retry-after'));
  // A 429 without the server's words (a proxy's, or a body cut short) still says how long to wait.
  if (res.status === 429 && code === `HTTP_${res.status}`) {
    code = 'RATE_LIMITED';
    message = translate(config.getLang(), 'common.rateLimited', { seconds: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : 60 });
  }
  return new ApiError(res.status, code, message, details, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined);
}

export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  let res = await send(method, path, opts);
  if (res.ok) return parse<T>(res);
  let error = await toError(res);
  // A lost or rotated CSRF token: fetch a fresh one once and repeat the call.
  if (error.code === 'CSRF_FAILED' && MUTATING.has(method)) {
    const fresh = await refreshSession();
    if (fresh) {
      res = await send(method, path, opts);
      if (res.ok) return parse<T>(res);
      error = await toError(res);
    }
  }
  if (opts.quiet) throw error;
  if (res.status === 401 && error.code !== 'INVALID_CREDENTIALS' && !opts.noAuthRedirect) {
    csrfToken = null;
    error.handled = true;
    config.handlers.onUnauthenticated?.();
  } else if (res.status === 403 && error.code === 'PASSWORD_CHANGE_REQUIRED') {
    error.handled = true;
    config.handlers.onPasswordChangeRequired?.();
  } else if (res.status === 403 && error.code === 'ACTIVATION_REQUIRED') {
    error.handled = true;
    config.handlers.onActivationRequired?.();
  }
  throw error;
}

async function parse<T>(res: Response): Promise<T> {
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

async function refreshSession(): Promise<boolean> {
  try {
    const res = await send('GET', '/api/v1/auth/me', {});
    if (!res.ok) return false;
    const data = (await res.json()) as Partial<Session>;
    if (typeof data.csrfToken === 'string') {
      csrfToken = data.csrfToken;
      return true;
    }
  } catch {
    /* fall through */
  }
  return false;
}

/**
 * Runs `call` again after the server's Retry-After while it answers 503 OVERLOADED, up to
 * maxQueueWaitMs in all; any other answer (or the last 503) is the caller's.
 */
export async function whileOverloaded<T>(call: () => Promise<T>, onQueued?: (retryAfterSeconds: number) => void): Promise<T> {
  let waited = 0;
  for (;;) {
    try {
      return await call();
    } catch (e) {
      if (!(e instanceof ApiError) || e.status !== 503 || e.code !== 'OVERLOADED') throw e;
      const seconds = e.retryAfterSeconds ?? 5;
      // A little spread so that queued pages do not all come back in the same instant.
      const ms = seconds * 1000 * (1 + Math.random() * 0.2);
      if (waited + ms > config.maxQueueWaitMs) throw e;
      onQueued?.(seconds);
      await config.sleep(ms);
      waited += ms;
    }
  }
}

/** The calls the pages make. */
export const api = {
  async login(username: string, password: string): Promise<Session> {
    const s = await request<Session>('POST', '/api/v1/auth/login', { json: { username, password } });
    csrfToken = s.csrfToken;
    return s;
  },
  async logout(): Promise<void> {
    try {
      await request<void>('POST', '/api/v1/auth/logout', { noAuthRedirect: true });
    } finally {
      csrfToken = null;
    }
  },
  /** The current session, or null when not logged in. */
  async me(): Promise<Session | null> {
    try {
      const s = await request<{ user: User; csrfToken?: string }>('GET', '/api/v1/auth/me', {
        noAuthRedirect: true,
        retry: true,
      });
      if (s.csrfToken) csrfToken = s.csrfToken;
      return { user: s.user, csrfToken: s.csrfToken ?? csrfToken ?? '' };
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) return null;
      throw e;
    }
  },
  changePassword(currentPassword: string, newPassword: string): Promise<void> {
    return request<void>('POST', '/api/v1/auth/password', { json: { currentPassword, newPassword } });
  },
  activate(): Promise<unknown> {
    return request<unknown>('POST', '/api/v1/candidate/activate', { json: { agree: true } });
  },
  registration(): Promise<Registration> {
    return request<Registration>('GET', '/api/v1/candidate/registration', { retry: true });
  },
  /** With the category names and requirements in the UI language (the catalog's English in en). */
  async materials(): Promise<Materials> {
    return materialsInLanguage(await request<Materials>('GET', '/api/v1/candidate/materials', { retry: true }), config.getLang());
  },
  /**
   * Uploads one image. The Idempotency-Key is chosen once per prepared file by the caller,
   * and every retry here reuses it, so a lost response never stores a second copy. When the
   * server is busy (503 OVERLOADED) it waits the Retry-After and tries again, telling the
   * page through onQueued (排队中) instead of failing.
   */
  uploadImage(
    categoryCode: string,
    file: Blob,
    fileName: string,
    idempotencyKey: string,
    opts: { onQueued?: (retryAfterSeconds: number) => void } = {},
  ): Promise<MaterialImage> {
    const form = new FormData();
    form.append('file', file, fileName);
    return whileOverloaded(
      () =>
        request<MaterialImage>('POST', `/api/v1/candidate/materials/${encodeURIComponent(categoryCode)}/images`, {
          body: form,
          headers: { 'Idempotency-Key': idempotencyKey },
          retry: true,
        }),
      opts.onQueued,
    );
  },
  /** The in-app notices; `quiet` for the header badge, which must never redirect. */
  messages(quiet = false): Promise<MessageList> {
    return request<MessageList>('GET', '/api/v1/candidate/messages', { quiet });
  },
  markMessageRead(id: number): Promise<void> {
    return request<void>('POST', `/api/v1/candidate/messages/${encodeURIComponent(String(id))}/read`, { quiet: true });
  },
  deleteImage(imageId: string): Promise<void> {
    return request<void>('DELETE', `/api/v1/candidate/materials/images/${encodeURIComponent(imageId)}`);
  },
};
