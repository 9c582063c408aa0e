import { z } from 'zod';
import {
  AccountBody, ExamCategoryBody, MaterialBody, MaterialPatchBody, MAX_EXAMPLE_BYTES, MAX_IMPORT_BYTES, RegionBody, RegionSettingsBody, RenameBody, RuleBody, RulePatchBody, SiteBody,
} from './routes/admin-routes.js';

/** The administration and hand-off part of the published OpenAPI document (see openapi.ts). */
const json = (schema: z.ZodType) => ({ content: { 'application/json': { schema: z.toJSONSchema(schema, { io: 'input' }) } } });
const ref = (name: string) => ({ content: { 'application/json': { schema: { $ref: `#/components/schemas/${name}` } } } });
const err = (description: string) => ({ description, ...ref('Error') });
const ok = (description: string) => ({ description, content: { 'application/json': { schema: { type: 'object' } } } });
const path = (name: string, description?: string) => ({ name, in: 'path', required: true, schema: { type: 'string' }, ...(description ? { description } : {}) });
const query = (name: string, description: string) => ({ name, in: 'query', required: false, schema: { type: 'string' }, description });
const fileBody = (description: string) => ({
  content: { 'multipart/form-data': { schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary', description } } } } },
});
const scoped = { 404: err('NOT_FOUND: outside the caller\'s scope (the attempt is logged), or no such object') };
const tags = ['admin'];

const settings = {
  type: 'object',
  properties: {
    code: { type: 'string' }, name: { type: 'string' }, uploadEnabled: { type: 'boolean' },
    uploadOpensAt: { type: ['string', 'null'], format: 'date-time' }, uploadClosesAt: { type: ['string', 'null'], format: 'date-time' },
    reviewOpensAt: { type: ['string', 'null'], format: 'date-time' }, reviewClosesAt: { type: ['string', 'null'], format: 'date-time' },
    uploadOpenNow: { type: 'boolean' }, reviewOpenNow: { type: 'boolean' },
  },
};
const problem = {
  type: 'object',
  required: ['row', 'column', 'code', 'message'],
  properties: {
    row: { type: 'integer', description: 'line of the file (CSV) or sheet row (xlsx); the header is 1' },
    column: { type: 'string', description: 'header name of the column, empty for the whole row' },
    code: { type: 'string', description: 'e.g. ID_NUMBER_CHECK_DIGIT, PHONE_INVALID, EXAM_CATEGORY_UNKNOWN, SITE_NOT_IN_REGION, DUPLICATE_REGISTRATION_NO, REGION_OUT_OF_SCOPE' },
    message: { type: 'string' },
  },
};

export function adminPaths() {
  return {
    '/api/v1/admin/regions': {
      get: { tags, summary: 'Regions (考区) in scope with their settings and sites', responses: { 200: ok('{items, canCreateRegion}') } },
      post: { tags, summary: 'New region (national administrators)', requestBody: json(RegionBody), responses: { 201: { description: 'Settings', content: { 'application/json': { schema: settings } } }, 409: err('CODE_TAKEN'), 422: err('VALIDATION_FAILED'), ...scoped } },
    },
    '/api/v1/admin/regions/{regionCode}': {
      patch: { tags, summary: 'Rename a region', parameters: [path('regionCode')], requestBody: json(RenameBody), responses: { 200: ok('Settings'), 422: err('VALIDATION_FAILED'), ...scoped } },
    },
    '/api/v1/admin/regions/{regionCode}/settings': {
      get: { tags, summary: 'Upload switch and windows of a region', parameters: [path('regionCode')], responses: { 200: { description: 'Settings', content: { 'application/json': { schema: settings } } }, ...scoped } },
      put: {
        tags,
        summary: 'Change the upload switch and the upload/review windows (fields not sent stay; null clears a time). Candidates see it on their next request.',
        parameters: [path('regionCode')],
        requestBody: json(RegionSettingsBody),
        responses: { 200: { description: 'Settings', content: { 'application/json': { schema: settings } } }, 422: err('VALIDATION_FAILED: closes before opens, bad date'), ...scoped },
      },
    },
    '/api/v1/admin/regions/{regionCode}/sites': {
      post: { tags, summary: 'New site (考点) in a region; code = region code + 2 digits', parameters: [path('regionCode')], requestBody: json(SiteBody), responses: { 201: ok('Site'), 409: err('CODE_TAKEN'), 422: err('VALIDATION_FAILED'), ...scoped } },
    },
    '/api/v1/admin/sites/{siteCode}': {
      patch: { tags, summary: 'Rename a site', parameters: [path('siteCode')], requestBody: json(RenameBody), responses: { 200: ok('Site'), ...scoped } },
    },
    '/api/v1/admin/requirement-rules': {
      get: { tags, summary: 'National requirement rules, plus a region\'s overrides with ?regionCode=', parameters: [query('regionCode', 'region whose overrides to include')], responses: { 200: ok('{items}'), ...scoped } },
      post: {
        tags,
        summary: 'New rule: regionCode null = national default (national administrators); null examCategoryCode/situation = any',
        requestBody: json(RuleBody),
        responses: { 201: ok('Rule'), 409: err('RULE_EXISTS'), 422: err('VALIDATION_FAILED'), ...scoped },
      },
    },
    '/api/v1/admin/requirement-rules/{id}': {
      patch: { tags, summary: 'Change a rule\'s requirement, maximum count or extra text', parameters: [path('id')], requestBody: json(RulePatchBody), responses: { 200: ok('Rule'), 422: err('VALIDATION_FAILED'), ...scoped } },
      delete: { tags, summary: 'Delete a rule', parameters: [path('id')], responses: { 204: { description: 'Deleted' }, ...scoped } },
    },
    '/api/v1/admin/requirement-rules/preview': {
      get: {
        tags,
        summary: 'The material list a candidate of this region, exam category and situations gets',
        parameters: [query('regionCode', 'region'), query('examCategoryCode', 'exam category code'), query('situations', 'situation codes, comma-separated')],
        responses: { 200: ok('{items, hidden}'), ...scoped },
      },
    },
    '/api/v1/admin/catalog': { get: { tags, summary: 'Material categories, exam categories, situations, ID types', responses: { 200: ok('Catalog') } } },
    '/api/v1/admin/catalog/materials': {
      post: { tags, summary: 'New material category (national)', requestBody: json(MaterialBody), responses: { 201: ok('Material'), 409: err('CODE_TAKEN'), 422: err('VALIDATION_FAILED'), ...scoped } },
    },
    '/api/v1/admin/catalog/materials/{code}': {
      patch: { tags, summary: 'Change name, requirement text, counts, order (national)', parameters: [path('code')], requestBody: json(MaterialPatchBody), responses: { 200: ok('Material'), 422: err('VALIDATION_FAILED'), ...scoped } },
      delete: { tags, summary: 'Delete a category no one uploaded to (national)', parameters: [path('code')], responses: { 204: { description: 'Deleted' }, 409: err('CATEGORY_IN_USE'), ...scoped } },
    },
    '/api/v1/admin/catalog/materials/{code}/example': {
      put: {
        tags,
        summary: `Upload the example image (示例): jpg/png, at most ${MAX_EXAMPLE_BYTES} bytes, checked like an upload, stored without watermark; served at /api/v1/catalog/examples/{code}.png instead of the built-in drawing`,
        parameters: [path('code')],
        requestBody: fileBody('jpg or png'),
        responses: { 200: ok('Material'), 415: err('UNSUPPORTED_FORMAT'), 422: err('INVALID_IMAGE'), ...scoped },
      },
      delete: { tags, summary: 'Back to the built-in example drawing', parameters: [path('code')], responses: { 200: ok('Material'), ...scoped } },
    },
    '/api/v1/admin/catalog/exam-categories': {
      post: { tags, summary: 'New exam category (national)', requestBody: json(ExamCategoryBody), responses: { 201: ok('Exam category'), 409: err('CODE_TAKEN'), 422: err('VALIDATION_FAILED'), ...scoped } },
    },
    '/api/v1/admin/catalog/exam-categories/{code}': {
      patch: { tags, summary: 'Rename an exam category (national)', parameters: [path('code')], requestBody: json(RenameBody), responses: { 200: ok('Exam category'), 409: err('CODE_TAKEN'), ...scoped } },
    },
    '/api/v1/admin/accounts': {
      get: {
        tags,
        summary: 'Accounts in scope: staff by default, candidates with role=candidate',
        parameters: [query('role', 'site_reviewer | region_reviewer | admin | candidate'), query('q', 'user name or name'), query('disabled', 'true | false'), query('page', '1…'), query('pageSize', '1–100')],
        responses: { 200: ok('{items, total, page, pageSize}') },
      },
      post: {
        tags,
        summary: 'New reviewer or administrator; answers a temporary password (shown once) that must be changed at first login',
        requestBody: json(AccountBody),
        responses: { 201: ok('{account, temporaryPassword}'), 409: err('USERNAME_TAKEN'), 422: err('VALIDATION_FAILED'), ...scoped },
      },
    },
    '/api/v1/admin/accounts/{id}/disable': { post: { tags, summary: 'Disable an account; its sessions end at once', parameters: [path('id')], responses: { 200: ok('Account'), 409: err('OWN_ACCOUNT'), ...scoped } } },
    '/api/v1/admin/accounts/{id}/enable': { post: { tags, summary: 'Re-enable an account', parameters: [path('id')], responses: { 200: ok('Account'), 409: err('OWN_ACCOUNT'), ...scoped } } },
    '/api/v1/admin/accounts/{id}/reset-password': {
      post: {
        tags,
        summary: 'New first password, to be changed at next login; sessions end. Staff: random temporary password; candidate: back to the last six characters of the ID number',
        parameters: [path('id')],
        responses: { 200: ok('{account, temporaryPassword, passwordHint}'), 409: err('OWN_ACCOUNT'), ...scoped },
      },
    },
    '/api/v1/admin/registrations/import': {
      post: {
        tags,
        summary: `Import registrations (CSV: UTF-8 with/without BOM, GBK, UTF-16 with BOM; or xlsx), header 报名号,姓名,证件类型,证件号码,手机号,报考类别,考区代码,考点代码[,个人情况]; at most ${MAX_IMPORT_BYTES} bytes`,
        requestBody: fileBody('CSV or xlsx'),
        responses: {
          200: {
            description: 'Good rows stored (upsert by 报名号), bad rows listed',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['imported', 'updated', 'rejected'],
                  properties: {
                    imported: { type: 'integer' }, updated: { type: 'integer' }, unchanged: { type: 'integer' }, rejectedRows: { type: 'integer' },
                    returnedToDraft: { type: 'integer' }, totalRows: { type: 'integer' }, reportId: { type: 'string' }, reportUrl: { type: ['string', 'null'] },
                    format: { type: 'string', enum: ['csv', 'xlsx'] }, encoding: { type: 'string' },
                    rejected: { type: 'array', items: problem },
                  },
                },
              },
            },
          },
          413: err('IMPORT_FILE_TOO_LARGE'), 415: err('IMPORT_UNSUPPORTED_FILE'), 422: err('IMPORT_HEADER_INVALID'),
        },
      },
    },
    '/api/v1/admin/registrations/imports': { get: { tags, summary: 'Recent imports in scope', responses: { 200: ok('{items}') } } },
    '/api/v1/admin/registrations/imports/{id}/errors.csv': {
      get: { tags, summary: 'The rejected rows with 原行号 and 错误说明 (UTF-8 with BOM)', parameters: [path('id')], responses: { 200: { description: 'text/csv', content: { 'text/csv': {} } }, ...scoped } },
    },
    '/api/v1/admin/registrations/imports/{id}/errors.xlsx': {
      get: { tags, summary: 'The same report as xlsx (text cells)', parameters: [path('id')], responses: { 200: { description: 'xlsx', content: { 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {} } }, ...scoped } },
    },
    '/api/v1/admin/registrations/import-template.csv': { get: { tags, summary: 'Import template with a sample row', responses: { 200: { description: 'text/csv', content: { 'text/csv': {} } } } } },
  };
}
