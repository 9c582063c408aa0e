import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Deps } from '../../services/deps.js';
import { changePassword, login, logout, type SessionResult } from '../../services/authenticate.js';
import { requireActor, SESSION_COOKIE, userView } from '../request-context.js';

import { authContracts as c } from '../../contracts/auth.js';

/** The session cookie of a login (also set by the hand-off sign-in, /sso). */
export function setSessionCookie(reply: FastifyReply, s: SessionResult, secure: boolean): void {
  reply.setCookie(SESSION_COOKIE, s.token, {
    httpOnly: true, sameSite: 'lax', secure, path: '/', expires: new Date(s.expiresAt.getTime() + 7 * 86_400_000),
  });
}

export function authRoutes(server: FastifyInstance, deps: Deps, opts: { secureCookies: boolean }) {
  const app = server.withTypeProvider<ZodTypeProvider>();
  app.post('/api/v1/auth/login', { schema: c.login, config: { rateLimit: { max: 300, timeWindow: '1 minute' } } }, async (req, reply) => {
    const s = await login(deps, { ...req.body, ip: req.ip });
    setSessionCookie(reply, s, opts.secureCookies);
    return { user: userView(s.actor), csrfToken: s.csrfToken };
  });

  app.post('/api/v1/auth/logout', { schema: c.logout }, async (req, reply) => {
    if (req.session) await logout(deps, req.session.sessionId);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send();
  });

  app.get('/api/v1/auth/me', { schema: c.me }, async (req) => {
    const actor = requireActor(req, { duringPasswordChange: true });
    return { user: userView(actor), csrfToken: req.session!.csrfToken };
  });

  app.post('/api/v1/auth/password', { schema: c.password, config: { guard: { duringPasswordChange: true } } }, async (req, reply) => {
    const actor = requireActor(req, { duringPasswordChange: true });
    await changePassword(deps, actor, req.session!.sessionId, req.body);
    return reply.status(204).send();
  });
}
