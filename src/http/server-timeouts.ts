import type { FastifyServerOptions } from 'fastify';

export interface TimeoutOptions {
  /** The whole request (headers and body) must arrive within this. */
  requestMs: number;
  /** The request headers must arrive within this (slow-header clients). */
  headersMs: number;
  /** An idle keep-alive connection is closed after this. */
  keepAliveMs: number;
}

export const DEFAULT_TIMEOUTS: TimeoutOptions = { requestMs: 25_000, headersMs: 10_000, keepAliveMs: 5_000 };

/**
 * Fastify/Node options that cut off slow clients even without a load balancer in front.
 * Node checks request and header deadlines every connectionsCheckingInterval (30 s by
 * default, which alone would let a slow client hold a socket for up to a minute), so the
 * check runs every second or faster.
 */
export function serverTimeouts(given: Partial<TimeoutOptions> = {}): Pick<FastifyServerOptions, 'requestTimeout' | 'keepAliveTimeout' | 'connectionTimeout'> & { http: object } {
  const t = { ...DEFAULT_TIMEOUTS, ...given };
  // Node refuses a header deadline longer than the request deadline.
  const headersMs = Math.min(t.headersMs, t.requestMs);
  return {
    requestTimeout: t.requestMs,
    keepAliveTimeout: t.keepAliveMs,
    // A socket with no traffic at all for as long as a whole request may take is dead.
    connectionTimeout: t.requestMs,
    http: { headersTimeout: headersMs, requestTimeout: t.requestMs, connectionsCheckingInterval: Math.max(100, Math.min(1000, Math.floor(headersMs / 2))) },
  };
}
