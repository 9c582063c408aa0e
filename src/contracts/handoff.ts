import { z } from 'zod';
import { errors, IsoTime } from './common.js';

/** The registration system's side: the signed sign-in hand-off (/sso) and the results pull API (docs/HANDOFF.md). */
const htmlPage = (description: string) => ({ description, content: { 'text/html': { schema: z.string().describe('a page saying what to do') } } });

export const ResultEventsQuery = z.object({
  /** The `nextCursor` of the previous page; absent: from the first event. */
  cursor: z.string().regex(/^\d{1,18}$/).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type ResultEventsQuery = z.infer<typeof ResultEventsQuery>;

export const ResultEvent = z.object({
  id: z.string().describe('unique per event (UUID): the receiver\'s idempotency key'),
  type: z.literal('review.result'),
  registrationNo: z.string(),
  year: z.number().int(),
  status: z.enum(['approved', 'rejected', 'pending']).describe('pending: the earlier final result no longer holds (reopened, or the required materials changed); the file is reviewed again'),
  statusLabel: z.enum(['审核通过', '审核拒绝', '审核中']),
  level: z.enum(['site', 'region']).describe('which level decided it (for pending: the level whose result was withdrawn)'),
  comment: z.string().nullable().describe('the reviewer\'s comment (a rejection\'s reason), the reason of a reopening, or null'),
  decidedAt: IsoTime,
  previousStatus: z.enum(['approved', 'rejected']).optional().describe('only on pending: the final status that stopped holding'),
});

export const handoffContracts = {
  sso: {
    tags: ['auth'],
    summary: 'Hand-off from the registration system (docs/HANDOFF.md): token = base64url(JSON {registrationNo, exp, jti}) "." base64url(HMAC-SHA256(HANDOFF_KEY, first part)); usable once, at most 10 minutes',
    security: [],
    // A malformed token is the route's own refusal (an HTML page), never a JSON validation error.
    querystring: z.object({ token: z.string().optional().catch(undefined) }),
    response: {
      302: z.undefined().describe('Session cookie set; redirect to /'),
      401: htmlPage('HANDOFF_INVALID / HANDOFF_EXPIRED / HANDOFF_USED: an HTML page saying what to do'),
      403: htmlPage('HANDOFF_UNAVAILABLE (no key configured, unknown 报名号, disabled account)'),
    },
  },
  resultEvents: {
    tags: ['results'],
    summary: 'Final review results for the registration system, oldest first, from a cursor (Authorization: Bearer RESULTS_API_TOKEN; docs/HANDOFF.md)',
    security: [],
    querystring: ResultEventsQuery,
    response: {
      200: z.object({ items: z.array(ResultEvent), nextCursor: z.string().nullable(), hasMore: z.boolean() }),
      ...errors({ 401: 'UNAUTHENTICATED', 404: 'NOT_FOUND: RESULTS_API_TOKEN not configured', 422: 'VALIDATION_FAILED' }),
    },
  },
};
