import type { FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import { createJsonSchemaTransform, createJsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { contractRegistry } from '../contracts/registry.js';

export const OPENAPI_PATH = '/api/v1/openapi.json';

/**
 * The published document, generated from the routes' contracts (src/contracts) by
 * @fastify/swagger; nothing in it is written by hand. Routes that are not part of the API (the
 * web client's page fallback, /metrics) are registered with `schema: { hide: true }`.
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
    transformObject: toJson,
  });
}
