import { adminPaths } from './openapi-admin.js';

const ref = (name: string) => ({ content: { 'application/json': { schema: { $ref: `#/components/schemas/${name}` } } } });
const err = (description: string) => ({ description, ...ref('Error') });

/**
 * Hand-written OpenAPI of the routes not yet converted to a contract (src/contracts): the
 * document generator (openapi.ts) fills in these operations for routes that carry no schema.
 * Shrinks as areas move to contracts; the converted ones are gone from here.
 */
export function legacyOpenApi() {
  return {
    paths: {
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
    },
  };
}
