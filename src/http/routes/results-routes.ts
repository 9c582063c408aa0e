import crypto from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { handoffContracts } from '../../contracts/handoff.js';
import type { Deps } from '../../services/deps.js';
import { AppError } from '../../domain/errors.js';
import { listResultEvents } from '../../services/list-result-events.js';

/** Constant-time comparison of two secrets of any length (both hashed to 32 bytes first). */
function sameSecret(a: string, b: string): boolean {
  const ha = crypto.createHash('sha256').update(a).digest();
  const hb = crypto.createHash('sha256').update(b).digest();
  return crypto.timingSafeEqual(ha, hb);
}

/**
 * The registration system's pull API for final results (docs/HANDOFF.md). Machine to
 * machine: `Authorization: Bearer <RESULTS_API_TOKEN>`, no session, no CSRF (read only).
 * Without a configured token the route does not exist (404).
 */
export function resultsRoutes(server: FastifyInstance, deps: Deps) {
  // The caller is checked before the contract reads the query: a stranger learns nothing from it.
  const requireToken = async (req: FastifyRequest) => {
    const token = deps.resultsApiToken;
    if (!token) throw new AppError('NOT_FOUND');
    const m = /^Bearer ([\x21-\x7e]{1,512})$/.exec(String(req.headers.authorization ?? ''));
    if (!m || !sameSecret(m[1]!, token)) throw new AppError('UNAUTHENTICATED');
  };
  server.withTypeProvider<ZodTypeProvider>().get('/api/v1/results/events', { schema: handoffContracts.resultEvents, preValidation: requireToken }, async (req) =>
    listResultEvents(deps, req.query),
  );
}
