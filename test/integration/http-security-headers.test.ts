import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/start-server.js';

/** Security headers (helmet) on every kind of response; they do not depend on the database. */
describe.each([false, true])('security headers with secure cookies %s', (secure) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ http: { secureCookies: secure } });
  });
  afterAll(async () => server?.close());

  it('sends CSP without inline script, no framing, Referrer-Policy, Permissions-Policy, and HSTS only over HTTPS', async () => {
    for (const [path, status] of [['/api/v1/health', 200], ['/api/v1/auth/me', 401], ['/api/v1/no-such-route', 404]] as const) {
      const res = await fetch(server.baseUrl + path);
      expect(res.status).toBe(status);
      const h = res.headers;
      const csp = h.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self';");
      expect(csp).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain("base-uri 'none'");
      expect(h.get('x-frame-options')).toBe('DENY');
      expect(h.get('referrer-policy')).toBe('same-origin');
      expect(h.get('permissions-policy')).toMatch(/camera=\(\).*geolocation=\(\).*microphone=\(\)/);
      expect(h.get('x-content-type-options')).toBe('nosniff');
      expect(h.get('cross-origin-opener-policy')).toBe('same-origin');
      if (secure) {
        expect(h.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
        expect(csp).toContain('upgrade-insecure-requests');
      } else {
        expect(h.get('strict-transport-security')).toBeNull();
        expect(csp).not.toContain('upgrade-insecure-requests');
      }
    }
  });
});
