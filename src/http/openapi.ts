import type { FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import { createJsonSchemaTransform, createJsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { contractRegistry } from '../contracts/registry.js';
import { legacyOpenApi } from './openapi-legacy.js';

export const OPENAPI_PATH = '/api/v1/openapi.json';

type Operation = Record<string, unknown>;
type PathItem = Record<string, Operation>;

/**
 * The published document, generated from the routes' contracts (src/contracts) by
 * @fastify/swagger. A route not yet converted carries no schema; its hand-written operation
 * (openapi-legacy.ts) takes its place. Routes that are not part of the API (the web client's
 * page fallback, /metrics) are registered with `schema: { hide: true }`.
 * Register before the routes: the generator sees routes added after it.
 */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  const toJson = createJsonSchemaTransformObject({ schemaRegistry: contractRegistry });
  await app.register(swagger, {
    openapi: {
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
      },
      security: [{ session: [] }],
    },
    transform: createJsonSchemaTransform({ schemaRegistry: contractRegistry, skipList: [] }),
    transformObject: (doc) => withLegacyOperations(toJson(doc) as { paths?: Record<string, PathItem> }),
  });
}

/** Operations of routes without a contract get their hand-written description (or stay bare). */
function withLegacyOperations<T extends { paths?: Record<string, PathItem> }>(doc: T): T {
  const legacy = legacyOpenApi().paths as Record<string, PathItem>;
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const [method, op] of Object.entries(item)) {
      if (typeof op !== 'object' || op === null || 'summary' in op) continue;
      const written = legacy[path]?.[method];
      if (written) item[method] = written;
    }
  }
  return doc;
}
