/**
 * The HTTP client of the web app (shared/API.md).
 * - fetch with the session cookie, JSON in and out;
 * - keeps the csrfToken from login and from GET /auth/me and sends it as X-CSRF-Token
 *   on every POST/PUT/PATCH/DELETE;
 * - shows an error by its code and details through the shared message catalogue
 *   (src/domain/messages), in the UI language; the server's own words only for a code the
 *   catalogue does not know (it also gets Accept-Language, for other callers' sake);
 * - 401 → the app goes to login, 403 PASSWORD_CHANGE_REQUIRED → change password,
 *   403 ACTIVATION_REQUIRED → activation (handlers set by the app).
 * No React and no DOM here, so unit tests drive it with a fake fetch.
 */
import { DEFAULT_LANG, translate, type Lang } from '../i18n/messages.js';
import { errorMessage } from '../../../src/domain/messages/index.js';
import { materialsInLanguage } from '../lib/catalog-text.js';
import type { Materials, MaterialImage, MessageList, Registration, Session, User } from './types.js';
import { DEFAULT_RETRY_POLICY, nextStep, type AttemptOutcome, type RetryPolicy } from './upload-policy.js';
import { fetchTransport, UploadTimeout, xhrTransport, type UploadTransport } from './upload-transport.js';

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
  /** Upload retries (backoff, attempts); maxQueueWaitMs above overrides its queue wait. */
  uploadRetry: Omit<RetryPolicy, 'maxQueueWaitMs'>;
  /** One upload attempt on the wire (XMLHttpRequest in browsers, for progress). */
  uploadTransport: UploadTransport | null;
  /** An upload attempt is abandoned after this long without a byte sent / without an answer. */
  uploadStallMs: number;
  uploadAnswerMs: number;
  /** Whether the browser is online, and its online/offline events. */
  network: NetworkWatch;
  /** Jitter source (tests fix it). */
  random: () => number;
}

export interface NetworkWatch {
  online(): boolean;
  /** Calls back on every online/offline change; returns the unsubscribe. */
  subscribe(cb: (online: boolean) => void): () => void;
}

const browserNetwork: NetworkWatch = {
  online: () => (typeof navigator === 'undefined' || typeof navigator.onLine !== 'boolean' ? true : navigator.onLine),
  subscribe(cb) {
    if (typeof window === 'undefined') return () => {};
    const on = () => cb(true);
    const off = () => cb(false);
    window.addEventListener('online', on);
    window.addEventListener('offline', off);
    return () => {
      window.removeEventListener('online', on);
      window.removeEventListener('offline', off);
    };
  },
};

const config: ClientConfig = {
  getLang: () => DEFAULT_LANG,
  handlers: {},
  fetchImpl: (...args) => globalThis.fetch(...args),
  baseUrl: '',
  retryDelays: [600, 1800],
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
  maxQueueWaitMs: 10 * 60_000,
  uploadRetry: DEFAULT_RETRY_POLICY,
  uploadTransport: null,
  uploadStallMs: 20_000,
  uploadAnswerMs: 60_000,
  network: browserNetwork,
  random: Math.random,
};

let csrfToken: string | null = null;

export function configureApi(patch: Partial<ClientConfig>): void {
  Object.assign(config, patch);
}
/** The UI language the client speaks in now (for picking the catalog's words in the answers). */
export function currentLang(): Lang {
  return config.getLang();
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
    if (err && typeof err.code === 'string') message = errorMessage(code, details, config.getLang()) ?? message;
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
  redirectOn(error, opts);
  throw error;
}

