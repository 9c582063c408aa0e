import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../services/deps.js';
import { AppError } from '../../domain/errors.js';
import { listMessages, markMessageRead } from '../../services/candidate-messages.js';
import { requireActor } from '../request-context.js';

export function messageRoutes(app: FastifyInstance, deps: Deps) {
  app.get('/api/v1/candidate/messages', async (req) => listMessages(deps, requireActor(req, { roles: ['candidate'] })));

  app.post<{ Params: { id: string } }>('/api/v1/candidate/messages/:id/read', async (req, reply) => {
    const actor = requireActor(req, { roles: ['candidate'] });
    const id = Number(req.params.id);
    if (!Number.isSafeInteger(id) || id <= 0) throw new AppError('NOT_FOUND');
    await markMessageRead(deps, actor, id);
    return reply.status(204).send();
  });
}
