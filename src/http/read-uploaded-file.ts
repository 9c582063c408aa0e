import type { FastifyRequest } from 'fastify';
import { AppError } from '../domain/errors.js';

/**
 * The one file of a multipart request (field `file`), streamed with a hard byte limit.
 * A body whose declared length is already far past the limit is refused before it is read.
 * `tooLarge` gets the declared length when the client sent one above the limit.
 */
export async function readUploadedFile(
  req: FastifyRequest,
  maxBytes: number,
  tooLarge: (declaredBytes: number | undefined) => AppError,
  /** What the file is, for the message when none came: 文件, 图片, 照片. */
  noun = '文件',
): Promise<{ bytes: Buffer; fileName: string }> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > maxBytes + 64 * 1024) throw tooLarge(declared);
  if (!req.isMultipart()) throw new AppError('VALIDATION_FAILED', { reason: '请使用 multipart/form-data 上传，文件字段名为 file' });
  let out: { bytes: Buffer; fileName: string } | undefined;
  try {
    for await (const part of req.parts({ limits: { fileSize: maxBytes, files: 1, fields: 10 } })) {
      if (part.type !== 'file') continue;
      if (part.fieldname !== 'file' || out) {
        part.file.resume();
        continue;
      }
      try {
        out = { bytes: await part.toBuffer(), fileName: part.filename || 'upload' };
      } catch (e) {
        if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge(declared > maxBytes ? declared : undefined);
        throw e;
      }
    }
  } catch (e) {
    if (isCutOff(req, e)) throw new AppError('UPLOAD_INCOMPLETE');
    throw e;
  }
  if (!out) throw new AppError('VALIDATION_FAILED', { reason: `没有收到${noun}，请在 file 字段中选择${noun}` });
  return out;
}

/**
 * The body ended before the form did: the connection broke (the client is gone) or the
 * body was cut short on the way (the multipart parser meets the end mid-part). The caller
 * gets 400 UPLOAD_INCOMPLETE (if still there), not a 500 logged as a server fault.
 */
function isCutOff(req: FastifyRequest, e: unknown): boolean {
  if (e instanceof AppError) return false;
  if ((req.raw.destroyed && !req.raw.complete) || (e as { code?: string }).code === 'ECONNRESET') return true;
  return /unexpected end of (multipart data|form)|terminated early/i.test(String((e as Error)?.message));
}
