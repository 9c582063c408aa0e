import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../services/deps.js';
import { AppError, isAppError } from '../../domain/errors.js';
import { logout, resolveSession } from '../../services/authenticate.js';
import { signInWithHandoff } from '../../services/verify-handoff-token.js';
import { localeOf, SESSION_COOKIE } from '../request-context.js';
import { setSessionCookie } from './auth-routes.js';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A plain page in the user's language: the link did not work, and what to do now. */
function errorPage(req: FastifyRequest, reply: FastifyReply, err: AppError) {
  const en = localeOf(req) === 'en';
  const title = en ? 'Sign-in link not accepted' : '无法通过该链接登录';
  const action = en ? 'Log in with your registration number' : '用报名号和密码登录';
  const html = `<!doctype html>
<html lang="${en ? 'en' : 'zh-CN'}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>body{font-family:system-ui,"PingFang SC","Microsoft YaHei",sans-serif;background:#f5f7fa;margin:0;color:#1f2329}
main{max-width:480px;margin:12vh auto;background:#fff;border-radius:8px;padding:32px;box-shadow:0 2px 8px rgba(0,0,0,.08)}
h1{font-size:20px;margin:0 0 16px}p{line-height:1.7}a{display:inline-block;margin-top:12px;background:#1d5fbf;color:#fff;padding:8px 20px;border-radius:6px;text-decoration:none}</style>
</head><body><main data-error-code="${err.code}"><h1>${title}</h1><p>${escapeHtml(err.messageFor(en ? 'en' : 'zh-CN'))}</p>
<a href="/login">${action}</a></main></body></html>`;
  return reply.status(err.status).header('Content-Type', 'text/html; charset=utf-8').header('Cache-Control', 'no-store').send(html);
}

/**
 * GET /sso?token=…: the registration system's signed hand-off (docs/HANDOFF.md). Success
 * replaces any session this browser had, sets the session cookie like a login and
 * redirects to / (the web client takes a not-yet-activated candidate to activation).
 */
export function handoffRoutes(app: FastifyInstance, deps: Deps, opts: { secureCookies: boolean }) {
  app.get<{ Querystring: { token?: string } }>('/sso', { config: { rateLimit: { max: 60, timeWindow: '1 minute' } } }, async (req, reply) => {
    const token = typeof req.query.token === 'string' ? req.query.token : '';
    try {
      const session = await signInWithHandoff(deps, { token, ip: req.ip });
      // Whoever was logged in on this browser before is logged out.
      const previous = req.cookies[SESSION_COOKIE] ? await resolveSession(deps, req.cookies[SESSION_COOKIE]) : null;
      if (previous) await logout(deps, previous.sessionId);
      setSessionCookie(reply, session, opts.secureCookies);
      return reply.header('Cache-Control', 'no-store').redirect('/', 302);
    } catch (e) {
      if (isAppError(e)) return errorPage(req, reply, e);
      throw e;
    }
  });
}
