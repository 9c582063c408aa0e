import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { readUploadedFile } from '../read-uploaded-file.js';
import type { Deps } from '../../services/deps.js';
import { AppError } from '../../domain/errors.js';
import { DISPLAY_NAME_MAX, STAFF_ROLES } from '../../domain/staff-accounts.js';
import { SITUATIONS } from '../../domain/catalog.js';
import { IMPORT_COLUMNS, SITUATION_COLUMN } from '../../domain/registration-import.js';
import { createRegion, createSite, getRegionSettings, listRegions, renameRegion, renameSite, updateRegionSettings } from '../../services/configure-region.js';
import { createRule, deleteRule, listRules, previewRequirements, updateRule } from '../../services/manage-requirement-rules.js';
import {
  createExamCategory, createMaterialCategory, deleteMaterialCategory, getCatalog, renameExamCategory, resetExampleImage, setExampleImage, updateMaterialCategory,
} from '../../services/manage-catalog.js';
import { createStaffAccount, listAccounts, resetPassword, setAccountDisabled } from '../../services/manage-accounts.js';
import { importRegistrations } from '../../services/import-registrations.js';
import { importReportFile, listImportReports } from '../../services/import-reports.js';
import { requireActor } from '../request-context.js';
import { adminContracts as c } from '../../contracts/admin.js';

/**
 * /api/v1/admin: regions and sites, requirement rules, the catalog, accounts and the
 * registration import. Administrators only (others get 404, as for any route outside
 * their audience); the services confine a regional administrator to its region.
 */
export const MAX_IMPORT_BYTES = 30 * 1024 * 1024;
export const MAX_EXAMPLE_BYTES = 2 * 1024 * 1024;

const time = z.union([z.iso.datetime({ offset: true, message: '须为带时区的 ISO 8601 时间，如 2026-03-01T09:00:00+08:00' }), z.null()]);
const code = (label: string) => z.string().trim().min(1, `请填写${label}`).max(40);
const name = (label: string) => z.string().trim().min(1, `请填写${label}`).max(60);

export const RegionSettingsBody = z
  .object({
    uploadEnabled: z.boolean().optional(),
    uploadOpensAt: time.optional(),
    uploadClosesAt: time.optional(),
    reviewOpensAt: time.optional(),
    reviewClosesAt: time.optional(),
  })
  .strict();
export const RegionBody = z.object({ code: code('考区代码'), name: name('考区名称') }).strict();
export const SiteBody = z.object({ code: code('考点代码'), name: name('考点名称') }).strict();
export const RenameBody = z.object({ name: name('名称') }).strict();

const requirement = z.enum(['required', 'optional', 'hidden'], { message: '要求须为 必传(required)、按需(optional) 或 不显示(hidden)' });
export const RuleBody = z
  .object({
    regionCode: z.string().trim().min(1).max(10).nullable(),
    examCategoryCode: z.string().trim().min(1).max(10).nullable(),
    situation: z.enum(Object.keys(SITUATIONS) as [string, ...string[]], { message: '个人情况不存在，请从列表中选择' }).nullable(),
    materialCode: z.string().trim().min(1).max(40),
    requirement,
    maxCount: z.number().int().min(1).max(20).nullable().default(null),
    extraText: z.string().max(500).nullable().default(null),
  })
  .strict();
export const RulePatchBody = z
  .object({ requirement: requirement.optional(), maxCount: z.number().int().min(1).max(20).nullable().optional(), extraText: z.string().max(500).nullable().optional() })
  .strict();

/** The English mode's name and requirement text: optional, empty clears (the page then shows the Chinese). */
const englishText = {
  nameEn: z.string().trim().max(120, '英文名称不能超过 120 个字符').nullable().optional(),
  requirementsEn: z.string().trim().max(4000, '英文上传要求不能超过 4000 个字符').nullable().optional(),
};
export const MaterialBody = z
  .object({
    code: code('材料代码'),
    name: name('材料名称'),
    requirements: z.string().trim().min(1, '请填写上传要求').max(2000),
    ...englishText,
    minCount: z.number().int().min(0).max(20),
    maxCount: z.number().int().min(1).max(20),
  })
  .strict();
export const MaterialPatchBody = z
  .object({
    name: name('材料名称').optional(),
    requirements: z.string().trim().min(1, '请填写上传要求').max(2000).optional(),
    ...englishText,
    minCount: z.number().int().min(0).max(20).optional(),
    maxCount: z.number().int().min(1).max(20).optional(),
    sortOrder: z.number().int().min(0).max(10_000).optional(),
  })
  .strict();
export const ExamCategoryBody = z.object({ code: code('报考类别代码'), name: name('报考类别名称') }).strict();

