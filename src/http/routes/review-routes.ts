import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Deps } from '../../services/deps.js';
import { countByStatus, listReviewQueue, QueueQuery } from '../../services/list-review-queue.js';
import { getReviewFile } from '../../services/get-review-file.js';
import { claimReview, releaseReview } from '../../services/claim-review.js';
import { decideReview, DecisionBody } from '../../services/decide-review.js';
import { PhoneCallBody, recordPhoneCall } from '../../services/record-phone-call.js';
import { reopenDecision, ReopenBody } from '../../services/reopen-decision.js';
import { reviewStatistics } from '../../services/review-statistics.js';
import { exportReviewResults } from '../../services/export-review-results.js';
import { listReviewFilterOptions } from '../../services/list-review-filter-options.js';
import { localeOf, requireActor, stringFieldOfBody } from '../request-context.js';
import { DraftBody, saveReviewDraft } from '../../services/review-draft.js';
import { revealPhone } from '../../services/reveal-phone.js';
import { remindCandidate } from '../../services/remind-candidate.js';

const STAFF = ['site_reviewer', 'region_reviewer', 'admin'] as const;
const REVIEWERS = ['site_reviewer', 'region_reviewer'] as const;
type NoParams = { Params: { registrationNo: string } };
const ExportQuery = z.object({ status: z.string().max(20).optional() });


export function reviewRoutes(app: FastifyInstance, deps: Deps) {
  app.get('/api/v1/review/registrations', async (req) => {
    const actor = requireActor(req, { roles: [...STAFF] });
    return listReviewQueue(deps, actor, QueueQuery.parse(req.query), localeOf(req));
  });

  app.get('/api/v1/review/counts', async (req) => countByStatus(deps, requireActor(req, { roles: [...STAFF] })));

  app.get('/api/v1/review/filter-options', async (req) => listReviewFilterOptions(deps, requireActor(req, { roles: [...STAFF] })));

  app.get('/api/v1/review/statistics', async (req) => reviewStatistics(deps, requireActor(req, { roles: [...STAFF] })));

  app.get('/api/v1/review/export.xlsx', async (req, reply) => {
    const actor = requireActor(req, { roles: [...STAFF] });
    const stream = await exportReviewResults(deps, actor, ExportQuery.parse(req.query));
    const name = encodeURIComponent(`审核结果-${new Date().toISOString().slice(0, 10)}.xlsx`);
    return reply
      .header('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('Content-Disposition', `attachment; filename="review-results.xlsx"; filename*=UTF-8''${name}`)
      .send(stream);
  });

  app.get<NoParams>('/api/v1/review/registrations/:registrationNo', async (req) => {
    const actor = requireActor(req, { roles: [...STAFF] });
    return getReviewFile(deps, actor, req.params.registrationNo, localeOf(req));
  });

  app.post<NoParams>('/api/v1/review/registrations/:registrationNo/claim', async (req) => {
    const actor = requireActor(req, { roles: [...REVIEWERS] });
    return claimReview(deps, actor, req.params.registrationNo);
  });

  app.post<NoParams>('/api/v1/review/registrations/:registrationNo/release', async (req, reply) => {
    const actor = requireActor(req, { roles: [...REVIEWERS] });
    await releaseReview(deps, actor, req.params.registrationNo, { leaseExpiresAt: stringFieldOfBody(req.body, 'leaseExpiresAt', 40) });
    return reply.status(204).send();
  });

  app.put<NoParams>('/api/v1/review/registrations/:registrationNo/draft', async (req) => {
    const actor = requireActor(req, { roles: [...REVIEWERS] });
    return saveReviewDraft(deps, actor, req.params.registrationNo, DraftBody.parse(req.body));
  });

  app.post<NoParams>('/api/v1/review/registrations/:registrationNo/decision', async (req) => {
    const actor = requireActor(req, { roles: [...REVIEWERS] });
    return decideReview(deps, actor, req.params.registrationNo, DecisionBody.parse(req.body), localeOf(req));
  });

  app.post<NoParams>('/api/v1/review/registrations/:registrationNo/remind', async (req) => {
    const actor = requireActor(req, { roles: [...REVIEWERS] });
    return remindCandidate(deps, actor, req.params.registrationNo);
  });

  app.post<NoParams>('/api/v1/review/registrations/:registrationNo/calls', async (req, reply) => {
    const actor = requireActor(req, { roles: [...STAFF] });
    await recordPhoneCall(deps, actor, req.params.registrationNo, PhoneCallBody.parse(req.body));
    return reply.status(204).send();
  });

  // POST, not GET: revealing is an action (audited), never cached or prefetched.
  app.post<NoParams>('/api/v1/review/registrations/:registrationNo/phone', async (req) => {
    const actor = requireActor(req, { roles: [...STAFF] });
    return revealPhone(deps, actor, req.params.registrationNo);
  });

  app.post<NoParams>('/api/v1/review/registrations/:registrationNo/reopen', async (req) => {
    const actor = requireActor(req, { roles: ['admin'] });
    return reopenDecision(deps, actor, req.params.registrationNo, ReopenBody.parse(req.body), localeOf(req));
  });
}
