import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ZodError } from 'zod';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError } from '../domain/errors.js';
import { BlobStoreUnavailableError } from '../ports/blob-store.js';
import { localeOf } from './request-context.js';

/** Codes that tell the caller to come back later, with the default wait in seconds. */
const RETRY_AFTER_DEFAULT: Partial<Record<AppError['code'], number>> = {
  TOO_MANY_ATTEMPTS: 60,
  RATE_LIMITED: 60,
  OVERLOADED: 5,
  STORAGE_UNAVAILABLE: 30,
  STORAGE_FULL: 300,
};

/** Every failure leaves as {error: {code, message, details}} in the caller's language. */
export function sendError(req: FastifyRequest, reply: FastifyReply, err: AppError): FastifyReply {
  const details = Object.fromEntries(Object.entries(err.details).filter(([, v]) => v !== undefined));
  const retryAfter = RETRY_AFTER_DEFAULT[err.code];
  if (retryAfter !== undefined) reply.header('Retry-After', String(details.retryAfterSeconds ?? retryAfter));
  return reply.status(err.status).send({ error: { code: err.code, message: err.messageFor(localeOf(req)), details } });
}

function validationFailed(issues: { path: string; message: string }[]): AppError {
  const first = issues[0];
  return new AppError('VALIDATION_FAILED', { reason: first ? `${first.path || '请求'}：${first.message}` : undefined, issues });
}

export function toAppError(err: unknown): AppError | null {
  if (err instanceof AppError) return err;
  if (err instanceof BlobStoreUnavailableError) return new AppError(err.reason === 'full' ? 'STORAGE_FULL' : 'STORAGE_UNAVAILABLE');
  if (err instanceof ZodError) return validationFailed(err.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
  // A route contract refused the request (same answer as a ZodError in a handler).
  if (hasZodFastifySchemaValidationErrors(err)) {
    return validationFailed(err.validation.map((v) => ({ path: v.instancePath.split('/').filter(Boolean).join('.'), message: v.message ?? '' })));
  }
  const fe = err as FastifyError & { statusCode?: number };
  switch (fe.code) {
    case 'FST_REQ_FILE_TOO_LARGE':
    case 'FST_PARTS_LIMIT':
      return new AppError('FILE_TOO_LARGE', {});
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('PAYLOAD_TOO_LARGE');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return new AppError('VALIDATION_FAILED', { reason: '请求格式不正确（上传请使用 multipart/form-data 的 file 字段）' });
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new AppError('VALIDATION_FAILED', { reason: '请求体不是有效的 JSON' });
  }
  if (fe.statusCode === 429) return new AppError('RATE_LIMITED', { retryAfterSeconds: 60 });
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) return new AppError('VALIDATION_FAILED', { reason: fe.message });
  return null;
}
