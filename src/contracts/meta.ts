import { z } from 'zod';

/** The API describing itself. */
export const metaContracts = {
  openApi: {
    tags: ['meta'],
    summary: 'This document (OpenAPI 3.1), generated from the route contracts',
    security: [],
    response: { 200: z.record(z.string(), z.unknown()).describe('OpenAPI 3.1 document') },
  },
};
