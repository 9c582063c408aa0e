import type { FastifyRequest } from 'fastify';

/**
 * Whom a request is counted against: the signed-in account (so logging in again, or from
 * a second device, does not start a fresh allowance), else the client address as seen
 * through the trusted load balancers.
 */
export function rateLimitKey(req: FastifyRequest): string {
  const accountId = req.session?.actor.accountId;
  return accountId ? `a:${accountId}` : `ip:${req.ip}`;
}

/** Only the API and the /sso hand-off are counted; the web client's pages and files never are. */
export function isRateLimited(url: string): boolean {
  return url.startsWith('/api/') || url === '/sso' || url.startsWith('/sso?');
}
