import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppError } from '../domain/errors.js';
import { sendPlainErrorPage } from './plain-page.js';

/**
 * A page route (not /api/) refused by a rate limit: a browser gets a readable page in its
 * language with the wait, never the API's raw JSON.
 */
export function sendRateLimitedPage(req: FastifyRequest, reply: FastifyReply, err: AppError, retryAfterSeconds: number) {
  return sendPlainErrorPage(req, reply, err, {
    status: 429,
    title: { zh: '访问过于频繁', en: 'Too many requests' },
    link: { href: '/', zh: '返回首页', en: 'Back to the start page' },
    headers: { 'Retry-After': String(retryAfterSeconds) },
  });
}
