import { z } from 'zod';

/** Liveness and readiness for load balancers; never rate limited, no session. */
const Check = z.enum(['ok', 'unreachable']);
const tags = ['health'];
export const healthContracts = {
  live: { tags, summary: 'Liveness: the process answers', security: [], response: { 200: z.object({ status: z.literal('ok') }) } },
  ready: {
    tags, summary: 'Readiness: database and object store reachable, not draining (503 with Retry-After otherwise)', security: [],
    response: {
      200: z.object({ status: z.literal('ready'), database: Check, storage: Check }),
      503: z.union([
        z.object({ status: z.literal('draining') }),
        z.object({ status: z.literal('unavailable'), database: Check, storage: Check }),
      ]),
    },
  },
};
