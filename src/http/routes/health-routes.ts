import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Deps } from '../../services/deps.js';

const CHECK_TIMEOUT_MS = 2_000;

function within<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Liveness (the process answers) and readiness (it can serve: database and object store
 * reachable, not draining) for load balancers and orchestrators. Never rate limited.
 */
export function healthRoutes(app: FastifyInstance, deps: Pick<Deps, 'db' | 'blobs'>, opts: { isDraining: () => boolean }) {
  app.get('/api/v1/health', { config: { rateLimit: false } }, async () => ({ status: 'ok' }));
  app.get('/api/v1/health/ready', { config: { rateLimit: false } }, async (_req, reply) => {
    if (opts.isDraining()) return reply.status(503).header('Retry-After', '5').send({ status: 'draining' });
    const [database, storage] = await Promise.allSettled([
      within(sql`select 1`.execute(deps.db), CHECK_TIMEOUT_MS),
      within(deps.blobs.checkReady(), CHECK_TIMEOUT_MS),
    ]);
    const checks = { database: database.status === 'fulfilled' ? 'ok' : 'unreachable', storage: storage.status === 'fulfilled' ? 'ok' : 'unreachable' };
    if (database.status === 'rejected' || storage.status === 'rejected') {
      return reply.status(503).header('Retry-After', '5').send({ status: 'unavailable', ...checks });
    }
    return { status: 'ready', ...checks };
  });
}
