import { z } from 'zod';
import {
  ExamCategoryBody, MaterialBody, MaterialPatchBody, MAX_EXAMPLE_BYTES, RenameBody, RuleBody, RulePatchBody,
} from './routes/admin-routes.js';
import { SiteRuleBody } from './routes/site-rule-routes.js';

/** Hand-written OpenAPI of the administration routes without a contract yet: requirement rules and the catalog (see openapi.ts). */
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

export function adminPaths() {
  return {
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
    '/api/v1/admin/sites/{siteCode}/requirement-rules': {
      get: {
        tags,
        summary: '考点 rules of a site: its own rules, the region/national required rules they add to, and the form\'s choices. Open to the site\'s 考点审核员, its region\'s administrator and national administrators',
        parameters: [path('siteCode')],
        responses: { 200: ok('{site, items, inherited, choices}'), ...scoped },
      },
      post: {
        tags,
        summary: 'New 考点 rule: makes a material required for the site\'s candidates (optionally for one exam category / situation), with an optional higher maximum and extra text. It can only add: the site\'s candidates whose required set changes are refreshed at once, a passed file goes back to 填报 (candidate notified)',
        parameters: [path('siteCode')],
        requestBody: json(SiteRuleBody),
        responses: {
          201: ok('Rule with affected: {candidates, backToDraft}'),
          409: err('RULE_EXISTS'),
          422: err('SITE_RULE_RELAXES: requirement other than required, or a maximum below the category\'s minimum; VALIDATION_FAILED'),
          ...scoped,
        },
      },
    },
    '/api/v1/admin/sites/{siteCode}/requirement-rules/{id}': {
      delete: { tags, summary: 'Remove a 考点 rule; the site\'s candidates are refreshed like on adding', parameters: [path('siteCode'), path('id')], responses: { 200: ok('{affected: {candidates, backToDraft}}'), ...scoped } },
    },
    '/api/v1/admin/sites/{siteCode}/requirement-rules/preview': {
      get: {
        tags,
        summary: 'The material list a candidate of this site, exam category and situations gets (national, region and 考点 rules)',
        parameters: [path('siteCode'), query('examCategoryCode', 'exam category code'), query('situations', 'situation codes, comma-separated')],
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
  };
}
