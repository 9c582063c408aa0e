import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import type { Deps } from '../services/deps.js';
import { AppError } from '../domain/errors.js';
import { resolveSession } from '../services/authenticate.js';
import { SESSION_COOKIE } from './request-context.js';
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
import { signalsRoutes } from './routes/signals-routes.js';
import { buildOpenApi } from './openapi.js';

export interface HttpOptions {
  secureCookies: boolean;
  webDir: string;
  examplesDir: string;
  trustProxy: boolean;
  logger?: boolean;
  uploadsPerMinute?: number;
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const CSRF_EXEMPT = new Set(['/api/v1/auth/login']);

const SECURITY_HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'same-origin',
  'Permissions-Policy': 'geolocation=(), microphone=()',
  // antd's CSS-in-JS writes <style> elements, hence style-src 'unsafe-inline'.
  'Content-Security-Policy':
    "default-src 'self'; img-src 'self' blob: data:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
};

export async function buildHttpApp(deps: Deps, opts: HttpOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ? { level: 'info', redact: ['req.headers.cookie', 'req.headers["x-csrf-token"]'] } : false,
    trustProxy: opts.trustProxy,
    bodyLimit: 1024 * 1024,
    genReqId: () => crypto.randomUUID(),
  });

  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: 204_800, files: 1, fields: 10, parts: 12 } });
  await app.register(rateLimit, {
    max: 1200,
    timeWindow: '1 minute',
    keyGenerator: (req) => (req.cookies?.[SESSION_COOKIE] ? `s:${crypto.createHash('sha256').update(req.cookies[SESSION_COOKIE]!).digest('hex')}` : `ip:${req.ip}`),
    errorResponseBuilder: (_req, ctx) => Object.assign(new Error('rate limited'), { statusCode: 429, retryAfter: Math.ceil(ctx.ttl / 1000) }),
  });

  app.decorateRequest('session', null);
  app.addHook('onRequest', async (req) => {
    if (!req.url.startsWith('/api/')) return;
    const token = req.cookies[SESSION_COOKIE];
    req.session = token ? await resolveSession(deps, token) : null;
    if (MUTATING.has(req.method) && req.session && !CSRF_EXEMPT.has(req.routeOptions.url ?? '')) {
      const sent = req.headers['x-csrf-token'];
      const expected = Buffer.from(req.session.csrfToken);
      const given = Buffer.from(typeof sent === 'string' ? sent : '');
      if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) throw new AppError('CSRF_FAILED');
    }
  });
  app.addHook('onSend', async (req, reply) => {
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) reply.header(k, v);
    if (req.url.startsWith('/api/') && !reply.getHeader('cache-control')) reply.header('Cache-Control', 'no-store');
  });

  app.setErrorHandler((err, req, reply) => {
    const known = toAppError(err);
    if (known) {
      if (known.code === 'RATE_LIMITED' && req.routeOptions.url === '/api/v1/auth/login') {
        return sendError(req, reply, new AppError('TOO_MANY_ATTEMPTS', { retryAfterSeconds: (err as any).retryAfter ?? 60 }));
      }
      return sendError(req, reply, known);
    }
    req.log.error({ err }, 'unhandled error');
    return sendError(req, reply, new AppError('INTERNAL'));
  });

  authRoutes(app, deps, { secureCookies: opts.secureCookies });
  candidateRoutes(app, deps, { uploadsPerMinute: opts.uploadsPerMinute ?? 60 });
  imageRoutes(app, deps, { examplesDir: opts.examplesDir });
  reviewRoutes(app, deps);
  messageRoutes(app, deps);
  documentRoutes(app, deps);
  toolRoutes(app, deps);
  adminRoutes(app, deps);
  handoffRoutes(app, deps, { secureCookies: opts.secureCookies });
  signalsRoutes(app, deps);
  app.get('/api/v1/health', async () => ({ status: 'ok' }));
  app.get('/api/v1/openapi.json', async () => buildOpenApi());

  const indexHtml = path.join(opts.webDir, 'index.html');
  const hasWeb = fs.existsSync(indexHtml);
  if (hasWeb) {
    await app.register(fastifyStatic, { root: opts.webDir, wildcard: false, index: false, cacheControl: false, setHeaders: (res, file) => {
      res.setHeader('Cache-Control', file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
    } });
    app.get('/*', (req, reply) => {
      const rel = decodeURIComponent((req.params as { '*': string })['*'] ?? '');
      const candidate = path.join(opts.webDir, rel);
      if (rel && candidate.startsWith(opts.webDir + path.sep) && fs.existsSync(candidate) && fs.statSync(candidate).isFile()) {
        return reply.sendFile(rel);
      }
      if (rel.startsWith('api/')) return sendError(req, reply, new AppError('NOT_FOUND'));
      return reply.header('Cache-Control', 'no-cache').sendFile('index.html');
    });
  }
  app.setNotFoundHandler((req, reply) => sendError(req, reply, new AppError('NOT_FOUND')));
  return app;
}
