import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { readUploadedFile } from '../read-uploaded-file.js';
import type { Deps } from '../../services/deps.js';
import { AppError } from '../../domain/errors.js';
import { runPhotoCheck } from '../../services/run-photo-check.js';
import { MAX_PHOTO_CHECK_BYTES, toolContracts as c } from '../../contracts/tools.js';
import { localeOf } from '../request-context.js';

async function readPhoto(req: FastifyRequest): Promise<Buffer> {
  const { bytes } = await readUploadedFile(req, MAX_PHOTO_CHECK_BYTES, (declared) =>
    new AppError('PHOTO_TOO_LARGE', declared ? { bytes: declared, maxBytes: MAX_PHOTO_CHECK_BYTES } : { maxBytes: MAX_PHOTO_CHECK_BYTES }), '照片');
  if (bytes.length === 0) throw new AppError('VALIDATION_FAILED', { reason: '没有收到照片，请在 file 字段中选择照片文件' });
  return bytes;
}

/** Public tools: 报名照片检测 for the registration system (the web page checks in the browser). */
export function toolRoutes(server: FastifyInstance, deps: Deps) {
  const app = server.withTypeProvider<ZodTypeProvider>();
  app.post('/api/v1/tools/photo-check', { schema: c.photoCheck, config: { rateLimit: { max: 30, timeWindow: '1 minute' } } }, async (req) => {
    const bytes = await readPhoto(req);
    const actor = req.session?.actor ?? null;
    return runPhotoCheck(deps, actor, { bytes, rules: req.query, locale: localeOf(req) });
  });
}
