import crypto from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { AppError, type Locale } from '../domain/errors.js';
import type { ResolvedSession } from '../services/authenticate.js';
import type { Actor } from '../services/deps.js';

declare module 'fastify' {
  interface FastifyRequest {
    session: ResolvedSession | null;
  }
  interface FastifyContextConfig {
    /** Checked before the route's contract validates the request (app.ts, preValidation). */
    guard?: Guard;
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

/** Constant-time check of a CSRF token against the session's. */
export function csrfMatches(session: ResolvedSession, sent: unknown): boolean {
  const expected = Buffer.from(session.csrfToken);
  const given = Buffer.from(typeof sent === 'string' ? sent : '');
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}

/**
 * Routes that also take the CSRF token in the body, because the browser calls them while the
 * page is going away with navigator.sendBeacon, which cannot set headers. The token is the
 * same secret as the header's (a cross-site page cannot read it), so the protection is equal.
 */
export const CSRF_IN_BODY_ROUTES = new Set(['/api/v1/review/registrations/:registrationNo/release']);

/** A string field of a JSON body, sent as application/json or (sendBeacon) as text/plain JSON. */
export function stringFieldOfBody(body: unknown, field: string, maxLength = 200): string | undefined {
  let b = body;
  if (typeof b === 'string') {
    try {
      b = JSON.parse(b);
    } catch {
      return undefined;
    }
  }
  const v = b && typeof b === 'object' ? (b as Record<string, unknown>)[field] : undefined;
  return typeof v === 'string' && v.length <= maxLength ? v : undefined;
}

/** The csrfToken field of a JSON body (the release route's sendBeacon). */
export const csrfTokenInBody = (body: unknown): string | undefined => stringFieldOfBody(body, 'csrfToken');
