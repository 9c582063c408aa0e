import { z } from 'zod';
import { errors } from './common.js';
import { named } from './registry.js';
import { PHOTO_RULE_LIMITS } from '../domain/photo-check.js';

/** /api/v1/tools: public tools (报名照片检测). */

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
  width: int('宽度（像素）width', PHOTO_RULE_LIMITS.width).describe('default 358'),
  height: int('高度（像素）height', PHOTO_RULE_LIMITS.height).describe('default 441'),
  maxKb: int('文件大小上限（KB）maxKb', PHOTO_RULE_LIMITS.maxKb).describe('1 KB = 1024 bytes; default 30'),
});

const CheckId = z.enum(['format', 'file_size', 'dimensions', 'aspect', 'orientation', 'background']);
export const PhotoCheckReport = named(
  'PhotoCheckReport',
  z.object({
    ok: z.boolean().describe('nothing fails (warnings allowed)'),
    fixable: z.boolean().describe('every failure is one the web tool fixes'),
    rules: z.object({ width: z.number().int(), height: z.number().int(), maxBytes: z.number().int() }),
    facts: z.object({
      format: z.string().describe('sniffed from the bytes: jpeg, png, gif, webp, heic, …, or unknown'),
      bytes: z.number().int(),
      width: z.number().int().describe('upright (EXIF orientation applied)'),
      height: z.number().int(),
      exifOrientation: z.number().int(),
    }),
    background: z
      .object({ luma: z.number(), spread: z.number(), color: z.object({ r: z.number(), g: z.number(), b: z.number() }), samples: z.number().int() })
      .nullable(),
    checks: z.array(
      z.object({
        id: CheckId,
        status: z.enum(['pass', 'fail', 'warn']),
        fixable: z.boolean(),
        reason: z.string(),
        params: z.record(z.string(), z.union([z.number(), z.string()])),
        title: z.string(),
        message: z.string(),
      }),
    ),
  }),
);
export type PhotoCheckReport = z.infer<typeof PhotoCheckReport>;

export const toolContracts = {
  photoCheck: {
    tags: ['tools'],
    summary: `报名照片检测: checks a registration photo (JPG, ≤ maxKb KB, width×height px, upright, plain light background); public, rate-limited, nothing stored. multipart/form-data, field file, at most ${MAX_PHOTO_CHECK_BYTES} bytes`,
    security: [],
    consumes: ['multipart/form-data'],
    querystring: PhotoCheckQuery,
    response: {
      200: PhotoCheckReport,
      ...errors({ 413: 'PHOTO_TOO_LARGE', 415: 'PHOTO_UNREADABLE', 422: 'INVALID_IMAGE / VALIDATION_FAILED', 429: 'RATE_LIMITED' }),
    },
  },
};
