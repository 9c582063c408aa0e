import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Deps } from '../../services/deps.js';
import { AppError } from '../../domain/errors.js';
import type { Role } from '../../domain/roles.js';
import { createRule, deleteRule, listRules, previewRequirements, updateRule } from '../../services/manage-requirement-rules.js';
import { createSiteRule, deleteSiteRule, listSiteRules, previewSiteRequirements } from '../../services/manage-site-rules.js';
import {
  createExamCategory, createMaterialCategory, deleteMaterialCategory, getCatalog, renameExamCategory, resetExampleImage, setExampleImage, updateMaterialCategory,
} from '../../services/manage-catalog.js';
import { catalogContracts as c, MAX_EXAMPLE_BYTES, SiteRuleBody } from '../../contracts/catalog.js';
import { readUploadedFile } from '../read-uploaded-file.js';
import { requireActor } from '../request-context.js';

/**
 * /api/v1/admin: the catalog and the requirement rules. The catalog and national/region rules
 * are for administrators; a 考点's own rules (issue 12, item 10) also for that site's
 * 考点审核员. Others get 404, as for any route outside their audience; the services confine
 * each caller to its region or site.
 */
const ADMIN: Role[] = ['admin'];
const SITE_STAFF: Role[] = ['admin', 'site_reviewer'];
/** Route options: the contract, the guard first (it answers before the contract checks the request). */
const route = <S>(schema: S, roles: Role[] = ADMIN) => ({ schema, config: { guard: { roles } } });

/** A rule id from the path: anything but a positive integer is no such rule. */
function ruleId(text: string): number {
  const id = Number(text);
  if (!Number.isSafeInteger(id) || id <= 0) throw new AppError('NOT_FOUND');
  return id;
}
const situationList = (text: string | undefined) => (text ?? '').split(',').filter(Boolean);

export function catalogRoutes(server: FastifyInstance, deps: Deps) {
  const app = server.withTypeProvider<ZodTypeProvider>();
  const admin = (req: Parameters<typeof requireActor>[0]) => requireActor(req, { roles: ADMIN });
  const siteStaff = (req: Parameters<typeof requireActor>[0]) => requireActor(req, { roles: SITE_STAFF });

  // National and region requirement rules
  app.get('/api/v1/admin/requirement-rules', route(c.rules), async (req) => listRules(deps, admin(req), { regionCode: req.query.regionCode }));
  app.get('/api/v1/admin/requirement-rules/preview', route(c.preview), async (req) =>
    previewRequirements(deps, admin(req), { regionCode: req.query.regionCode, examCategoryCode: req.query.examCategoryCode, situations: situationList(req.query.situations) }),
  );
  app.post('/api/v1/admin/requirement-rules', route(c.createRule), async (req, reply) => reply.status(201).send(await createRule(deps, admin(req), req.body)));
  app.patch('/api/v1/admin/requirement-rules/:id', route(c.updateRule), async (req) => updateRule(deps, admin(req), ruleId(req.params.id), req.body ?? {}));
  app.delete('/api/v1/admin/requirement-rules/:id', route(c.deleteRule), async (req, reply) => {
    await deleteRule(deps, admin(req), ruleId(req.params.id));
    return reply.status(204).send();
  });

  // A 考点's own rules
  app.get('/api/v1/admin/sites/:siteCode/requirement-rules', route(c.siteRules, SITE_STAFF), async (req) => listSiteRules(deps, siteStaff(req), req.params.siteCode));
  app.post('/api/v1/admin/sites/:siteCode/requirement-rules', route(c.createSiteRule, SITE_STAFF), async (req, reply) =>
    reply.status(201).send(await createSiteRule(deps, siteStaff(req), req.params.siteCode, req.body ?? SiteRuleBody.parse({}))),
  );
  app.delete('/api/v1/admin/sites/:siteCode/requirement-rules/:id', route(c.deleteSiteRule, SITE_STAFF), async (req) =>
    deleteSiteRule(deps, siteStaff(req), req.params.siteCode, ruleId(req.params.id)),
  );
  app.get('/api/v1/admin/sites/:siteCode/requirement-rules/preview', route(c.sitePreview, SITE_STAFF), async (req) =>
    previewSiteRequirements(deps, siteStaff(req), req.params.siteCode, { examCategoryCode: req.query.examCategoryCode, situations: situationList(req.query.situations) }),
  );

  // The catalog
  app.get('/api/v1/admin/catalog', route(c.catalog), async (req) => getCatalog(deps, admin(req)));
  app.post('/api/v1/admin/catalog/materials', route(c.createMaterial), async (req, reply) => reply.status(201).send(await createMaterialCategory(deps, admin(req), req.body)));
  app.patch('/api/v1/admin/catalog/materials/:code', route(c.updateMaterial), async (req) => updateMaterialCategory(deps, admin(req), req.params.code, req.body ?? {}));
  app.delete('/api/v1/admin/catalog/materials/:code', route(c.deleteMaterial), async (req, reply) => {
    await deleteMaterialCategory(deps, admin(req), req.params.code);
    return reply.status(204).send();
  });
  app.put('/api/v1/admin/catalog/materials/:code/example', route(c.setExample), async (req) => {
    const actor = admin(req);
    const file = await readUploadedFile(req, MAX_EXAMPLE_BYTES, () => new AppError('VALIDATION_FAILED', { reason: '示例图片不能超过 2MB，请缩小后重新上传' }));
    return setExampleImage(deps, actor, req.params.code, file.bytes);
  });
  app.delete('/api/v1/admin/catalog/materials/:code/example', route(c.resetExample), async (req) => resetExampleImage(deps, admin(req), req.params.code));
  app.post('/api/v1/admin/catalog/exam-categories', route(c.createExamCategory), async (req, reply) => reply.status(201).send(await createExamCategory(deps, admin(req), req.body)));
  app.patch('/api/v1/admin/catalog/exam-categories/:code', route(c.renameExamCategory), async (req) => renameExamCategory(deps, admin(req), req.params.code, req.body));
}
