import { z } from 'zod';
import { LoginBody, PasswordBody } from './routes/auth-routes.js';
import { ActivateBody } from './routes/candidate-routes.js';
import { ERRORS } from '../domain/errors.js';
import { adminPaths } from './openapi-admin.js';
import { reviewStaffPaths } from './openapi-review-staff.js';

const json = (schema: z.ZodType) => ({ content: { 'application/json': { schema: z.toJSONSchema(schema, { io: 'input' }) } } });
const ref = (name: string) => ({ content: { 'application/json': { schema: { $ref: `#/components/schemas/${name}` } } } });
const err = (description: string) => ({ description, ...ref('Error') });

const named = { $ref: '#/components/schemas/Named' };
/** The published contract: shared/API.md's fixed part plus this server's own calls. */
export function buildOpenApi() {
  return {
    openapi: '3.1.0',
    info: {
      title: '国家医学考试 报名材料上传与两级审核 API',
      version: '1.0.0',
      description: 'Errors: {"error":{"code","message","details"}}; message in zh-CN, or English with Accept-Language: en. Mutating calls with the session cookie need X-CSRF-Token.',
    },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'sid' },
        csrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token' },
      },
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: { code: { type: 'string', enum: Object.keys(ERRORS) }, message: { type: 'string' }, details: { type: 'object' } },
            },
          },
        },
        Named: { type: 'object', properties: { code: { type: 'string' }, name: { type: 'string' } } },
        User: {
          type: 'object',
          required: ['id', 'username', 'role', 'displayName', 'mustChangePassword'],
          properties: {
            id: { type: 'string' }, username: { type: 'string' },
            role: { type: 'string', enum: ['candidate', 'site_reviewer', 'region_reviewer', 'admin'] },
            displayName: { type: 'string' }, regionCode: { type: 'string' }, siteCode: { type: 'string' }, mustChangePassword: { type: 'boolean' },
          },
        },
        Registration: {
          type: 'object',
          properties: {
            registrationNo: { type: 'string' }, name: { type: 'string' }, idNumberMasked: { type: 'string' }, phoneMasked: { type: 'string' },
            year: { type: 'integer' }, examCategory: named, region: named, site: named,
            status: { type: 'string', enum: ['draft', 'returned', 'site_approved', 'approved', 'rejected'] }, statusLabel: { type: 'string' },
            uploadEnabled: { type: 'boolean' }, uploadOpensAt: { type: ['string', 'null'], format: 'date-time' }, uploadClosesAt: { type: ['string', 'null'], format: 'date-time' },
            activated: { type: 'boolean' }, situations: { type: 'array', items: { type: 'string' } },
          },
        },
        Image: {
          type: 'object',
          properties: {
            id: { type: 'string' }, categoryCode: { type: 'string' }, url: { type: 'string' }, thumbnailUrl: { type: 'string' },
            state: { type: 'string', enum: ['pending', 'approved', 'replace_requested'] }, locked: { type: 'boolean' },
            lockReason: { type: ['string', 'null'], enum: ['approved', 'under_review', 'final', 'upload_closed', null] },
            reason: { type: ['string', 'null'] }, width: { type: 'integer' }, height: { type: 'integer' }, bytes: { type: 'integer' }, uploadedAt: { type: 'string', format: 'date-time' },
            signals: {
              type: 'object',
              description: 'Machine signals at upload (docs/SIGNALS.md); duplicates in the review detail only',
              properties: {
                blurry: { type: 'boolean' }, dark: { type: 'boolean' }, glare: { type: 'boolean' },
                duplicates: { type: 'array', items: { type: 'object', properties: { imageId: { type: 'string' }, sameCandidate: { type: 'boolean' }, registrationNo: { type: 'string', description: 'only when in the reviewer\'s scope' } } } },
              },
            },
          },
        },
        Materials: {
          type: 'object',
          properties: {
            status: { type: 'string' }, statusLabel: { type: 'string' }, underReview: { type: 'boolean' }, uploadEnabled: { type: 'boolean' },
            claimedUntil: { type: ['string', 'null'], format: 'date-time', description: 'a reviewer holds the file (images locked) until this time at most' },
            uploadWindowState: { type: 'string', enum: ['open', 'not_open', 'closed', 'off'] },
            lateFixesOpen: { type: 'boolean', description: 'after the upload deadline a returned candidate may still replace flagged images and add requested categories, until reviewClosesAt' },
            todo: {
              type: 'array',
              description: 'what the candidate still has to do, in page order; never empty while a replace_requested image remains',
              items: {
                type: 'object', required: ['kind', 'categoryCode'],
                properties: { kind: { type: 'string', enum: ['missing', 'replace', 'requested'] }, categoryCode: { type: 'string' }, imageId: { type: 'string' }, reason: { type: 'string' } },
              },
            },
            requestedCategories: { type: 'array', items: { type: 'object', properties: { categoryCode: { type: 'string' }, reason: { type: 'string' }, level: { type: 'string' }, requestedAt: { type: 'string', format: 'date-time' } } } },
            reviewComments: { type: 'array', items: { type: 'object', properties: { level: { type: 'string', enum: ['site', 'region'] }, outcome: { type: 'string' }, comment: { type: 'string' }, at: { type: 'string', format: 'date-time' } } } },
            categories: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  code: { type: 'string' }, name: { type: 'string' }, requirements: { type: 'string' }, nameEn: { type: ['string', 'null'] }, requirementsEn: { type: ['string', 'null'] }, exampleImageUrl: { type: 'string' },
                  required: { type: 'boolean' }, minCount: { type: 'integer' }, maxCount: { type: 'integer' },
                  images: { type: 'array', items: { $ref: '#/components/schemas/Image' } },
                },
              },
            },
            otherImages: { type: 'array', items: { $ref: '#/components/schemas/Image' } },
          },
        },
      },
    },
    security: [{ session: [] }],
    paths: {
      '/api/v1/auth/login': {
        post: {
          summary: 'Log in (candidates with their 报名号); sets the httpOnly session cookie', security: [],
          requestBody: json(LoginBody),
          responses: {
            200: { description: 'Logged in', content: { 'application/json': { schema: { type: 'object', properties: { user: { $ref: '#/components/schemas/User' }, csrfToken: { type: 'string' } } } } } },
            401: err('INVALID_CREDENTIALS'), 429: err('TOO_MANY_ATTEMPTS'),
          },
        },
      },
      '/api/v1/auth/logout': { post: { summary: 'Log out', responses: { 204: { description: 'Logged out' } } } },
      '/api/v1/auth/me': { get: { summary: 'The current user and its CSRF token', responses: { 200: { description: 'OK' }, 401: err('UNAUTHENTICATED') } } },
      '/api/v1/auth/password': { post: { summary: 'Change password', requestBody: json(PasswordBody), responses: { 204: { description: 'Changed' }, 401: err('INVALID_CREDENTIALS'), 422: err('WEAK_PASSWORD'), 429: err('TOO_MANY_ATTEMPTS') } } },
      '/api/v1/candidate/activate': { post: { summary: '激活用户: accept the consent once', requestBody: json(ActivateBody), responses: { 200: { description: 'Registration', ...ref('Registration') } } } },
      '/api/v1/candidate/registration': { get: { summary: '报名信息', responses: { 200: { description: 'Registration', ...ref('Registration') } } } },
      '/api/v1/candidate/materials': { get: { summary: 'Material list with images and review comments', responses: { 200: { description: 'Materials', ...ref('Materials') }, 403: err('ACTIVATION_REQUIRED') } } },
      '/api/v1/candidate/materials/{categoryCode}/images': {
        post: {
          summary: 'Upload one image (jpg/png, ≤ 204800 bytes); saved at once, watermarked',
          parameters: [
            { name: 'categoryCode', in: 'path', required: true, schema: { type: 'string' } },
            { name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', maxLength: 200 } },
          ],
          requestBody: { content: { 'multipart/form-data': { schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } } } },
          responses: {
            201: { description: 'Stored image', ...ref('Image') },
            403: err('UPLOAD_DISABLED / ACTIVATION_REQUIRED'), 404: err('CATEGORY_NOT_FOUND'), 409: err('CATEGORY_FULL'),
            413: err('FILE_TOO_LARGE'), 415: err('UNSUPPORTED_FORMAT'), 422: err('INVALID_IMAGE / IDEMPOTENCY_KEY_REUSED'), 423: err('MATERIALS_LOCKED'),
            400: err('UPLOAD_INCOMPLETE'), 503: err('STORAGE_UNAVAILABLE'), 507: err('STORAGE_FULL'),
          },
        },
      },
      '/api/v1/candidate/materials/images/{imageId}': {
        delete: { summary: 'Delete one of one\'s own unlocked images', parameters: [{ name: 'imageId', in: 'path', required: true, schema: { type: 'string' } }], responses: { 204: { description: 'Deleted' }, 404: err('NOT_FOUND'), 423: err('IMAGE_LOCKED') } },
      },
      '/api/v1/images/{imageId}': { get: { summary: 'Watermarked image (owner or staff in scope; staff views are logged)', parameters: [{ name: 'imageId', in: 'path', required: true, schema: { type: 'string' } }], responses: { 200: { description: 'image/jpeg', content: { 'image/jpeg': {} } }, 404: err('NOT_FOUND') } } },
      '/api/v1/images/{imageId}/thumbnail': { get: { summary: 'Thumbnail of an image', parameters: [{ name: 'imageId', in: 'path', required: true, schema: { type: 'string' } }], responses: { 200: { description: 'image/jpeg', content: { 'image/jpeg': {} } }, 404: err('NOT_FOUND') } } },
      '/api/v1/catalog/examples/{file}': { get: { summary: 'Example image (示例) of a category, public', security: [], parameters: [{ name: 'file', in: 'path', required: true, schema: { type: 'string', pattern: '^[a-z_]+\\.png$' } }], responses: { 200: { description: 'image/png', content: { 'image/png': {} } } } } },
      '/api/v1/review/registrations/{registrationNo}/remind': {
        post: {
          summary: '提醒: remind a candidate whose file is incomplete (材料不齐) — in-app message and SMS, at most once per candidate and day, audited',
          parameters: [{ name: 'registrationNo', in: 'path', required: true, schema: { type: 'string' } }],
          responses: {
            200: { description: 'Reminded', content: { 'application/json': { schema: { type: 'object', properties: { remindedAt: { type: 'string', format: 'date-time' }, missing: { type: 'array', items: { type: 'string' } } } } } } },
            404: err('NOT_FOUND'), 409: err('REMINDED_TODAY or NOT_REVIEWABLE (the file is complete or not at your level)'),
          },
        },
      },
      '/api/v1/review/shared-pictures': { get: { summary: 'Pairs of live images of two candidates showing the same picture, newest first (region reviewers and admins, in scope; the other side\'s 报名号 only in scope)', parameters: [{ name: 'crossSite', in: 'query', schema: { type: 'string', enum: ['true', 'false'] } }, { name: 'cursor', in: 'query', schema: { type: 'string' } }, { name: 'limit', in: 'query', schema: { type: 'integer', maximum: 100 } }], responses: { 200: { description: '{items, nextCursor}' }, 404: err('NOT_FOUND') } } },
      '/api/v1/review/duplicates/opened': { post: { summary: 'Records (audit) that the reviewer follows a duplicate link to the other image; returns its 报名号', requestBody: { content: { 'application/json': { schema: { type: 'object', required: ['imageId', 'duplicateImageId'], properties: { imageId: { type: 'string' }, duplicateImageId: { type: 'string' } } } } } }, responses: { 200: { description: '{registrationNo}' }, 404: err('NOT_FOUND') } } },
      '/api/v1/review/filter-options': {
        get: {
          summary: 'Exam categories (报考类别) and the exam sites (考点) in the caller\'s scope, for the review queue filters',
          responses: {
            200: {
              description: 'Filter options',
              content: { 'application/json': { schema: { type: 'object', properties: { examCategories: { type: 'array', items: named }, sites: { type: 'array', items: named } } } } },
            },
          },
        },
      },
      '/api/v1/candidate/documents/commitment-letter.pdf': {
        get: {
          summary: '附件2 临床实践训练经历满一年证明及个人承诺书, A4 PDF pre-filled with the candidate\'s name, ID number and phone (any activated candidate)',
          responses: { 200: { description: 'application/pdf', content: { 'application/pdf': {} } }, 401: err('UNAUTHENTICATED'), 403: err('ACTIVATION_REQUIRED'), 429: err('RATE_LIMITED') },
        },
      },
      '/api/v1/tools/photo-check': {
        post: {
          summary: '报名照片检测: checks a registration photo (JPG, ≤ maxKb KB, width×height px, upright, plain light background); public, rate-limited, nothing stored',
          security: [],
          parameters: [
            { name: 'width', in: 'query', required: false, schema: { type: 'integer', minimum: 100, maximum: 2000, default: 358 } },
            { name: 'height', in: 'query', required: false, schema: { type: 'integer', minimum: 100, maximum: 2000, default: 441 } },
            { name: 'maxKb', in: 'query', required: false, description: '1 KB = 1024 bytes', schema: { type: 'integer', minimum: 10, maximum: 1024, default: 30 } },
          ],
          requestBody: { content: { 'multipart/form-data': { schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary', description: 'at most 8 MB' } } } } } },
          responses: {
            200: {
              description: 'The check report: ok (nothing fails), fixable (every failure is one the web tool fixes), one item per check',
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    properties: {
                      ok: { type: 'boolean' }, fixable: { type: 'boolean' },
                      rules: { type: 'object', properties: { width: { type: 'integer' }, height: { type: 'integer' }, maxBytes: { type: 'integer' } } },
                      facts: { type: 'object', properties: { format: { type: 'string' }, bytes: { type: 'integer' }, width: { type: 'integer' }, height: { type: 'integer' }, exifOrientation: { type: 'integer' } } },
                      background: { type: ['object', 'null'], properties: { luma: { type: 'number' }, spread: { type: 'number' }, color: { type: 'object' }, samples: { type: 'integer' } } },
                      checks: {
                        type: 'array',
                        items: {
                          type: 'object',
                          properties: {
                            id: { type: 'string', enum: ['format', 'file_size', 'dimensions', 'aspect', 'orientation', 'background'] },
                            status: { type: 'string', enum: ['pass', 'fail', 'warn'] }, fixable: { type: 'boolean' }, reason: { type: 'string' },
                            params: { type: 'object' }, title: { type: 'string' }, message: { type: 'string' },
                          },
                        },
                      },
                    },
                  },
                },
              },
            },
            413: err('PHOTO_TOO_LARGE'), 415: err('PHOTO_UNREADABLE'), 422: err('INVALID_IMAGE / VALIDATION_FAILED'), 429: err('RATE_LIMITED'),
          },
        },
      },
      ...adminPaths(),
      ...reviewStaffPaths(),
      '/api/v1/health': { get: { summary: 'Liveness', security: [], responses: { 200: { description: 'OK' } } } },
      '/api/v1/openapi.json': { get: { summary: 'This document', security: [], responses: { 200: { description: 'OpenAPI 3.1' } } } },
    },
  };
}
