import { MAX_IMAGE_BYTES } from '../domain/upload-limits.js';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance, type RouteOptions } from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import type { Redis } from 'ioredis';
import { validatorCompiler } from 'fastify-type-provider-zod';
import type { Deps } from '../services/deps.js';
import { AppError } from '../domain/errors.js';
import { resolveSession } from '../services/authenticate.js';
import { CSRF_IN_BODY_ROUTES, SESSION_COOKIE, csrfMatches, csrfTokenInBody, requireActor, type Guard } from './request-context.js';
import { sendError, toAppError } from './error-handler.js';
import { authRoutes } from './routes/auth-routes.js';
import { candidateRoutes } from './routes/candidate-routes.js';
import { imageRoutes } from './routes/image-routes.js';
import { reviewRoutes } from './routes/review-routes.js';
import { messageRoutes } from './routes/message-routes.js';
import { documentRoutes } from './routes/document-routes.js';
import { toolRoutes } from './routes/tool-routes.js';
import { adminRoutes } from './routes/admin-routes.js';
import { handoffRoutes } from './routes/handoff-routes.js';
import { resultsRoutes } from './routes/results-routes.js';
import { regionNoticeRoutes } from './routes/region-notice-routes.js';
import { catalogRoutes } from './routes/catalog-routes.js';
import { signalsRoutes } from './routes/signals-routes.js';
import { OPENAPI_PATH, registerOpenApi } from './openapi.js';
import { metaContracts } from '../contracts/meta.js';
import { contractSerializer } from './contract-serializer.js';
import { registerRequestScope } from './request-scope-hooks.js';
import { healthRoutes } from './routes/health-routes.js';
import { serverTimeouts, type TimeoutOptions } from './server-timeouts.js';
import { rateLimitKey, isRateLimited } from './rate-limit-key.js';
import { registerSecurityHeaders } from './security-headers.js';
import { sendRateLimitedPage } from './rate-limited-page.js';

