import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteOptions } from 'fastify';
import { startTestServer, type TestServer } from '../support/start-server.js';
import { ApiClient } from '../support/api-client.js';
import { testDatabases } from '../support/databases.js';

/** `/api/v1/x/:id` → `/api/v1/x/{id}`, as OpenAPI writes paths. */
const openApiPath = (url: string) => url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

const isZod = (v: unknown) => typeof (v as { safeParse?: unknown } | null)?.safeParse === 'function';
/** A response entry of a contract: a zod schema, or {description, content: {<type>: {schema: zod}}}. */
const isContractResponse = (v: unknown) =>
  isZod(v) || Object.values((v as { content?: Record<string, { schema?: unknown }> } | null)?.content ?? {}).some((c) => isZod(c.schema));

describe.each(testDatabases())('the published OpenAPI document on %s', (db) => {
  let server: TestServer;
  const routes: RouteOptions[] = [];
  beforeAll(async () => {
    server = await startTestServer({ db, http: { onRoute: (r) => routes.push(r) } });
  });
  afterAll(async () => server?.close());

  it('describes every registered route (a route left out of the document fails here)', async () => {
    const doc = (await new ApiClient(server.baseUrl).request('GET', '/api/v1/openapi.json')).body;
    expect(doc.openapi).toBe('3.1.0');
    const published = routes.filter((r) => !(r.schema as { hide?: boolean } | undefined)?.hide);
    const missing: string[] = [];
    let count = 0;
    for (const r of published) {
      for (const method of [r.method].flat()) {
        if (method === 'HEAD') continue;
        count += 1;
        const op = doc.paths[openApiPath(r.url)]?.[method.toLowerCase()];
        // Described means a summary and at least one response.
        if (!op?.summary || Object.keys(op.responses ?? {}).length === 0) missing.push(`${method} ${r.url}`);
      }
    }
    expect(count).toBeGreaterThan(60);
    expect(missing).toEqual([]);
    // The page fallback and /metrics are not API.
    expect(Object.keys(doc.paths).filter((p) => !p.startsWith('/api/') && p !== '/sso')).toEqual([]);
  });

  it('takes every operation from its route contract: each route carries zod schemas, none is described by hand', () => {
    const published = routes.filter((r) => !(r.schema as { hide?: boolean } | undefined)?.hide);
    const byHand = published
      .filter((r) => {
        const schema = r.schema as { summary?: string; response?: Record<string, unknown> } | undefined;
        const responses = Object.values(schema?.response ?? {});
        return !schema?.summary || responses.length === 0 || !responses.every(isContractResponse);
      })
      .map((r) => `${[r.method].flat().join(',')} ${r.url}`);
    expect(published.length).toBeGreaterThan(60);
    expect(byHand).toEqual([]);
  });

  it('takes request and response shapes from the route contracts, with the error body of shared/API.md', async () => {
    const doc = (await new ApiClient(server.baseUrl).request('GET', '/api/v1/openapi.json')).body;
    const materials = doc.paths['/api/v1/candidate/materials'].get;
    expect(materials.responses['200'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/Materials' });
    expect(materials.responses['403'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/Error' });
    expect(doc.components.schemas.Materials.required).toEqual(expect.arrayContaining(['todo', 'categories', 'claimedUntil', 'uploadWindowState']));
    expect(doc.paths['/api/v1/auth/login'].post.requestBody.content['application/json'].schema.required).toEqual(['username', 'password']);
    expect(doc.components.schemas.Error.properties.error.required).toEqual(['code', 'message', 'details']);
  });

  it('answers a request its contract refuses with 422 VALIDATION_FAILED naming the field', async () => {
    const r = await new ApiClient(server.baseUrl).request('POST', '/api/v1/auth/login', { json: { username: 'someone' } });
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('VALIDATION_FAILED');
    expect(r.body.error.details.issues[0].path).toBe('password');
    expect(r.body.error.message).toContain('password');
  });
});
