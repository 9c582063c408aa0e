/**
 * Stable error codes of the API (shared/API.md) with their HTTP status. Their words, with the
 * details as parameters, are the catalogue's `error.<CODE>` entries (./messages).
 */
import { formatMessage, type Locale, type Params } from './messages/index.js';

export type { Locale } from './messages/index.js';

export const ERRORS = {
  VALIDATION_FAILED: 422,
  NOT_FOUND: 404,
  INVALID_CREDENTIALS: 401,
  TOO_MANY_ATTEMPTS: 429,
  RATE_LIMITED: 429,
  UNAUTHENTICATED: 401,
  CSRF_FAILED: 403,
  FORBIDDEN: 403,
  PASSWORD_CHANGE_REQUIRED: 403,
  WEAK_PASSWORD: 422,
  ACTIVATION_REQUIRED: 403,
  FILE_TOO_LARGE: 413,
  UNSUPPORTED_FORMAT: 415,
  INVALID_IMAGE: 422,
  CATEGORY_FULL: 409,
  CATEGORY_NOT_FOUND: 404,
  MATERIALS_LOCKED: 423,
  IMAGE_LOCKED: 423,
  UPLOAD_DISABLED: 403,
  IDEMPOTENCY_KEY_REUSED: 422,
  UPLOAD_INCOMPLETE: 400,
  MATERIALS_INCOMPLETE: 409,
  REMINDED_TODAY: 409,
  OVERLOADED: 503,
  STORAGE_UNAVAILABLE: 503,
  STORAGE_FULL: 507,
  IDEMPOTENCY_CONFLICT: 409,
  CLAIMED_BY_OTHER: 409,
  NOT_REVIEWABLE: 409,
  REVIEW_CLOSED: 409,
  NOT_CLAIMED: 409,
  STALE_IMAGES: 409,
  DECISION_INVALID: 422,
  PAYLOAD_TOO_LARGE: 413,
  INTERNAL: 500,
  // Administration (regions, rules, catalog, accounts, registration import, hand-off).
  CODE_TAKEN: 409,
  RULE_EXISTS: 409,
  SITE_RULE_RELAXES: 422,
  CATEGORY_IN_USE: 409,
  USERNAME_TAKEN: 409,
  OWN_ACCOUNT: 409,
  IMPORT_UNSUPPORTED_FILE: 415,
  IMPORT_HEADER_INVALID: 422,
  IMPORT_FILE_TOO_LARGE: 413,
  HANDOFF_INVALID: 401,
  HANDOFF_EXPIRED: 401,
  HANDOFF_USED: 401,
  HANDOFF_UNAVAILABLE: 403,
  // 报名照片检测 (tools): a photo checked for the registration system.
  PHOTO_TOO_LARGE: 413,
  PHOTO_UNREADABLE: 415,
} as const satisfies Record<string, number>;

export type ErrorCode = keyof typeof ERRORS;

/** A rule broken by the caller's input or state; carries a stable code. */
export class AppError extends Error {
  constructor(readonly code: ErrorCode, readonly details: Params = {}) {
    super(code);
    this.name = 'AppError';
  }
  get status(): number {
    return ERRORS[this.code];
  }
  messageFor(locale: Locale): string {
    return formatMessage(`error.${this.code}`, this.details, locale);
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;