export interface HttpOptions {
  secureCookies: boolean;
  webDir: string;
  examplesDir: string;
  /** Load balancer addresses/CIDRs whose X-Forwarded-For is believed (false: none). */
  trustProxy: false | string[];
  logger?: boolean;
  /** Where the request log goes when `logger` is on (default stdout); tests read it. */
  logStream?: NodeJS.WritableStream;
  uploadsPerMinute?: number;
  /** Shared rate-limit counters (all nodes); in process without it. */
  redis?: Redis;
  /** Key prefix of the shared counters (tests use their own). */
  rateLimitNamespace?: string;
  /** Slow-client cut-offs; defaults suit production. */
  timeouts?: Partial<TimeoutOptions>;
  /** True once SIGTERM arrived: readiness answers 503 so the balancer stops sending. */
  isDraining?: () => boolean;
  /** Prometheus metrics: request latency by route and status (served elsewhere, see METRICS_PORT). */
  metrics?: { instrumentHttp(app: FastifyInstance): void };
  /** A response field the route's contract leaves out fails the request (tests turn it on). */
  failOnDroppedFields?: boolean;
  /** Sees every route as it is registered (the test that every route is in the document). */
  onRoute?: (route: RouteOptions) => void;
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const CSRF_EXEMPT = new Set(['/api/v1/auth/login']);

export async function buildHttpApp(deps: Deps, opts: HttpOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ? { level: 'info', redact: ['req.headers.cookie', 'req.headers["x-csrf-token"]'], ...(opts.logStream ? { stream: opts.logStream } : {}) } : false,
    trustProxy: opts.trustProxy,
    bodyLimit: 1024 * 1024,
    genReqId: () => crypto.randomUUID(),
    ...serverTimeouts(opts.timeouts),
  });

  if (opts.onRoute) app.addHook('onRoute', opts.onRoute);
  registerRequestScope(app);
  // Each route's contract (src/contracts) validates its request and serialises its response.
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(contractSerializer({ failOnDroppedFields: opts.failOnDroppedFields ?? false }));
  opts.metrics?.instrumentHttp(app);
  await registerSecurityHeaders(app, { secure: opts.secureCookies });
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: MAX_IMAGE_BYTES, files: 1, fields: 10, parts: 12 } });
  await app.register(rateLimit, {
    max: 1200,
    timeWindow: '1 minute',
    keyGenerator: rateLimitKey,
    // The web client and its static files are never counted; only the API and /sso are.
    allowList: (req) => !isRateLimited(req.url),
    ...(opts.redis ? { redis: opts.redis, nameSpace: opts.rateLimitNamespace ?? 'medexam-rl:', skipOnError: true } : {}),
    errorResponseBuilder: (_req, ctx) => Object.assign(new Error('rate limited'), { statusCode: 429, retryAfter: Math.ceil(ctx.ttl / 1000) }),
  });

  app.decorateRequest('session', null);
  app.addHook('onRequest', async (req) => {
    if (!req.url.startsWith('/api/')) return;
    const token = req.cookies[SESSION_COOKIE];
    req.session = token ? await resolveSession(deps, token) : null;
    if (MUTATING.has(req.method) && req.session && !CSRF_EXEMPT.has(req.routeOptions.url ?? '')) {
      const sent = req.headers['x-csrf-token'];
      // Without the header, a body-token route is checked once its body is parsed (below).
      if (sent === undefined && CSRF_IN_BODY_ROUTES.has(req.routeOptions.url ?? '')) return;
      if (!csrfMatches(req.session, sent)) throw new AppError('CSRF_FAILED');
    }
  });
  // A route's guard (config.guard) answers before its contract checks the request: outside
  // one's audience a route does not exist, whatever the body holds.
  app.addHook('preValidation', async (req) => {
    const guard = (req.routeOptions.config as { guard?: Guard }).guard;
    if (guard) requireActor(req, guard);
  });
  app.addHook('preHandler', async (req) => {
    if (!MUTATING.has(req.method) || !req.session || req.headers['x-csrf-token'] !== undefined) return;
    if (CSRF_IN_BODY_ROUTES.has(req.routeOptions.url ?? '') && !csrfMatches(req.session, csrfTokenInBody(req.body))) throw new AppError('CSRF_FAILED');
  });
  app.addHook('onSend', async (req, reply) => {
    if (req.url.startsWith('/api/') && !reply.getHeader('cache-control')) reply.header('Cache-Control', 'no-store');
  });

  app.setErrorHandler((err, req, reply) => {
    const known = toAppError(err);
    if (known) {
      if (known.code === 'RATE_LIMITED' && req.routeOptions.url === '/api/v1/auth/login') {
        return sendError(req, reply, new AppError('TOO_MANY_ATTEMPTS', { retryAfterSeconds: (err as any).retryAfter ?? 60 }));
      }
      if (known.code === 'RATE_LIMITED' && !req.url.startsWith('/api/')) {
        const retryAfterSeconds = (err as any).retryAfter ?? 60;
        return sendRateLimitedPage(req, reply, new AppError('RATE_LIMITED', { retryAfterSeconds }), retryAfterSeconds);
      }
      return sendError(req, reply, known);
    }
    req.log.error({ err }, 'unhandled error');
    return sendError(req, reply, new AppError('INTERNAL'));
  });

  await registerOpenApi(app);
  authRoutes(app, deps, { secureCookies: opts.secureCookies });
  candidateRoutes(app, deps, { uploadsPerMinute: opts.uploadsPerMinute ?? 60 });
  imageRoutes(app, deps, { examplesDir: opts.examplesDir });
  reviewRoutes(app, deps);
  messageRoutes(app, deps);
  documentRoutes(app, deps);
  toolRoutes(app, deps);
  adminRoutes(app, deps);
  handoffRoutes(app, deps, { secureCookies: opts.secureCookies });
  healthRoutes(app, deps, { isDraining: opts.isDraining ?? (() => false) });
  // Metrics live on METRICS_PORT only; never let the page fallback answer for them here.
  app.get('/metrics', { schema: { hide: true } }, (req, reply) => sendError(req, reply, new AppError('NOT_FOUND')));
  resultsRoutes(app, deps);
  regionNoticeRoutes(app, deps);
  catalogRoutes(app, deps);
  signalsRoutes(app, deps);
  app.get(OPENAPI_PATH, { schema: metaContracts.openApi }, async () => app.swagger());

  const indexHtml = path.join(opts.webDir, 'index.html');
  const hasWeb = fs.existsSync(indexHtml);
  if (hasWeb) {
    // The build writes brotli and gzip copies (web/precompress.ts), sent as they are; hashed
    // assets never change under their name, index.html is asked for again every time.
    await app.register(fastifyStatic, { root: opts.webDir, wildcard: false, index: false, cacheControl: false, preCompressed: true, setHeaders: (res, file) => {
      res.setHeader('Cache-Control', file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
      res.setHeader('Vary', 'Accept-Encoding');
    } });
    app.get('/*', { schema: { hide: true } }, (req, reply) => {
      const rel = decodeURIComponent((req.params as { '*': string })['*'] ?? '');
      const candidate = path.join(opts.webDir, rel);
      if (rel && candidate.startsWith(opts.webDir + path.sep) && fs.existsSync(candidate) && fs.statSync(candidate).isFile()) {
        return reply.sendFile(rel);
      }
      // A missing script or style (an old page after a deploy) is a 404, never index.html as JavaScript.
      if (rel.startsWith('api/') || rel.startsWith('assets/')) return sendError(req, reply, new AppError('NOT_FOUND'));
      return reply.header('Cache-Control', 'no-cache').sendFile('index.html');
    });
  }
  app.setNotFoundHandler((req, reply) => sendError(req, reply, new AppError('NOT_FOUND')));
  return app;
}
