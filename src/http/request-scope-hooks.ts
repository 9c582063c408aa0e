import { AsyncResource } from 'node:async_hooks';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { runInRequestScope } from '../ports/request-scope.js';

const resourceOf = new WeakMap<FastifyRequest, AsyncResource>();

/**
 * Runs every request inside its RequestScope (request id, address) and answers with
 * X-Request-Id. Register before any other hook. Body parsing resumes from the socket's
 * 'end' event, outside the scope, so preValidation re-enters it (as @fastify/request-context does).
 */
export function registerRequestScope(app: FastifyInstance): void {
  app.addHook('onRequest', (req, reply, done) => {
    reply.header('X-Request-Id', req.id);
    runInRequestScope({ requestId: String(req.id), ip: req.ip }, () => {
      const resource = new AsyncResource('request-scope');
      resourceOf.set(req, resource);
      resource.runInAsyncScope(done, req.raw);
    });
  });
  app.addHook('preValidation', (req, _reply, done) => {
    const resource = resourceOf.get(req);
    if (resource) resource.runInAsyncScope(done, req.raw);
    else done();
  });
}
