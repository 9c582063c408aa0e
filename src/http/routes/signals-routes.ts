import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { reviewContracts as c } from '../../contracts/review.js';
import type { Deps } from '../../services/deps.js';
import { listSharedPictures, recordDuplicateOpened } from '../../services/shared-pictures.js';
import { requireActor } from '../request-context.js';

/** Machine signals for reviewers (issue 15): the region's shared-pictures list and the duplicate-link audit. */
export function signalsRoutes(server: FastifyInstance, deps: Deps) {
  const app = server.withTypeProvider<ZodTypeProvider>();
  const regionStaff = { roles: ['region_reviewer' as const, 'admin' as const] };
  app.get('/api/v1/review/shared-pictures', { schema: c.sharedPictures, config: { guard: regionStaff } }, async (req) => {
    const actor = requireActor(req, regionStaff);
    return listSharedPictures(deps, actor, req.query);
  });

  const staff = { roles: ['site_reviewer' as const, 'region_reviewer' as const, 'admin' as const] };
  app.post('/api/v1/review/duplicates/opened', { schema: c.duplicateOpened, config: { guard: staff } }, async (req) => {
    const actor = requireActor(req, staff);
    return recordDuplicateOpened(deps, actor, req.body);
  });
}
