import type { FastifyInstance } from 'fastify';
import helmet from '@fastify/helmet';

/**
 * The content security policy of every response. The built web client is one module
 * script and its chunks from 'self', with no inline script (checked by an e2e run in
 * Chromium); antd's CSS-in-JS writes <style> elements and style attributes, hence
 * style-src 'unsafe-inline' (styles only, never scripts). Images are also shown from
 * blob: (the upload preview, the reviewers' prefetch) and data: URLs.
 */
export function contentSecurityPolicy(secure: boolean): Record<string, string[]> {
  return {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'script-src-attr': ["'none'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'blob:', 'data:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
    ...(secure ? { 'upgrade-insecure-requests': [] } : {}),
  };
}

/** Browser features the pages never use, switched off for the page and anything it embeds. */
export const PERMISSIONS_POLICY = 'accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=(), interest-cohort=()';

/**
 * The usual security headers through helmet: CSP, HSTS when the site is served over HTTPS
 * (secure cookies), no framing, Referrer-Policy, no MIME sniffing, cross-origin isolation of
 * the window and resources; plus Permissions-Policy, which helmet leaves to the application.
 */
export async function registerSecurityHeaders(app: FastifyInstance, opts: { secure: boolean }): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicy(opts.secure) },
    strictTransportSecurity: opts.secure ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
    crossOriginEmbedderPolicy: false,
  });
  app.addHook('onRequest', async (_req, reply) => {
    reply.header('Permissions-Policy', PERMISSIONS_POLICY);
  });
}
