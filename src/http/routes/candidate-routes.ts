import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Deps } from '../../services/deps.js';
import { AppError } from '../../domain/errors.js';
import { activateCandidate } from '../../services/activate-candidate.js';
import { getMaterials, requireCandidateFile } from '../../services/get-materials.js';
import { registrationView } from '../../services/candidate-views.js';
import { uploadMaterial } from '../../services/upload-material.js';
import { deleteMaterial } from '../../services/delete-material.js';
import { localeOf, requireActor } from '../request-context.js';

export const MAX_UPLOAD_BYTES = 204_800;
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
      const actor = await requireActivatedCandidate(deps, req);
      // Refuse an oversized body from its declared length before reading it.
      const declared = Number(req.headers['content-length'] ?? 0);
      if (declared > MAX_UPLOAD_BYTES + 64 * 1024) throw new AppError('FILE_TOO_LARGE', { bytes: declared });
      if (!req.isMultipart()) throw new AppError('VALIDATION_FAILED', { reason: '请使用 multipart/form-data 上传，文件字段名为 file' });
      let bytes: Buffer | undefined;
      for await (const part of req.parts({ limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 10 } })) {
        if (part.type !== 'file') continue;
        if (part.fieldname !== 'file' || bytes) {
          part.file.resume();
          continue;
        }
        try {
          bytes = await part.toBuffer();
        } catch (e) {
          if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
            throw new AppError('FILE_TOO_LARGE', declared > MAX_UPLOAD_BYTES ? { bytes: declared } : {});
          }
          throw e;
        }
      }
      if (!bytes) throw new AppError('VALIDATION_FAILED', { reason: '没有收到文件，请在 file 字段中选择图片' });
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
