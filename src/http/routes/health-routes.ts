import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { healthContracts as c } from '../../contracts/health.js';
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
export function healthRoutes(server: FastifyInstance, deps: Pick<Deps, 'store' | 'blobs'>, opts: { isDraining: () => boolean }) {
  const app = server.withTypeProvider<ZodTypeProvider>();
  app.get('/api/v1/health', { schema: c.live, config: { rateLimit: false } }, async () => ({ status: 'ok' as const }));
  app.get('/api/v1/health/ready', { schema: c.ready, config: { rateLimit: false } }, async (_req, reply) => {
    if (opts.isDraining()) return reply.status(503).header('Retry-After', '5').send({ status: 'draining' as const });
    const [database, storage] = await Promise.allSettled([
      within(deps.store.ping(), CHECK_TIMEOUT_MS),
      within(deps.blobs.checkReady(), CHECK_TIMEOUT_MS),
    ]);
    const checks = { database: database.status === 'fulfilled' ? 'ok' as const : 'unreachable' as const, storage: storage.status === 'fulfilled' ? 'ok' as const : 'unreachable' as const };
    if (database.status === 'rejected' || storage.status === 'rejected') {
      return reply.status(503).header('Retry-After', '5').send({ status: 'unavailable' as const, ...checks });
    }
    return { status: 'ready' as const, ...checks };
  });
}
