/**
 * What a candidate's phone downloads to open the materials page: every script and style
 * the page loads after logging in, raw (decoded) bytes and bytes on the wire (as the server
 * encoded them for a browser that accepts br/gzip), in Debian's Chromium against the real
 * server serving web/dist (build it first: npm run build:web).
 *
 *   npx tsx bench/page-weight/run.ts
 *
 * Prints the totals for the login page and for /materials after login (a fresh cache each).
 */
import type { Response } from 'playwright-core';
import { launchChromium, newPage, submitLogin } from '../../test/support/browser.js';
import { startTestServer } from '../../test/support/start-server.js';
import { ApiClient } from '../../test/support/api-client.js';

const CANDIDATE = '2026990100004';
const PASSWORD = 'Demo#2026';

interface Weight { files: number; raw: number; wire: number; encodings: Set<string> }

async function weigh(responses: Response[]): Promise<Weight> {
  const w: Weight = { files: 0, raw: 0, wire: 0, encodings: new Set() };
  for (const r of responses) {
    const type = r.request().resourceType();
    if (type !== 'script' && type !== 'stylesheet') continue;
    w.files += 1;
    w.raw += (await r.body()).length;
    w.wire += (await r.request().sizes()).responseBodySize;
    w.encodings.add((await r.headerValue('content-encoding')) ?? 'identity');
  }
  return w;
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const line = (name: string, w: Weight) =>
  `${name.padEnd(28)} ${String(w.files).padStart(3)} files   raw ${kb(w.raw).padStart(10)}   on the wire ${kb(w.wire).padStart(10)}   (${[...w.encodings].join(', ')})`;

const server = await startTestServer();
const browser = await launchChromium();
try {
  const page = await newPage(browser, { width: 375, height: 812, mobile: true });
  const seen: Response[] = [];
  page.on('response', (r) => seen.push(r));
  await page.goto(`${server.baseUrl}/login`, { waitUntil: 'networkidle' });
  const login = await weigh(seen);
  await page.context().close();

  // The materials page opened directly (a deep link or a reload), logged in, with an empty cache.
  const api = new ApiClient(server.baseUrl);
  await api.login(CANDIDATE, PASSWORD);
  await api.request('POST', '/api/v1/candidate/activate', { json: { agree: true } });
  const fresh = await newPage(browser, { width: 375, height: 812, mobile: true });
  await fresh.context().addCookies([{ name: 'sid', value: api.cookie.replace(/^sid=/, ''), domain: '127.0.0.1', path: '/' }]);
  const seen2: Response[] = [];
  fresh.on('response', (r) => seen2.push(r));
  await fresh.goto(`${server.baseUrl}/materials`, { waitUntil: 'networkidle' });
  await fresh.getByTestId('materials-page').waitFor();
  const materials = await weigh(seen2);
  console.log(line('login page', login));
  console.log(line('materials page (logged in)', materials));
} finally {
  await browser.close();
  await server.close();
}
