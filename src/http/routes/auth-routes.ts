import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { Deps } from '../../services/deps.js';
import { changePassword, login, logout, type SessionResult } from '../../services/authenticate.js';
import { requireActor, SESSION_COOKIE, userView } from '../request-context.js';

export const LoginBody = z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) });
export const PasswordBody = z.object({ currentPassword: z.string().min(1).max(256), newPassword: z.string().min(1).max(256) });

/** The session cookie of a login (also set by the hand-off sign-in, /sso). */
export function setSessionCookie(reply: FastifyReply, s: SessionResult, secure: boolean): void {
  reply.setCookie(SESSION_COOKIE, s.token, {
    httpOnly: true, sameSite: 'lax', secure, path: '/', expires: new Date(s.expiresAt.getTime() + 7 * 86_400_000),
  });
}

export function authRoutes(app: FastifyInstance, deps: Deps, opts: { secureCookies: boolean }) {
  app.post('/api/v1/auth/login', { config: { rateLimit: { max: 300, timeWindow: '1 minute' } } }, async (req, reply) => {
    const body = LoginBody.parse(req.body);
    const s = await login(deps, { ...body, ip: req.ip });
    setSessionCookie(reply, s, opts.secureCookies);
    return { user: userView(s.actor), csrfToken: s.csrfToken };
  });

  app.post('/api/v1/auth/logout', async (req, reply) => {
    if (req.session) await logout(deps, req.session.sessionId);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send();
  });

  app.get('/api/v1/auth/me', async (req) => {
    const actor = requireActor(req, { duringPasswordChange: true });
    return { user: userView(actor), csrfToken: req.session!.csrfToken };
  });

  app.post('/api/v1/auth/password', async (req, reply) => {
    const actor = requireActor(req, { duringPasswordChange: true });
    await changePassword(deps, actor, req.session!.sessionId, PasswordBody.parse(req.body));
    return reply.status(204).send();
  });
}
