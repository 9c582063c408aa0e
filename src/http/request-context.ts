import type { FastifyRequest } from 'fastify';
import { AppError, type Locale } from '../domain/errors.js';
import type { ResolvedSession } from '../services/authenticate.js';
import type { Actor } from '../services/deps.js';

declare module 'fastify' {
  interface FastifyRequest {
    session: ResolvedSession | null;
  }
}

export const SESSION_COOKIE = 'sid';

export function localeOf(req: FastifyRequest): Locale {
  const h = String(req.headers['accept-language'] ?? '').trim().toLowerCase();
  return h.startsWith('en') ? 'en' : 'zh-CN';
}

export interface Guard {
  roles?: Actor['role'][];
  /** Calls a candidate may make before activation. */
  beforeActivation?: boolean;
  /** Auth calls stay open while a password change is due. */
  duringPasswordChange?: boolean;
}

/** The caller, or the API's standard refusal (401/403) for this route. */
export function requireActor(req: FastifyRequest, guard: Guard = {}): Actor {
  const s = req.session;
  if (!s) throw new AppError('UNAUTHENTICATED');
  const actor: Actor = { ...s.actor, ip: req.ip };
  if (actor.mustChangePassword && !guard.duringPasswordChange) throw new AppError('PASSWORD_CHANGE_REQUIRED');
  // Outside one's audience a route does not exist.
  if (guard.roles && !guard.roles.includes(actor.role)) throw new AppError('NOT_FOUND');
  return actor;
}

export function userView(actor: Actor) {
  return {
    id: actor.accountId,
    username: actor.username,
    role: actor.role,
    displayName: actor.displayName,
    ...(actor.regionCode ? { regionCode: actor.regionCode } : {}),
    ...(actor.siteCode ? { siteCode: actor.siteCode } : {}),
    mustChangePassword: actor.mustChangePassword,
  };
}