export const AccountBody = z
  .object({
    username: z.string().trim().min(3, '用户名至少 3 位').max(32, '用户名最多 32 位'),
    displayName: z.string().trim().min(1, '请填写姓名/名称').max(DISPLAY_NAME_MAX, `姓名/名称最多 ${DISPLAY_NAME_MAX} 个字`),
    role: z.enum(STAFF_ROLES as unknown as [string, ...string[]], { message: '角色须为考点审核员、考区审核员或管理员' }),
    regionCode: z.string().trim().max(10).nullable().optional(),
    siteCode: z.string().trim().max(10).nullable().optional(),
  })
  .strict();
export const AccountsQuery = z.object({
  role: z.string().max(20).optional(),
  q: z.string().max(50).optional(),
  disabled: z.enum(['true', 'false']).optional(),
  page: z.coerce.number().int().min(1).max(100_000).optional(),
  pageSize: z.coerce.number().int().min(1).max(100).optional(),
});

const admin = (req: FastifyRequest) => requireActor(req, { roles: ['admin'] });
/** Route options of a converted route: its contract (and request schema), the guard first. */
const contract = (schema: object) => ({ schema, config: { guard: { roles: ['admin' as const] } } });

const attachment = (fileName: string) => `attachment; filename="download"; filename*=UTF-8''${encodeURIComponent(fileName)}`;

