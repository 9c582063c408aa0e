import { z } from 'zod';
import { AnnouncementBody } from '../services/region-announcement.js';

/** OpenAPI paths of the review drafts, claim release, phone reveal, results hand-off and region notices. */
const json = (schema: z.ZodType) => ({ content: { 'application/json': { schema: z.toJSONSchema(schema, { io: 'input' }) } } });
const err = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });
const region = { name: 'regionCode', in: 'path', required: true, schema: { type: 'string' } };

export function reviewStaffPaths() {
  return {
    '/api/v1/results/events': {
      get: {
        tags: ['results'],
        summary: 'Final review results for the registration system, oldest first, from a cursor (Authorization: Bearer RESULTS_API_TOKEN; docs/HANDOFF.md)',
        security: [],
        parameters: [
          { name: 'cursor', in: 'query', required: false, schema: { type: 'string', pattern: '^\\d{1,18}$' } },
          { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 500, default: 100 } },
        ],
        responses: { 200: { description: '{items: [event], nextCursor, hasMore}' }, 401: err('UNAUTHENTICATED'), 404: err('NOT_FOUND: RESULTS_API_TOKEN not configured') },
      },
    },
    '/api/v1/admin/regions/{regionCode}/upload-impact': {
      get: { tags: ['admin'], summary: 'How many candidates switching upload off for the region affects', parameters: [region], responses: { 200: { description: '{regionCode, candidates, stillUploading}' }, 404: err('NOT_FOUND') } },
    },
    '/api/v1/admin/regions/{regionCode}/announcement': {
      get: { tags: ['admin'], summary: "The region's 公告", parameters: [region], responses: { 200: { description: '{announcement}' }, 404: err('NOT_FOUND') } },
      put: { tags: ['admin'], summary: "Publish the region's 公告 (https links only)", parameters: [region], requestBody: json(AnnouncementBody), responses: { 200: { description: '{announcement}' }, 404: err('NOT_FOUND'), 422: err('VALIDATION_FAILED') } },
      delete: { tags: ['admin'], summary: "Withdraw the region's 公告", parameters: [region], responses: { 204: { description: 'Withdrawn' }, 404: err('NOT_FOUND') } },
    },
  };
}
