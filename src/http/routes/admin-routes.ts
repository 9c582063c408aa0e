import type { FastifyInstance, FastifyRequest } from 'fastify';
import { readUploadedFile } from '../read-uploaded-file.js';
import type { Deps } from '../../services/deps.js';
import { AppError } from '../../domain/errors.js';
import { IMPORT_COLUMNS, SITUATION_COLUMN } from '../../domain/registration-import.js';
import { createRegion, createSite, getRegionSettings, listRegions, renameRegion, renameSite, updateRegionSettings } from '../../services/configure-region.js';
import { createStaffAccount, listAccounts, resetPassword, setAccountDisabled } from '../../services/manage-accounts.js';
import { importRegistrations } from '../../services/import-registrations.js';
import { importReportFile, listImportReports } from '../../services/import-reports.js';
import { requireActor } from '../request-context.js';
import { AccountBody, AccountsQuery, adminContracts as c, RegionBody, RegionSettingsBody, SiteBody } from '../../contracts/admin.js';
import { RenameBody } from '../../contracts/common.js';

/**
 * /api/v1/admin: regions and sites, accounts and the registration import (the catalog and
 * requirement rules: catalog-routes.ts). Administrators only (others get 404, as for any route outside
 * their audience); the services confine a regional administrator to its region.
 */
export const MAX_IMPORT_BYTES = 30 * 1024 * 1024;

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

  // Accounts
  app.get('/api/v1/admin/accounts', contract({ ...c.accounts, querystring: AccountsQuery }), async (req) => {
    const actor = admin(req);
    const q = AccountsQuery.parse(req.query);
    return listAccounts(deps, actor, { ...q, disabled: q.disabled === undefined ? undefined : q.disabled === 'true' });
  });
  app.post('/api/v1/admin/accounts', contract({ ...c.createAccount, body: AccountBody }), async (req, reply) => {
    const actor = admin(req);
    const body = AccountBody.parse(req.body);
    return reply.status(201).send(await createStaffAccount(deps, actor, body));
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
