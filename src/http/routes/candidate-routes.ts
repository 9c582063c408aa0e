import { MAX_IMAGE_BYTES } from '../../domain/upload-limits.js';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ActivateBody, candidateContracts as c } from '../../contracts/candidate.js';
import { readUploadedFile } from '../read-uploaded-file.js';
import type { Deps } from '../../services/deps.js';
import { AppError } from '../../domain/errors.js';
import { activateCandidate } from '../../services/activate-candidate.js';
import { getMaterials, requireCandidateFile } from '../../services/get-materials.js';
import { registrationView } from '../../services/candidate-views.js';
import { uploadMaterial } from '../../services/upload-material.js';
import { deleteMaterial } from '../../services/delete-material.js';
import { localeOf, requireActor } from '../request-context.js';


async function requireActivatedCandidate(deps: Deps, req: FastifyRequest) {
  const actor = requireActor(req, { roles: ['candidate'] });
  const file = await requireCandidateFile(deps, actor);
  if (!file.activated) throw new AppError('ACTIVATION_REQUIRED');
  return actor;
}

const CANDIDATE = { roles: ['candidate' as const] };

/** An upload's answer: a replayed Idempotency-Key repeats the first answer, 201 (shared/API.md). */
const UPLOAD_STATUS = { created: 201, replayed: 201 } as const;

export function candidateRoutes(server: FastifyInstance, deps: Deps, opts: { uploadsPerMinute: number }) {
  const app = server.withTypeProvider<ZodTypeProvider>();
  app.post('/api/v1/candidate/activate', { schema: c.activate, config: { guard: CANDIDATE } }, async (req) => {
    const actor = requireActor(req, { roles: ['candidate'] });
    await activateCandidate(deps, actor, ActivateBody.parse(req.body ?? {}));
    return registrationView(await requireCandidateFile(deps, actor), localeOf(req));
  });

  app.get('/api/v1/candidate/registration', { schema: c.registration }, async (req) => {
    const actor = requireActor(req, { roles: ['candidate'] });
    return registrationView(await requireCandidateFile(deps, actor), localeOf(req));
  });

  app.get('/api/v1/candidate/materials', { schema: c.materials }, async (req) => {
    const actor = await requireActivatedCandidate(deps, req);
    return getMaterials(deps, actor, localeOf(req));
  });

  app.post(
    '/api/v1/candidate/materials/:categoryCode/images',
    { schema: c.upload, config: { guard: CANDIDATE, rateLimit: { max: opts.uploadsPerMinute, timeWindow: '1 minute' } } },
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
      // A replay repeats the first answer (shared/API.md), marked as such.
      if (result.outcome === 'replayed') reply.header('Idempotent-Replayed', 'true');
      return reply.status(UPLOAD_STATUS[result.outcome]).send(result.image as never);
    },
  );

  app.delete('/api/v1/candidate/materials/images/:imageId', { schema: c.deleteImage }, async (req, reply) => {
    const actor = await requireActivatedCandidate(deps, req);
    await deleteMaterial(deps, actor, req.params.imageId);
    return reply.status(204).send();
  });
}
