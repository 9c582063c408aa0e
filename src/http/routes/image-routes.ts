import fs from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { imageContracts as c } from '../../contracts/images.js';
import contentDisposition from 'content-disposition';
import type { Deps } from '../../services/deps.js';
import { AppError } from '../../domain/errors.js';
import { readImage } from '../../services/read-image.js';
import { readExampleImage } from '../../services/manage-catalog.js';
import { requireActor } from '../request-context.js';

export function imageRoutes(app: FastifyInstance, deps: Deps, opts: { examplesDir: string }) {
  const serve = (variant: 'full' | 'thumbnail') => async (req: any, reply: any) => {
    const actor = requireActor(req);
    if (!/^[0-9a-f-]{36}$/.test(req.params.imageId)) throw new AppError('NOT_FOUND');
    const { bytes, fileName } = await readImage(deps, actor, req.params.imageId, variant);
    return reply
      .header('Content-Type', 'image/jpeg')
      .header('Cache-Control', 'private, no-store')
      .header('Content-Disposition', contentDisposition(fileName.unicode, { type: 'inline', fallback: fileName.ascii }))
      .send(bytes);
  };
  app.get('/api/v1/images/:imageId', { schema: c.full }, serve('full'));
  app.get('/api/v1/images/:imageId/thumbnail', { schema: c.thumbnail }, serve('thumbnail'));

  // Example images (示例) are public: an administrator's upload (blob store) where there is
  // one, else the generated drawing (assets/examples/README.md). Short-lived cache with an
  // ETag, so a new example shows within a minute.
  app.get<{ Params: { file: string } }>('/api/v1/catalog/examples/:file', { schema: c.example }, async (req, reply) => {
    const m = /^([a-z_]{1,40})\.png$/.exec(req.params.file);
    if (!m) throw new AppError('NOT_FOUND');
    const example = await readExampleImage(deps, m[1]!);
    if (!example) throw new AppError('NOT_FOUND');
    reply.header('Cache-Control', 'public, max-age=60');
    if ('bytes' in example) {
      if (req.headers['if-none-match'] === example.etag) return reply.status(304).header('ETag', example.etag).send();
      return reply.header('Content-Type', example.contentType).header('ETag', example.etag).send(example.bytes);
    }
    let bytes: Buffer;
    try {
      bytes = await fs.readFile(path.join(opts.examplesDir, example.builtIn));
    } catch {
      throw new AppError('NOT_FOUND');
    }
    return reply.header('Content-Type', 'image/png').send(bytes);
  });
}
