import { MAX_IMAGE_BYTES } from '../../domain/upload-limits.js';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { readUploadedFile } from '../read-uploaded-file.js';
import type { Deps } from '../../services/deps.js';
import { AppError } from '../../domain/errors.js';
import { activateCandidate } from '../../services/activate-candidate.js';
import { getMaterials, requireCandidateFile } from '../../services/get-materials.js';
import { registrationView } from '../../services/candidate-views.js';
import { uploadMaterial } from '../../services/upload-material.js';
import { deleteMaterial } from '../../services/delete-material.js';
import { localeOf, requireActor } from '../request-context.js';

export const ActivateBody = z.object({ agree: z.literal(true, { message: '请勾选同意' }) });

async function requireActivatedCandidate(deps: Deps, req: FastifyRequest) {
  const actor = requireActor(req, { roles: ['candidate'] });
  const file = await requireCandidateFile(deps, actor);
  if (!file.activated) throw new AppError('ACTIVATION_REQUIRED');
  return actor;
}

export function candidateRoutes(app: FastifyInstance, deps: Deps, opts: { uploadsPerMinute: number }) {
  app.post('/api/v1/candidate/activate', async (req) => {
    const actor = requireActor(req, { roles: ['candidate'] });
    await activateCandidate(deps, actor, ActivateBody.parse(req.body ?? {}));
    return registrationView(await requireCandidateFile(deps, actor), localeOf(req));
  });

  app.get('/api/v1/candidate/registration', async (req) => {
    const actor = requireActor(req, { roles: ['candidate'] });
    return registrationView(await requireCandidateFile(deps, actor), localeOf(req));
  });

  app.get('/api/v1/candidate/materials', async (req) => {
    const actor = await requireActivatedCandidate(deps, req);
    return getMaterials(deps, actor, localeOf(req));
  });

  app.post<{ Params: { categoryCode: string } }>(
    '/api/v1/candidate/materials/:categoryCode/images',
    { config: { rateLimit: { max: opts.uploadsPerMinute, timeWindow: '1 minute' } } },
    async (req, reply) => {
      // Activation and every other refusal are checked in uploadMaterial, on one read of the file.
      const actor = requireActor(req, { roles: ['candidate'] });
      const { bytes } = await readUploadedFile(req, MAX_IMAGE_BYTES, (declared) => new AppError('FILE_TOO_LARGE', declared ? { bytes: declared } : {}), '图片');
      const idem = req.headers['idempotency-key'];
      const result = await uploadMaterial(deps, actor, {
        categoryCode: req.params.categoryCode,
        bytes,
        idempotencyKey: typeof idem === 'string' ? idem : undefined,
      });
      if (result.replayed) reply.header('Idempotent-Replayed', 'true');
      return reply.status(result.status).send(result.body);
    },
  );

  app.delete<{ Params: { imageId: string } }>('/api/v1/candidate/materials/images/:imageId', async (req, reply) => {
    const actor = await requireActivatedCandidate(deps, req);
    await deleteMaterial(deps, actor, req.params.imageId);
    return reply.status(204).send();
  });
}
