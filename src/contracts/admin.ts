import { z } from 'zod';
import { errors, IsoTime, IsoTimeOrNull, NoContent, PathText } from './common.js';
import { Role } from './auth.js';
import { named } from './registry.js';
import { AnnouncementEnvelope } from './candidate.js';
import { AnnouncementBody } from '../services/region-announcement.js';

/**
 * /api/v1/admin (administrators only; others get 404): regions and sites, accounts, the
 * registration import — responses and documentation. Their request schemas are still beside
 * the routes (admin-routes.ts, which others are changing) and joined at registration.
 * Requirement rules and the catalog are not converted yet (hand-written in openapi-admin.ts).
 */

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

const tags = ['admin'];
const scoped = { 404: "NOT_FOUND: outside the caller's scope (the attempt is logged), or no such object" };
const region = z.object({ regionCode: PathText });
const account = z.object({ id: PathText });
const file = (type: string, description: string) => ({ description, content: { [type]: { schema: z.any().describe(description) } } });
const AccountWithPassword = z.object({ account: Account, temporaryPassword: z.string().nullable() });

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
    response: { 201: SiteItem.extend({ regionCode: z.string() }), ...errors({ 409: 'CODE_TAKEN', 422: 'VALIDATION_FAILED', ...scoped }) },
  },
  renameSite: {
    tags, summary: 'Rename a site', params: z.object({ siteCode: PathText }),
    response: { 200: z.object({ code: z.string(), name: z.string(), regionCode: z.string() }), ...errors({ 422: 'VALIDATION_FAILED', ...scoped }) },
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
    response: { 200: AccountWithPassword.extend({ passwordHint: z.string() }), ...errors({ 409: 'OWN_ACCOUNT', ...scoped }) },
  },
  importRegistrations: {
    tags, summary: 'Import registrations (CSV: UTF-8 with/without BOM, GBK, UTF-16 with BOM; or xlsx), header 报名号,姓名,证件类型,证件号码,手机号,报考类别,考区代码,考点代码[,个人情况]; at most 31457280 bytes; good rows stored (upsert by 报名号), bad rows listed',
    consumes: ['multipart/form-data'],
    response: { 200: ImportResult, ...errors({ 413: 'IMPORT_FILE_TOO_LARGE', 415: 'IMPORT_UNSUPPORTED_FILE', 422: 'IMPORT_HEADER_INVALID' }) },
  },
  imports: { tags, summary: 'Recent imports in scope', response: { 200: z.object({ items: z.array(ImportHistoryItem) }) } },
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
    response: { 200: z.object({ regionCode: z.string(), candidates: z.number().int(), stillUploading: z.number().int() }), ...errors(scoped) },
  },
};
