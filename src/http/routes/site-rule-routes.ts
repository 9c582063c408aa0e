import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Deps } from '../../services/deps.js';
import { AppError } from '../../domain/errors.js';
import { SITUATIONS } from '../../domain/catalog.js';
import { createSiteRule, deleteSiteRule, listSiteRules, previewSiteRequirements } from '../../services/manage-site-rules.js';
import { requireActor } from '../request-context.js';

/**
 * A 考点's own requirement rules (issue 12, item 10), under the admin tree because they are
 * administration, but open to the site's own staff (考点审核员) as well as to administrators;
 * services/manage-site-rules.ts confines each caller to its site or region.
 */
export const SiteRuleBody = z
  .object({
    examCategoryCode: z.string().trim().min(1).max(10).nullable().default(null),
    situation: z.enum(Object.keys(SITUATIONS) as [string, ...string[]], { message: '个人情况不存在，请从列表中选择' }).nullable().default(null),
    materialCode: z.string().trim().min(1, '请选择材料种类').max(40),
    // Any kind is accepted here so that a relaxing rule gets its own code (SITE_RULE_RELAXES), not a schema error.
    requirement: z.enum(['required', 'optional', 'hidden'], { message: '要求须为 必传(required)' }).default('required'),
    maxCount: z.number().int().min(1).max(20).nullable().default(null),
    extraText: z.string().max(500).nullable().default(null),
    extraTextEn: z.string().trim().max(1000, '英文补充要求不能超过 1000 个字符').nullable().optional(),
  })
  .strict();
export const SitePreviewQuery = z.object({ examCategoryCode: z.string().min(1, '请选择报考类别').max(10), situations: z.string().max(300).optional() });

type SiteParams = { Params: { siteCode: string } };
const siteStaff = (req: FastifyRequest) => requireActor(req, { roles: ['admin', 'site_reviewer'] });

export function siteRuleRoutes(app: FastifyInstance, deps: Deps) {
  app.get<SiteParams>('/api/v1/admin/sites/:siteCode/requirement-rules', async (req) => listSiteRules(deps, siteStaff(req), req.params.siteCode));
  app.post<SiteParams>('/api/v1/admin/sites/:siteCode/requirement-rules', async (req, reply) => {
    const actor = siteStaff(req);
    return reply.status(201).send(await createSiteRule(deps, actor, req.params.siteCode, SiteRuleBody.parse(req.body ?? {})));
  });
  app.delete<SiteParams & { Params: { id: string } }>('/api/v1/admin/sites/:siteCode/requirement-rules/:id', async (req) => {
    const actor = siteStaff(req);
    const id = Number(req.params.id);
    if (!Number.isSafeInteger(id) || id <= 0) throw new AppError('NOT_FOUND');
    return deleteSiteRule(deps, actor, req.params.siteCode, id);
  });
  app.get<SiteParams>('/api/v1/admin/sites/:siteCode/requirement-rules/preview', async (req) => {
    const actor = siteStaff(req);
    const q = SitePreviewQuery.parse(req.query);
    return previewSiteRequirements(deps, actor, req.params.siteCode, { examCategoryCode: q.examCategoryCode, situations: (q.situations ?? '').split(',').filter(Boolean) });
  });
}
