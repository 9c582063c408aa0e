import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { readUploadedFile } from '../read-uploaded-file.js';
import type { Deps } from '../../services/deps.js';
import { AppError } from '../../domain/errors.js';
import { PHOTO_RULE_LIMITS } from '../../domain/photo-check.js';
import { runPhotoCheck } from '../../services/run-photo-check.js';
import { localeOf } from '../request-context.js';

/** Largest photo the check API reads (a phone's original is 2–6 MB). */
export const MAX_PHOTO_CHECK_BYTES = 8 * 1024 * 1024;

const int = (name: string, { min, max }: { min: number; max: number }) =>
  z.coerce
    .number({ message: `${name}须为数字` })
    .int({ message: `${name}须为整数` })
    .min(min, { message: `${name}不能小于 ${min}` })
    .max(max, { message: `${name}不能大于 ${max}` })
    .optional();

export const PhotoCheckQuery = z.object({
  width: int('宽度（像素）width', PHOTO_RULE_LIMITS.width),
  height: int('高度（像素）height', PHOTO_RULE_LIMITS.height),
  maxKb: int('文件大小上限（KB）maxKb', PHOTO_RULE_LIMITS.maxKb),
});

async function readPhoto(req: FastifyRequest): Promise<Buffer> {
  const { bytes } = await readUploadedFile(req, MAX_PHOTO_CHECK_BYTES, (declared) =>
    new AppError('PHOTO_TOO_LARGE', declared ? { bytes: declared, maxBytes: MAX_PHOTO_CHECK_BYTES } : { maxBytes: MAX_PHOTO_CHECK_BYTES }), '照片');
  if (bytes.length === 0) throw new AppError('VALIDATION_FAILED', { reason: '没有收到照片，请在 file 字段中选择照片文件' });
  return bytes;
}

/** Public tools: 报名照片检测 for the registration system (the web page checks in the browser). */
export function toolRoutes(app: FastifyInstance, deps: Deps) {
  app.post(
    '/api/v1/tools/photo-check',
    { config: { rateLimit: { max: 30, timeWindow: '1 minute' } } },
    async (req) => {
      const query = PhotoCheckQuery.parse(req.query ?? {});
      const bytes = await readPhoto(req);
      const actor = req.session?.actor ?? null;
      return runPhotoCheck(deps, actor, { bytes, rules: query, locale: localeOf(req) });
    },
  );
}
