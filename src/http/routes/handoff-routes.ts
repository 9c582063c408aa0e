import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { handoffContracts } from '../../contracts/handoff.js';
import type { Deps } from '../../services/deps.js';
import { AppError, isAppError } from '../../domain/errors.js';
import { logout, resolveSession } from '../../services/authenticate.js';
import { signInWithHandoff } from '../../services/verify-handoff-token.js';
import { SESSION_COOKIE } from '../request-context.js';
import { sendPlainErrorPage } from '../plain-page.js';
import { setSessionCookie } from './auth-routes.js';

/** A plain page in the user's language: the link did not work, and what to do now. */
function errorPage(req: FastifyRequest, reply: FastifyReply, err: AppError) {
  return sendPlainErrorPage(req, reply, err, {
    status: err.status,
    title: { zh: '无法通过该链接登录', en: 'Sign-in link not accepted' },
    link: { href: '/login', zh: '用报名号和密码登录', en: 'Log in with your registration number' },
  });
}

/**
 * GET /sso?token=…: the registration system's signed hand-off (docs/HANDOFF.md). Success
 * replaces any session this browser had, sets the session cookie like a login and
 * redirects to / (the web client takes a not-yet-activated candidate to activation).
 */
export function handoffRoutes(app: FastifyInstance, deps: Deps, opts: { secureCookies: boolean }) {
  app.get<{ Querystring: { token?: string } }>('/sso', { schema: handoffContracts.sso, config: { rateLimit: { max: 60, timeWindow: '1 minute' } } }, async (req, reply) => {
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