export function adminRoutes(app: FastifyInstance, deps: Deps) {
  // Regions and sites
  app.get('/api/v1/admin/regions', contract(c.regions), async (req) => listRegions(deps, admin(req)));
  app.post('/api/v1/admin/regions', contract({ ...c.createRegion, body: RegionBody }), async (req, reply) => reply.status(201).send(await createRegion(deps, admin(req), RegionBody.parse(req.body))));
  app.patch<{ Params: { regionCode: string } }>('/api/v1/admin/regions/:regionCode', contract({ ...c.renameRegion, body: RenameBody }), async (req) =>
    renameRegion(deps, admin(req), req.params.regionCode, RenameBody.parse(req.body)),
  );
  app.get<{ Params: { regionCode: string } }>('/api/v1/admin/regions/:regionCode/settings', contract(c.settings), async (req) =>
    getRegionSettings(deps, admin(req), req.params.regionCode),
  );
  app.put<{ Params: { regionCode: string } }>('/api/v1/admin/regions/:regionCode/settings', contract({ ...c.updateSettings, body: RegionSettingsBody.optional() }), async (req) => {
    const actor = admin(req);
    return updateRegionSettings(deps, actor, req.params.regionCode, RegionSettingsBody.parse(req.body ?? {}));
  });
  app.post<{ Params: { regionCode: string } }>('/api/v1/admin/regions/:regionCode/sites', contract({ ...c.createSite, body: SiteBody }), async (req, reply) =>
    reply.status(201).send(await createSite(deps, admin(req), req.params.regionCode, SiteBody.parse(req.body))),
  );
  app.patch<{ Params: { siteCode: string } }>('/api/v1/admin/sites/:siteCode', contract({ ...c.renameSite, body: RenameBody }), async (req) => renameSite(deps, admin(req), req.params.siteCode, RenameBody.parse(req.body)));

  // Requirement rules
  app.get<{ Querystring: { regionCode?: string } }>('/api/v1/admin/requirement-rules', async (req) =>
    listRules(deps, admin(req), { regionCode: typeof req.query.regionCode === 'string' ? req.query.regionCode : undefined }),
  );
  app.get<{ Querystring: { regionCode?: string; examCategoryCode?: string; situations?: string } }>('/api/v1/admin/requirement-rules/preview', async (req) => {
    const actor = admin(req);
    const q = z
      .object({ regionCode: z.string().min(1, '请选择考区'), examCategoryCode: z.string().min(1, '请选择报考类别'), situations: z.string().max(300).optional() })
      .parse(req.query);
    return previewRequirements(deps, actor, { regionCode: q.regionCode, examCategoryCode: q.examCategoryCode, situations: (q.situations ?? '').split(',').filter(Boolean) });
  });
  app.post('/api/v1/admin/requirement-rules', async (req, reply) => reply.status(201).send(await createRule(deps, admin(req), RuleBody.parse(req.body))));
  app.patch<{ Params: { id: string } }>('/api/v1/admin/requirement-rules/:id', async (req) => {
    const actor = admin(req);
    const id = Number(req.params.id);
    if (!Number.isSafeInteger(id) || id <= 0) throw new AppError('NOT_FOUND');
    return updateRule(deps, actor, id, RulePatchBody.parse(req.body ?? {}));
  });
  app.delete<{ Params: { id: string } }>('/api/v1/admin/requirement-rules/:id', async (req, reply) => {
    const actor = admin(req);
    const id = Number(req.params.id);
    if (!Number.isSafeInteger(id) || id <= 0) throw new AppError('NOT_FOUND');
    await deleteRule(deps, actor, id);
    return reply.status(204).send();
  });

  // Catalog
  app.get('/api/v1/admin/catalog', async (req) => getCatalog(deps, admin(req)));
  app.post('/api/v1/admin/catalog/materials', async (req, reply) => reply.status(201).send(await createMaterialCategory(deps, admin(req), MaterialBody.parse(req.body))));
  app.patch<{ Params: { code: string } }>('/api/v1/admin/catalog/materials/:code', async (req) =>
    updateMaterialCategory(deps, admin(req), req.params.code, MaterialPatchBody.parse(req.body ?? {})),
  );
  app.delete<{ Params: { code: string } }>('/api/v1/admin/catalog/materials/:code', async (req, reply) => {
    await deleteMaterialCategory(deps, admin(req), req.params.code);
    return reply.status(204).send();
  });
  app.put<{ Params: { code: string } }>('/api/v1/admin/catalog/materials/:code/example', async (req) => {
    const actor = admin(req);
    const file = await readUploadedFile(req, MAX_EXAMPLE_BYTES, () => new AppError('VALIDATION_FAILED', { reason: '示例图片不能超过 2MB，请缩小后重新上传' }));
    return setExampleImage(deps, actor, req.params.code, file.bytes);
  });
  app.delete<{ Params: { code: string } }>('/api/v1/admin/catalog/materials/:code/example', async (req) => resetExampleImage(deps, admin(req), req.params.code));
  app.post('/api/v1/admin/catalog/exam-categories', async (req, reply) => reply.status(201).send(await createExamCategory(deps, admin(req), ExamCategoryBody.parse(req.body))));
  app.patch<{ Params: { code: string } }>('/api/v1/admin/catalog/exam-categories/:code', async (req) =>
    renameExamCategory(deps, admin(req), req.params.code, RenameBody.parse(req.body)),
  );

  // Accounts
  app.get('/api/v1/admin/accounts', contract({ ...c.accounts, querystring: AccountsQuery }), async (req) => {
    const actor = admin(req);
    const q = AccountsQuery.parse(req.query);
    return listAccounts(deps, actor, { ...q, disabled: q.disabled === undefined ? undefined : q.disabled === 'true' });
  });
  app.post('/api/v1/admin/accounts', contract({ ...c.createAccount, body: AccountBody }), async (req, reply) => {
    const actor = admin(req);
    const body = AccountBody.parse(req.body);
    return reply.status(201).send(await createStaffAccount(deps, actor, { ...body, role: body.role as (typeof STAFF_ROLES)[number] }));
  });
  app.post<{ Params: { id: string } }>('/api/v1/admin/accounts/:id/disable', contract(c.disableAccount), async (req) => setAccountDisabled(deps, admin(req), req.params.id, true));
  app.post<{ Params: { id: string } }>('/api/v1/admin/accounts/:id/enable', contract(c.enableAccount), async (req) => setAccountDisabled(deps, admin(req), req.params.id, false));
  app.post<{ Params: { id: string } }>('/api/v1/admin/accounts/:id/reset-password', contract(c.resetPassword), async (req) => resetPassword(deps, admin(req), req.params.id));

  // Registration import
  app.post('/api/v1/admin/registrations/import', contract(c.importRegistrations), async (req) => {
    const actor = admin(req);
    const file = await readUploadedFile(req, MAX_IMPORT_BYTES, () => new AppError('IMPORT_FILE_TOO_LARGE', { maxBytes: MAX_IMPORT_BYTES }));
    return importRegistrations(deps, actor, { fileName: file.fileName, bytes: file.bytes });
  });
  app.get('/api/v1/admin/registrations/imports', contract(c.imports), async (req) => listImportReports(deps, admin(req)));
  for (const format of ['csv', 'xlsx'] as const) {
    app.get<{ Params: { id: string } }>(`/api/v1/admin/registrations/imports/:id/errors.${format}`, contract(format === 'csv' ? c.importErrorsCsv : c.importErrorsXlsx), async (req, reply) => {
      const actor = admin(req);
      if (!/^[0-9a-f-]{36}$/.test(req.params.id)) throw new AppError('NOT_FOUND');
      const file = await importReportFile(deps, actor, req.params.id, format);
      return reply.header('Content-Type', file.contentType).header('Content-Disposition', attachment(file.fileName)).send(file.bytes);
    });
  }
  app.get('/api/v1/admin/registrations/import-template.csv', contract(c.importTemplate), async (req, reply) => {
    admin(req);
    const header = [...IMPORT_COLUMNS, SITUATION_COLUMN].join(',');
    const sample = '2026990100101,张三,身份证,11010519491231002X,13912345678,临床执业医师,99,9901,应届毕业生';
    return reply
      .header('Content-Type', 'text/csv; charset=utf-8')
      .header('Content-Disposition', attachment('报名信息导入模板.csv'))
      .send(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${header}\r\n${sample}\r\n`, 'utf8')]));
  });
}
