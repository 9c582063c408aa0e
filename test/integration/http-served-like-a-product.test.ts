/**
 * Served like a product (issue 13): the web client's files go out precompressed with the
 * right caching, never count against the per-address rate limit (only the API does), and
 * the catalog carries its English for the web client's English mode.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/start-server.js';
import { testDatabases } from '../support/databases.js';
import { ApiClient } from '../support/api-client.js';

const SCRIPT = `console.log(${JSON.stringify('考生服务 '.repeat(400))});\n`;

describe.each(testDatabases())('the web client served like a product, on %s', (db) => {
  let server: TestServer;
  let webDir: string;

  beforeAll(async () => {
    // A build as web/precompress.ts leaves it: hashed assets with .br and .gz copies.
    webDir = await fs.mkdtemp(path.join(os.tmpdir(), 'medexam-web-'));
    await fs.mkdir(path.join(webDir, 'assets'));
    const html = `<!doctype html><title>考生服务</title><script type="module" src="/assets/index-AbC123.js"></script>${'<!-- padding -->'.repeat(100)}`;
    await fs.writeFile(path.join(webDir, 'index.html'), html);
    await fs.writeFile(path.join(webDir, 'index.html.br'), zlib.brotliCompressSync(html));
    await fs.writeFile(path.join(webDir, 'index.html.gz'), zlib.gzipSync(html));
    await fs.writeFile(path.join(webDir, 'assets', 'index-AbC123.js'), SCRIPT);
    await fs.writeFile(path.join(webDir, 'assets', 'index-AbC123.js.br'), zlib.brotliCompressSync(SCRIPT));
    await fs.writeFile(path.join(webDir, 'assets', 'index-AbC123.js.gz'), zlib.gzipSync(SCRIPT));
    server = await startTestServer({ db, http: { webDir } });
  });
  afterAll(async () => {
    await server?.close();
    await fs.rm(webDir, { recursive: true, force: true });
  });

  const get = (url: string, acceptEncoding: string) => fetch(server.baseUrl + url, { headers: { 'accept-encoding': acceptEncoding } });

  it('sends a hashed script as brotli or gzip as the browser accepts, cached for a year, and the same bytes when decoded', async () => {
    const br = await get('/assets/index-AbC123.js', 'gzip, deflate, br');
    expect(br.status).toBe(200);
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('content-type')).toMatch(/^(application|text)\/javascript/);
    expect(br.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(br.headers.get('vary')).toMatch(/accept-encoding/i);
    const brBytes = Buffer.from(await br.arrayBuffer()); // fetch decodes it
    expect(brBytes.toString()).toBe(SCRIPT);
    expect(Number(br.headers.get('content-length'))).toBeLessThan(Buffer.byteLength(SCRIPT) / 5);

    const gz = await get('/assets/index-AbC123.js', 'gzip');
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(gz.headers.get('vary')).toMatch(/accept-encoding/i);
    expect(await gz.text()).toBe(SCRIPT);

    const plain = await get('/assets/index-AbC123.js', 'identity');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(plain.headers.get('vary')).toMatch(/accept-encoding/i);
    expect(await plain.text()).toBe(SCRIPT);
  });

  it('sends index.html for app pages compressed, asked for again every time, under the same CSP', async () => {
    for (const url of ['/', '/login', '/materials']) {
      const res = await get(url, 'br');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/html');
      expect(res.headers.get('content-encoding')).toBe('br');
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(await res.text()).toContain('/assets/index-AbC123.js');
    }
  });

  it('answers a script an old page asks for after a deploy with 404, not the page as JavaScript', async () => {
    const res = await get('/assets/index-Gone999.js', 'br');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).not.toContain('text/html');
  });

  it('counts the API against the per-address limit, never the web client or its files', async () => {
    // Use up the address's allowance on the API (1200 a minute).
    let limited: Response | undefined;
    for (let i = 0; i < 1300 && !limited; i++) {
      const res = await fetch(`${server.baseUrl}/api/v1/auth/me`);
      await res.arrayBuffer();
      if (res.status === 429) limited = res;
    }
    expect(limited, 'the API never refused').toBeDefined();
    // The API says it in words, in the asked language, with the wait.
    const zh = await fetch(`${server.baseUrl}/api/v1/auth/me`);
    expect(zh.status).toBe(429);
    const seconds = Number(zh.headers.get('retry-after'));
    expect(seconds).toBeGreaterThan(0);
    expect((await zh.json()).error).toMatchObject({ code: 'RATE_LIMITED', message: expect.stringMatching(/^操作过于频繁，请 \d+ 秒后再试/) });
    const en = await fetch(`${server.baseUrl}/api/v1/auth/me`, { headers: { 'accept-language': 'en' } });
    expect((await en.json()).error.message).toMatch(/^Too many requests\. Try again in \d+ seconds/);

    // Meanwhile the same address still gets every page and file.
    for (let i = 0; i < 50; i++) {
      for (const url of ['/login', '/materials', '/assets/index-AbC123.js']) {
        const res = await get(url, 'br');
        expect(res.status, url).toBe(200);
        expect(res.headers.get('x-ratelimit-limit')).toBeNull();
        await res.arrayBuffer();
      }
    }
  }, 120_000);
});

describe.each(testDatabases())('the catalog in English, on %s', (db) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ db });
  });
  afterAll(async () => server?.close());

  it('gives the candidate each category\'s English name and requirements next to the Chinese', async () => {
    const c = new ApiClient(server.baseUrl, 'en');
    expect((await c.login('2026990100006')).status).toBe(200);
    await c.request('POST', '/api/v1/candidate/activate', { json: { agree: true } });
    const res = await c.request('GET', '/api/v1/candidate/materials');
    expect(res.status).toBe(200);
    const id = res.body.categories.find((x: { code: string }) => x.code === 'id_card');
    expect(id).toMatchObject({ name: '身份证明', nameEn: 'Proof of identity' });
    expect(id.requirements).toContain('正反两面');
    expect(id.requirementsEn).toMatch(/both sides of a valid identity document.*at most 200 KB per file/);
    for (const cat of res.body.categories) {
      expect(cat.nameEn, cat.code).toMatch(/^[A-Za-z]/);
      expect(cat.requirementsEn, cat.code).toMatch(/^[A-Z]/);
    }
  });

  it('lets the national administrator write and clear the English, and the candidate sees it', async () => {
    const admin = new ApiClient(server.baseUrl);
    expect((await admin.login('admin')).status).toBe(200);
    const catalog = await admin.request('GET', '/api/v1/admin/catalog');
    expect(catalog.body.materials.find((m: { code: string }) => m.code === 'other')).toMatchObject({ nameEn: 'Other' });

    const changed = await admin.request('PATCH', '/api/v1/admin/catalog/materials/other', { json: { nameEn: '  Other documents ', requirementsEn: 'Anything else your exam site asks for.' } });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ name: '其他', nameEn: 'Other documents', requirementsEn: 'Anything else your exam site asks for.' });

    const candidate = new ApiClient(server.baseUrl, 'en');
    await candidate.login('2026990100007');
    await candidate.request('POST', '/api/v1/candidate/activate', { json: { agree: true } });
    const other = (await candidate.request('GET', '/api/v1/candidate/materials')).body.categories.find((x: { code: string }) => x.code === 'other');
    expect(other).toMatchObject({ name: '其他', nameEn: 'Other documents', requirementsEn: 'Anything else your exam site asks for.' });

    // Cleared, the English is gone (the page falls back to the Chinese).
    const cleared = await admin.request('PATCH', '/api/v1/admin/catalog/materials/other', { json: { nameEn: '' } });
    expect(cleared.body.nameEn).toBeNull();
    const tooLong = await admin.request('PATCH', '/api/v1/admin/catalog/materials/other', { json: { nameEn: 'x'.repeat(121) } });
    expect(tooLong.status).toBe(422);
    expect(tooLong.body.error.code).toBe('VALIDATION_FAILED');
  });
});
