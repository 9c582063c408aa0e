import type { FastifyInstance, FastifyRequest } from 'fastify';
import { candidateContracts } from '../../contracts/candidate.js';
import { AnnouncementBody, adminContracts } from '../../contracts/admin.js';
import type { Deps } from '../../services/deps.js';
import { requireActor } from '../request-context.js';
import {
  candidateAnnouncement,
  getRegionAnnouncement,
  publishRegionAnnouncement,
  uploadSwitchImpact,
  withdrawRegionAnnouncement,
} from '../../services/region-announcement.js';

type RegionParams = { Params: { regionCode: string } };
const admin = (req: FastifyRequest) => requireActor(req, { roles: ['admin'] });

/** A region's 公告 (admin: publish, withdraw; candidate: read) and the upload switch's impact. */
export function regionNoticeRoutes(app: FastifyInstance, deps: Deps) {
  app.get<RegionParams>('/api/v1/admin/regions/:regionCode/upload-impact', { schema: adminContracts.uploadImpact }, async (req) => uploadSwitchImpact(deps, admin(req), req.params.regionCode));
  app.get<RegionParams>('/api/v1/admin/regions/:regionCode/announcement', { schema: adminContracts.announcement }, async (req) => getRegionAnnouncement(deps, admin(req), req.params.regionCode));
  app.put<RegionParams>('/api/v1/admin/regions/:regionCode/announcement', { schema: { ...adminContracts.publishAnnouncement, body: AnnouncementBody.optional() }, config: { guard: { roles: ['admin' as const] } } }, async (req) =>
    publishRegionAnnouncement(deps, admin(req), req.params.regionCode, AnnouncementBody.parse(req.body ?? {})),
  );
  app.delete<RegionParams>('/api/v1/admin/regions/:regionCode/announcement', { schema: adminContracts.withdrawAnnouncement }, async (req, reply) => {
    await withdrawRegionAnnouncement(deps, admin(req), req.params.regionCode);
    return reply.status(204).send();
  });
  app.get('/api/v1/candidate/announcement', { schema: candidateContracts.announcement }, async (req) => candidateAnnouncement(deps, requireActor(req, { roles: ['candidate'], beforeActivation: true })));
}
