import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppError } from '../domain/errors.js';
import { localeOf } from './request-context.js';

/**
 * A page route (not /api/) refused by a rate limit: a browser gets a readable page in its
 * language with the wait, never the API's raw JSON.
 */
export function sendRateLimitedPage(req: FastifyRequest, reply: FastifyReply, err: AppError, retryAfterSeconds: number) {
  const en = localeOf(req) === 'en';
  const title = en ? 'Too many requests' : '访问过于频繁';
  const back = en ? 'Back to the start page' : '返回首页';
  const html = `<!doctype html>
<html lang="${en ? 'en' : 'zh-CN'}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>body{font-family:system-ui,"PingFang SC","Microsoft YaHei",sans-serif;background:#f5f7fa;margin:0;color:#1f2329}
main{max-width:480px;margin:12vh auto;background:#fff;border-radius:8px;padding:32px;box-shadow:0 2px 8px rgba(0,0,0,.08)}
h1{font-size:20px;margin:0 0 16px}p{line-height:1.7}a{display:inline-block;margin-top:12px;background:#1d5fbf;color:#fff;padding:8px 20px;border-radius:6px;text-decoration:none}</style>
</head><body><main data-error-code="${err.code}"><h1>${title}</h1><p>${err.messageFor(en ? 'en' : 'zh-CN')}</p>
<a href="/">${back}</a></main></body></html>`;
  return reply
    .status(429)
    .header('Retry-After', String(retryAfterSeconds))
    .header('Content-Type', 'text/html; charset=utf-8')
    .header('Cache-Control', 'no-store')
    .send(html);
}
