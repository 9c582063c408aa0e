import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppError } from '../domain/errors.js';
import { localeOf } from './request-context.js';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * A small self-contained page (no script, inline style only) for answers a browser navigates
 * to outside the web client — a refused hand-off link, a rate limit on a page route — so a
 * person reads what happened and what to do, in their language, never the API's raw JSON.
 */
export function sendPlainErrorPage(
  req: FastifyRequest,
  reply: FastifyReply,
  err: AppError,
  page: { status: number; title: { zh: string; en: string }; link: { href: string; zh: string; en: string }; headers?: Record<string, string> },
): FastifyReply {
  const en = localeOf(req) === 'en';
  const title = en ? page.title.en : page.title.zh;
  const html = `<!doctype html>
<html lang="${en ? 'en' : 'zh-CN'}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,"PingFang SC","Microsoft YaHei",sans-serif;background:#f5f7fa;margin:0;color:#1f2329}
main{max-width:480px;margin:12vh auto;background:#fff;border-radius:8px;padding:32px;box-shadow:0 2px 8px rgba(0,0,0,.08)}
h1{font-size:20px;margin:0 0 16px}p{line-height:1.7}a{display:inline-block;margin-top:12px;background:#1d5fbf;color:#fff;padding:8px 20px;border-radius:6px;text-decoration:none}</style>
</head><body><main data-error-code="${err.code}"><h1>${escapeHtml(title)}</h1><p>${escapeHtml(err.messageFor(en ? 'en' : 'zh-CN'))}</p>
<a href="${escapeHtml(page.link.href)}">${escapeHtml(en ? page.link.en : page.link.zh)}</a></main></body></html>`;
  for (const [name, value] of Object.entries(page.headers ?? {})) reply.header(name, value);
  return reply.status(page.status).header('Content-Type', 'text/html; charset=utf-8').header('Cache-Control', 'no-store').send(html);
}
