import { z } from 'zod';
import { errors, IsoTime, IsoTimeOrNull, nameOf, NoContent, PathText } from './common.js';
import { DISPLAY_NAME_MAX, STAFF_ROLES, type StaffRole } from '../domain/staff-accounts.js';
import { Role } from './auth.js';
import { named } from './registry.js';
import { AnnouncementEnvelope } from './candidate.js';

/**
 * /api/v1/admin (administrators only; others get 404): regions and sites, accounts, the
 * registration import — requests, responses and documentation. The catalog and the
 * requirement rules: catalog.ts.
 */

// Requests (joined to the contracts below at registration, admin-routes.ts).
const time = z.union([z.iso.datetime({ offset: true, message: '须为带时区的 ISO 8601 时间，如 2026-03-01T09:00:00+08:00' }), z.null()]);
const code = (label: string) => z.string().trim().min(1, `请填写${label}`).max(40);

export const RegionSettingsBody = z
  .object({
    uploadEnabled: z.boolean().optional(),
    uploadOpensAt: time.optional(),
    uploadClosesAt: time.optional(),
    reviewOpensAt: time.optional(),
    reviewClosesAt: time.optional(),
  })
  .strict();
export const RegionBody = z.object({ code: code('考区代码'), name: nameOf('考区名称') }).strict();
export const SiteBody = z.object({ code: code('考点代码'), name: nameOf('考点名称') }).strict();

export const AccountBody = z
  .object({
    username: z.string().trim().min(3, '用户名至少 3 位').max(32, '用户名最多 32 位'),
    displayName: z.string().trim().min(1, '请填写姓名/名称').max(DISPLAY_NAME_MAX, `姓名/名称最多 ${DISPLAY_NAME_MAX} 个字`),
    role: z.enum(STAFF_ROLES as unknown as [StaffRole, ...StaffRole[]], { message: '角色须为考点审核员、考区审核员或管理员' }),
    regionCode: z.string().trim().max(10).nullable().optional(),
    siteCode: z.string().trim().max(10).nullable().optional(),
  })
  .strict();
export type NewAccount = z.input<typeof AccountBody>;
export const AccountsQuery = z.object({
  role: z.string().max(20).optional(),
  q: z.string().max(50).optional(),
  disabled: z.enum(['true', 'false']).optional(),
  page: z.coerce.number().int().min(1).max(100_000).optional(),
  pageSize: z.coerce.number().int().min(1).max(100).optional(),
});

/** An https link only: the card opens it for candidates, so nothing that runs script or downgrades. */
const HttpsLink = z
  .string()
  .trim()
  .max(500)
  .refine((v) => {
    try {
      const u = new URL(v);
      return u.protocol === 'https:' && !u.username && !u.password;
    } catch {
      return false;
    }
  }, '链接须以 https:// 开头');

export const AnnouncementBody = z.object({
  title: z.string().trim().min(1, '请填写标题').max(50, '标题最多 50 个字'),
  body: z.string().trim().min(1, '请填写内容').max(1000, '内容最多 1000 个字'),
  link: z.union([HttpsLink, z.literal(''), z.null()]).optional(),
});
export type AnnouncementBody = z.infer<typeof AnnouncementBody>;

export const RegionSettings = named(
  'RegionSettings',
  z.object({
    code: z.string(),
    name: z.string(),
    uploadEnabled: z.boolean(),
    uploadOpensAt: IsoTimeOrNull,
    uploadClosesAt: IsoTimeOrNull,
    reviewOpensAt: IsoTimeOrNull,
    reviewClosesAt: IsoTimeOrNull,
    uploadOpenNow: z.boolean().describe('what candidates see now: switched on and inside the window'),
    reviewOpenNow: z.boolean(),
  }),
);
export type RegionSettings = z.infer<typeof RegionSettings>;
export const SiteItem = z.object({ code: z.string(), name: z.string(), candidateCount: z.number().int() });
export type SiteItem = z.infer<typeof SiteItem>;
export const RegionItem = RegionSettings.extend({ candidateCount: z.number().int(), sites: z.array(SiteItem) });
export type RegionItem = z.infer<typeof RegionItem>;
export const RegionList = z.object({ items: z.array(RegionItem), canCreateRegion: z.boolean() });
export type RegionList = z.infer<typeof RegionList>;

