import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { reviewContracts as c } from '../../contracts/review.js';
import type { Deps } from '../../services/deps.js';
import { countByStatus, listReviewQueue } from '../../services/list-review-queue.js';
import { getReviewFile } from '../../services/get-review-file.js';
import { claimReview, releaseReview } from '../../services/claim-review.js';
import { decideReview } from '../../services/decide-review.js';
import { recordPhoneCall } from '../../services/record-phone-call.js';
import { reopenDecision } from '../../services/reopen-decision.js';
import { reviewStatistics } from '../../services/review-statistics.js';
import { exportReviewResults } from '../../services/export-review-results.js';
import { listReviewFilterOptions } from '../../services/list-review-filter-options.js';
import { localeOf, requireActor, stringFieldOfBody } from '../request-context.js';
import { saveReviewDraft } from '../../services/review-draft.js';
import { revealPhone } from '../../services/reveal-phone.js';
import { remindCandidate } from '../../services/remind-candidate.js';
import { chinaDay } from '../../domain/china-time.js';

const STAFF = ['site_reviewer', 'region_reviewer', 'admin'] as const;
const REVIEWERS = ['site_reviewer', 'region_reviewer'] as const;
const staff = { guard: { roles: [...STAFF] } };
const reviewers = { guard: { roles: [...REVIEWERS] } };

export function reviewRoutes(server: FastifyInstance, deps: Deps) {
  const app = server.withTypeProvider<ZodTypeProvider>();
  app.get('/api/v1/review/registrations', { schema: c.queue, config: staff }, async (req) => {
    const actor = requireActor(req, { roles: [...STAFF] });
    return listReviewQueue(deps, actor, req.query, localeOf(req));
  });

  app.get('/api/v1/review/counts', { schema: c.counts }, async (req) => countByStatus(deps, requireActor(req, { roles: [...STAFF] })));

  app.get('/api/v1/review/filter-options', { schema: c.filterOptions }, async (req) => listReviewFilterOptions(deps, requireActor(req, { roles: [...STAFF] })));

  app.get('/api/v1/review/statistics', { schema: c.statistics }, async (req) => reviewStatistics(deps, requireActor(req, { roles: [...STAFF] })));

  app.get('/api/v1/review/export.xlsx', { schema: c.export, config: staff }, async (req, reply) => {
    const actor = requireActor(req, { roles: [...STAFF] });
    const stream = await exportReviewResults(deps, actor, req.query);
    const name = encodeURIComponent(`审核结果-${chinaDay(new Date())}.xlsx`);
    return reply
      .header('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('Content-Disposition', `attachment; filename="review-results.xlsx"; filename*=UTF-8''${name}`)
      .send(stream);
  });

  app.get('/api/v1/review/registrations/:registrationNo', { schema: c.detail }, async (req) => {
    const actor = requireActor(req, { roles: [...STAFF] });
    return getReviewFile(deps, actor, req.params.registrationNo, localeOf(req));
  });

  app.post('/api/v1/review/registrations/:registrationNo/claim', { schema: c.claim }, async (req) => {
    const actor = requireActor(req, { roles: [...REVIEWERS] });
    return claimReview(deps, actor, req.params.registrationNo);
  });

  app.post('/api/v1/review/registrations/:registrationNo/release', { schema: c.release, config: reviewers }, async (req, reply) => {
    const actor = requireActor(req, { roles: [...REVIEWERS] });
    await releaseReview(deps, actor, req.params.registrationNo, { leaseExpiresAt: stringFieldOfBody(req.body, 'leaseExpiresAt', 40) });
    return reply.status(204).send();
  });

  app.put('/api/v1/review/registrations/:registrationNo/draft', { schema: c.draft, config: reviewers }, async (req) => {
    const actor = requireActor(req, { roles: [...REVIEWERS] });
    return saveReviewDraft(deps, actor, req.params.registrationNo, req.body);
  });

  app.post('/api/v1/review/registrations/:registrationNo/decision', { schema: c.decision, config: reviewers }, async (req) => {
    const actor = requireActor(req, { roles: [...REVIEWERS] });
    return decideReview(deps, actor, req.params.registrationNo, req.body, localeOf(req));
  });

  app.post('/api/v1/review/registrations/:registrationNo/remind', { schema: c.remind }, async (req) => {
    const actor = requireActor(req, { roles: [...REVIEWERS] });
    return remindCandidate(deps, actor, req.params.registrationNo);
  });

  app.post('/api/v1/review/registrations/:registrationNo/calls', { schema: c.calls, config: staff }, async (req, reply) => {
    const actor = requireActor(req, { roles: [...STAFF] });
    await recordPhoneCall(deps, actor, req.params.registrationNo, req.body);
    return reply.status(204).send();
  });

  // POST, not GET: revealing is an action (audited), never cached or prefetched.
  app.post('/api/v1/review/registrations/:registrationNo/phone', { schema: c.phone }, async (req) => {
    const actor = requireActor(req, { roles: [...STAFF] });
    return revealPhone(deps, actor, req.params.registrationNo);
  });

  app.post('/api/v1/review/registrations/:registrationNo/reopen', { schema: c.reopen, config: { guard: { roles: ['admin' as const] } } }, async (req) => {
    const actor = requireActor(req, { roles: ['admin'] });
    return reopenDecision(deps, actor, req.params.registrationNo, req.body, localeOf(req));
  });
}
