import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../services/deps.js';
import { listSharedPictures, OpenDuplicateBody, recordDuplicateOpened, SharedPicturesQuery } from '../../services/shared-pictures.js';
import { requireActor } from '../request-context.js';

/** Machine signals for reviewers (issue 15): the region's shared-pictures list and the duplicate-link audit. */
export function signalsRoutes(app: FastifyInstance, deps: Deps) {
  app.get('/api/v1/review/shared-pictures', async (req) => {
    const actor = requireActor(req, { roles: ['region_reviewer', 'admin'] });
    return listSharedPictures(deps, actor, SharedPicturesQuery.parse(req.query));
  });

  app.post('/api/v1/review/duplicates/opened', async (req) => {
    const actor = requireActor(req, { roles: ['site_reviewer', 'region_reviewer', 'admin'] });
    return recordDuplicateOpened(deps, actor, OpenDuplicateBody.parse(req.body));
  });
}