export const Account = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: Role,
  roleLabel: z.string(),
  regionCode: z.string().nullable(),
  siteCode: z.string().nullable(),
  disabled: z.boolean(),
  mustChangePassword: z.boolean(),
  createdAt: IsoTime,
});
export type Account = z.infer<typeof Account>;
export type AccountRole = z.infer<typeof Role>;
export const AccountPage = z.object({ items: z.array(Account), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
export type AccountPage = z.infer<typeof AccountPage>;

export const RowProblem = z.object({
  row: z.number().int().describe('line of the file (CSV) or sheet row (xlsx); the header is 1'),
  column: z.string().describe('header name of the column, empty for the whole row'),
  code: z.string().describe('e.g. ID_NUMBER_CHECK_DIGIT, PHONE_INVALID, EXAM_CATEGORY_UNKNOWN, SITE_NOT_IN_REGION, DUPLICATE_REGISTRATION_NO, REGION_OUT_OF_SCOPE'),
  message: z.string(),
});
export type RowProblem = z.infer<typeof RowProblem>;
export const ImportResult = z.object({
  reportId: z.string(),
  fileName: z.string(),
  format: z.enum(['csv', 'xlsx']),
  encoding: z.string(),
  totalRows: z.number().int(),
  imported: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  rejectedRows: z.number().int(),
  rejected: z.array(RowProblem),
  returnedToDraft: z.number().int().describe('registrations that went back to 填报 because what they must upload changed'),
  reportUrl: z.string().nullable(),
});
export type ImportResult = z.infer<typeof ImportResult>;
export const ImportHistoryItem = z.object({
  id: z.string(),
  fileName: z.string(),
  format: z.string(),
  importedBy: z.string(),
  regionScope: z.string().nullable(),
  totalRows: z.number().int(),
  imported: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  rejectedRows: z.number().int(),
  createdAt: IsoTime,
  reportUrl: z.string().nullable(),
});
export type ImportHistoryItem = z.infer<typeof ImportHistoryItem>;
export const ImportHistory = z.object({ items: z.array(ImportHistoryItem) });
export type ImportHistory = z.infer<typeof ImportHistory>;

const tags = ['admin'];
const scoped = { 404: "NOT_FOUND: outside the caller's scope (the attempt is logged), or no such object" };
const region = z.object({ regionCode: PathText });
const account = z.object({ id: PathText });
const file = (type: string, description: string) => ({ description, content: { [type]: { schema: z.any().describe(description) } } });
export const AccountWithPassword = z.object({ account: Account, temporaryPassword: z.string().nullable() });
export type AccountWithPassword = z.infer<typeof AccountWithPassword>;
export const PasswordReset = AccountWithPassword.extend({ passwordHint: z.string() });
export type PasswordReset = z.infer<typeof PasswordReset>;
export const UploadImpact = z.object({ regionCode: z.string(), candidates: z.number().int(), stillUploading: z.number().int() });
export type UploadImpact = z.infer<typeof UploadImpact>;
export const SiteCreated = SiteItem.extend({ regionCode: z.string() });
export type SiteCreated = z.infer<typeof SiteCreated>;
export const SiteRenamed = z.object({ code: z.string(), name: z.string(), regionCode: z.string() });
export type SiteRenamed = z.infer<typeof SiteRenamed>;

export const adminContracts = {
  regions: { tags, summary: 'Regions (考区) in scope with their settings and sites', response: { 200: RegionList } },
  createRegion: {
    tags, summary: 'New region (national administrators)',
    response: { 201: RegionSettings, ...errors({ 409: 'CODE_TAKEN', 422: 'VALIDATION_FAILED', ...scoped }) },
  },
  renameRegion: {
    tags, summary: 'Rename a region', params: region,
    response: { 200: RegionSettings, ...errors({ 422: 'VALIDATION_FAILED', ...scoped }) },
  },
  settings: { tags, summary: 'Upload switch and windows of a region', params: region, response: { 200: RegionSettings, ...errors(scoped) } },
  updateSettings: {
    tags, summary: 'Change the upload switch and the upload/review windows (fields not sent stay; null clears a time). Candidates see it on their next request.',
    params: region,
    response: { 200: RegionSettings, ...errors({ 422: 'VALIDATION_FAILED: closes before opens, bad date', ...scoped }) },
  },
  createSite: {
    tags, summary: 'New site (考点) in a region; code = region code + 2 digits', params: region,
    response: { 201: SiteCreated, ...errors({ 409: 'CODE_TAKEN', 422: 'VALIDATION_FAILED', ...scoped }) },
  },
  renameSite: {
    tags, summary: 'Rename a site', params: z.object({ siteCode: PathText }),
    response: { 200: SiteRenamed, ...errors({ 422: 'VALIDATION_FAILED', ...scoped }) },
  },
  accounts: {
    tags, summary: 'Accounts in scope: staff by default, candidates with role=candidate',
    response: { 200: AccountPage, ...errors({ 422: 'VALIDATION_FAILED' }) },
  },
  createAccount: {
    tags, summary: 'New reviewer or administrator; answers a temporary password (shown once) that must be changed at first login',
    response: { 201: AccountWithPassword, ...errors({ 409: 'USERNAME_TAKEN', 422: 'VALIDATION_FAILED', ...scoped }) },
  },
  disableAccount: { tags, summary: 'Disable an account; its sessions end at once', params: account, response: { 200: Account, ...errors({ 409: 'OWN_ACCOUNT', ...scoped }) } },
  enableAccount: { tags, summary: 'Re-enable an account', params: account, response: { 200: Account, ...errors({ 409: 'OWN_ACCOUNT', ...scoped }) } },
  resetPassword: {
    tags, summary: 'New first password, to be changed at next login; sessions end. Staff: random temporary password; candidate: back to the last six characters of the ID number',
    params: account,
    response: { 200: PasswordReset, ...errors({ 409: 'OWN_ACCOUNT', ...scoped }) },
  },
  importRegistrations: {
    tags, summary: 'Import registrations (CSV: UTF-8 with/without BOM, GBK, UTF-16 with BOM; or xlsx), header 报名号,姓名,证件类型,证件号码,手机号,报考类别,考区代码,考点代码[,个人情况]; at most 31457280 bytes; good rows stored (upsert by 报名号), bad rows listed',
    consumes: ['multipart/form-data'],
    response: { 200: ImportResult, ...errors({ 413: 'IMPORT_FILE_TOO_LARGE', 415: 'IMPORT_UNSUPPORTED_FILE', 422: 'IMPORT_HEADER_INVALID' }) },
  },
  imports: { tags, summary: 'Recent imports in scope', response: { 200: ImportHistory } },
  importErrorsCsv: {
    tags, summary: 'The rejected rows with 原行号 and 错误说明 (UTF-8 with BOM)', params: z.object({ id: PathText }),
    response: { 200: file('text/csv', 'CSV'), ...errors(scoped) },
  },
  importErrorsXlsx: {
    tags, summary: 'The same report as xlsx (text cells)', params: z.object({ id: PathText }),
    response: { 200: file('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'xlsx'), ...errors(scoped) },
  },
  importTemplate: { tags, summary: 'Import template with a sample row', response: { 200: file('text/csv', 'CSV') } },
  announcement: { tags, summary: "The region's 公告", params: region, response: { 200: AnnouncementEnvelope, ...errors(scoped) } },
  publishAnnouncement: {
    tags, summary: "Publish the region's 公告 (https links only)", params: region, body: AnnouncementBody,
    response: { 200: AnnouncementEnvelope, ...errors({ 422: 'VALIDATION_FAILED', ...scoped }) },
  },
  withdrawAnnouncement: { tags, summary: "Withdraw the region's 公告", params: region, response: { 204: NoContent('Withdrawn'), ...errors(scoped) } },
  uploadImpact: {
    tags, summary: 'How many candidates switching upload off for the region affects', params: region,
    response: { 200: UploadImpact, ...errors(scoped) },
  },
};