/** 401 → login, 403 PASSWORD_CHANGE_REQUIRED / ACTIVATION_REQUIRED → their pages; marks the error handled. */
function redirectOn(error: ApiError, opts: RequestOptions): void {
  if (error.status === 401 && error.code !== 'INVALID_CREDENTIALS' && !opts.noAuthRedirect) {
    csrfToken = null;
    error.handled = true;
    config.handlers.onUnauthenticated?.();
  } else if (error.status === 403 && error.code === 'PASSWORD_CHANGE_REQUIRED') {
    error.handled = true;
    config.handlers.onPasswordChangeRequired?.();
  } else if (error.status === 403 && error.code === 'ACTIVATION_REQUIRED') {
    error.handled = true;
    config.handlers.onActivationRequired?.();
  }
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
      const s = await request<Session>('GET', '/api/v1/auth/me', {
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
   * Uploads one image (see sendUpload): progress, retries with the same Idempotency-Key,
   * 排队中 on 503 OVERLOADED, waits out an offline spell, cancellable through opts.signal.
   */
  uploadImage(categoryCode: string, file: Blob, fileName: string, idempotencyKey: string, opts: UploadOptions = {}): Promise<MaterialImage> {
    return sendUpload(`/api/v1/candidate/materials/${encodeURIComponent(categoryCode)}/images`, file, fileName, idempotencyKey, opts);
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

/** What an upload is doing, for the page to say. */
export type UploadPhase = 'sending' | 'queued' | 'offline' | 'retrying';

export interface UploadOptions {
  /** 503 OVERLOADED: the server's queue; the upload waits retryAfterSeconds and goes again. */
  onQueued?: (retryAfterSeconds: number) => void;
  /** Share of the bytes sent in this attempt, 0..1 (not reported by the fetch fallback). */
  onProgress?: (fraction: number) => void;
  onPhase?: (phase: UploadPhase) => void;
  /** Cancels the upload (取消): the attempt in flight is abandoned and nothing is retried. */
  signal?: AbortSignal;
}

function abortError(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('aborted', 'AbortError');
}

/** Waits ms (config.sleep; Infinity: only `wake`), or less when `wake` resolves first; rejects when `signal` aborts. */
function pause(ms: number, signal: AbortSignal | undefined, wake?: Promise<void>): Promise<void> {
  if (signal?.aborted) return Promise.reject(abortError(signal));
  return new Promise<void>((resolve, reject) => {
    const onAbort = () => reject(abortError(signal!));
    signal?.addEventListener('abort', onAbort, { once: true });
    const never = new Promise<void>(() => {});
    void Promise.race([ms === Infinity ? never : config.sleep(ms), wake ?? never]).then(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    });
  });
}

/** Resolves at the next online event (at once when already online). */
function whenOnline(): { promise: Promise<void>; stop: () => void } {
  let stop = () => {};
  const promise = new Promise<void>((resolve) => {
    if (config.network.online()) return resolve();
    stop = config.network.subscribe((online) => {
      if (online) {
        stop();
        resolve();
      }
    });
  });
  return { promise, stop };
}

/**
 * The upload loop. Each attempt sends the same bytes with the same Idempotency-Key, so the
 * server stores one image however many attempts it sees. An attempt ends on the answer, on a
 * stall (no byte for uploadStallMs / no answer for uploadAnswerMs), or when the browser goes
 * offline; upload-policy.ts decides what comes next.
 */
async function sendUpload(path: string, file: Blob, fileName: string, idempotencyKey: string, opts: UploadOptions): Promise<MaterialImage> {
  const transport = config.uploadTransport ?? (typeof XMLHttpRequest !== 'undefined' ? xhrTransport : fetchTransport(config.fetchImpl));
  const policy: RetryPolicy = { ...config.uploadRetry, maxQueueWaitMs: config.maxQueueWaitMs };
  const state = { failures: 0, queuedMs: 0 };
  let csrfRetried = false;
  const { signal } = opts;
  for (;;) {
    if (signal?.aborted) throw abortError(signal);
    if (!config.network.online()) {
      opts.onPhase?.('offline');
      const wait = whenOnline();
      try {
        await pause(Infinity, signal, wait.promise);
      } finally {
        wait.stop();
      }
    }
    opts.onPhase?.('sending');
    opts.onProgress?.(0);
    // Going offline ends the attempt at once rather than after the stall timeout.
    const attempt = new AbortController();
    const onAbort = () => attempt.abort(abortError(signal!));
    signal?.addEventListener('abort', onAbort);
    let wentOffline = false;
    const unsubscribe = config.network.subscribe((online) => {
      if (!online) {
        wentOffline = true;
        attempt.abort(new DOMException('offline', 'AbortError'));
      }
    });
    const form = new FormData();
    form.append('file', file, fileName);
    const headers: Record<string, string> = {
      Accept: 'application/json',
      'Accept-Language': config.getLang(),
      'Idempotency-Key': idempotencyKey,
    };
    if (csrfToken) headers['X-CSRF-Token'] = csrfToken;
    let outcome: AttemptOutcome;
    let error: ApiError | null = null;
    try {
      const res = await transport({
        url: config.baseUrl + path,
        headers,
        body: form,
        signal: attempt.signal,
        onProgress: (sent, total) => opts.onProgress?.(total > 0 ? sent / total : 0),
        stallMs: config.uploadStallMs,
        answerMs: config.uploadAnswerMs,
      });
      if (res.ok) {
        opts.onProgress?.(1);
        return await parse<MaterialImage>(res);
      }
      error = await toError(res);
      if (error.code === 'CSRF_FAILED' && !csrfRetried) {
        csrfRetried = true;
        if (await refreshSession()) continue;
      }
      outcome = { kind: 'status', status: error.status, code: error.code, retryAfterSeconds: error.retryAfterSeconds };
    } catch (e) {
      if (signal?.aborted) throw abortError(signal);
      outcome = e instanceof UploadTimeout ? { kind: 'timeout' } : { kind: 'network', offline: wentOffline || !config.network.online() };
    } finally {
      unsubscribe();
      signal?.removeEventListener('abort', onAbort);
    }
    const step = nextStep(outcome, state, policy, config.random());
    if (step.action === 'fail') {
      const failure = error ?? new ApiError(0, 'NETWORK', translate(config.getLang(), 'common.networkError'));
      redirectOn(failure, {});
      throw failure;
    }
    if (step.action === 'wait-online') continue; // the loop's top waits for the online event
    if (step.why === 'queued') {
      state.queuedMs += step.delayMs;
      opts.onQueued?.(outcome.kind === 'status' ? (outcome.retryAfterSeconds ?? 5) : 5);
      opts.onPhase?.('queued');
    } else {
      state.failures += 1;
      opts.onPhase?.('retrying');
    }
    // Back online (or a wait that outlasts an offline spell) ends the wait early.
    const wake = whenOnline();
    try {
      await pause(step.delayMs, signal, config.network.online() ? undefined : wake.promise);
    } finally {
      wake.stop();
    }
  }
}
