import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Deps } from '../../services/deps.js';
import { changePassword, login, logout } from '../../services/authenticate.js';
import { requireActor, SESSION_COOKIE, userView } from '../request-context.js';

export const LoginBody = z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) });
export const PasswordBody = z.object({ currentPassword: z.string().min(1).max(256), newPassword: z.string().min(1).max(256) });

export function authRoutes(app: FastifyInstance, deps: Deps, opts: { secureCookies: boolean }) {
  app.post('/api/v1/auth/login', { config: { rateLimit: { max: 300, timeWindow: '1 minute' } } }, async (req, reply) => {
    const body = LoginBody.parse(req.body);
    const s = await login(deps, { ...body, ip: req.ip });
    reply.setCookie(SESSION_COOKIE, s.token, {
      httpOnly: true, sameSite: 'lax', secure: opts.secureCookies, path: '/', expires: new Date(s.expiresAt.getTime() + 7 * 86_400_000),
    });
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
