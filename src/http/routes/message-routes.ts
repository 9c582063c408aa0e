import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { candidateContracts as c } from '../../contracts/candidate.js';
import type { Deps } from '../../services/deps.js';
import { AppError } from '../../domain/errors.js';
import { listMessages, markMessageRead } from '../../services/candidate-messages.js';
import { requireActor } from '../request-context.js';
import { requireCandidateFile } from '../../services/get-materials.js';
import type { FastifyRequest } from 'fastify';

/** Like every candidate call but activation and registration: only after activation. */
async function activatedCandidate(deps: Deps, req: FastifyRequest) {
  const actor = requireActor(req, { roles: ['candidate'] });
  if (!(await requireCandidateFile(deps, actor)).activated) throw new AppError('ACTIVATION_REQUIRED');
  return actor;
}

export function messageRoutes(server: FastifyInstance, deps: Deps) {
  const app = server.withTypeProvider<ZodTypeProvider>();
  app.get('/api/v1/candidate/messages', { schema: c.messages }, async (req) => listMessages(deps, await activatedCandidate(deps, req)));

  app.post('/api/v1/candidate/messages/:id/read', { schema: c.readMessage }, async (req, reply) => {
    const actor = await activatedCandidate(deps, req);
    const id = Number(req.params.id);
    if (!Number.isSafeInteger(id) || id <= 0) throw new AppError('NOT_FOUND');
    await markMessageRead(deps, actor, id);
    return reply.status(204).send();
  });
}
