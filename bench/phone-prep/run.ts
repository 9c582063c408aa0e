/**
 * A candidate's phone, in Debian's Chromium: how long the materials page takes to prepare a
 * 12 MP (4000×3000) photo for upload, and how many JS/CSS bytes the page costs.
 *
 *   npx tsx bench/phone-prep/run.ts [--runs 3] [--rate 4]
 *
 * Phone emulation (375×812, scale 2, touch) and CPU throttling through CDP
 * (Emulation.setCPUThrottlingRate on the page and, where Chromium offers it, on the
 * preparation worker). For each mode it picks the photo in the 身份证明 card of a logged-in
 * candidate and times, inside the page, from the upload dialog opening (the moment the file is chosen) to
 * the prepared notice (已自动处理…), and the longest the page's main thread went without painting a frame
 * meanwhile (a requestAnimationFrame probe: the page "freezes" for that long). Modes:
 *   - worker, unthrottled        — the same-run baseline;
 *   - worker, throttled          — the figure the issue asks about (target ≤ 5 s);
 *   - page thread, throttled     — the fallback (OffscreenCanvas removed before the app loads, so
 *                                  the app prepares on its own thread, as before the worker): the
 *                                  same work, all of it slowed by the throttling.
 * Chromium's CDP throttling slows the page's thread only (the bench measures this with a busy
 * loop on each thread): the worker's throttled figure is then flattering, and the page-thread
 * figure is the honest one for a phone that is 4× slower on every core.
 * Then a cold load of /materials: every script and stylesheet, bytes on the wire (as served,
 * with the server's own compression if any) and decoded, plus what gzip -9 and brotli -11 of
 * the same files would weigh (the serving work precompresses them).
 *
 * The machine is shared: absolute times are noisy; compare the modes of one run.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import sharp from 'sharp';
import { ensureWebBuild, launchChromium } from '../../test/support/browser.js';
import { startTestServer } from '../../test/support/start-server.js';
import { fmt } from '../lib/stats.js';

const CANDIDATE = '2026990100003';
const PASSWORD = 'Demo#2026';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}
const RUNS = arg('runs', 3);
const RATE = arg('rate', 4);

/** A 12 MP phone photo of an A4 page on a desk, stored sideways (EXIF orientation 6) like a phone does. */
async function phonePhoto(file: string): Promise<number> {
  const lines = Array.from({ length: 34 }, (_, i) => `<rect x="${700 + (i % 3) * 40}" y="${560 + i * 56}" width="${1900 - (i % 5) * 160}" height="22" fill="#3a3a3a"/>`).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="4000" height="3000">
    <rect width="4000" height="3000" fill="#8a6f55"/>
    <rect x="520" y="360" width="2960" height="2300" fill="#f4f1ea"/>${lines}
    <circle cx="3000" cy="2250" r="180" fill="none" stroke="#c0392b" stroke-width="16"/></svg>`;
  const page = await sharp(Buffer.from(svg)).raw().toBuffer({ resolveWithObject: true });
  // Sensor noise, so the JPEG weighs what a phone's does (~3–5 MB).
  const noise = await sharp({ create: { width: 4000, height: 3000, channels: 3, background: '#000', noise: { type: 'gaussian', mean: 128, sigma: 16 } } }).raw().toBuffer();
  const px = page.data;
  const ch = page.info.channels;
  for (let i = 0, j = 0; i < px.length; i += ch, j += 3) {
    for (let c = 0; c < 3; c++) px[i + c] = Math.max(0, Math.min(255, px[i + c]! + noise[j + c]! - 128));
  }
  // Stored sideways: the raw pixels turned a quarter back, orientation 6 turns them upright.
  const jpeg = await sharp(px, { raw: page.info }).removeAlpha().rotate(-90).jpeg({ quality: 92 }).withMetadata({ orientation: 6 }).toBuffer();
  await sharp(jpeg).toFile(file);
  return jpeg.length;
}

interface Timing {
  ms: number;
  /** Longest gap between painted frames on the page's main thread meanwhile. */
  freezeMs: number;
  where: string;
}

/**
 * In the page: from the dialog opening to the prepared notice, and the longest frame gap meanwhile.
 * A string, not a function: tsx would add helpers (__name) the page does not have.
 */
const PROBE = `(() => {
    const state = { start: 0, end: 0, gap: 0 };
  window.__prep = state;
  let last = 0;
  const frame = (t) => {
    if (state.start > 0 && state.end === 0) state.gap = Math.max(state.gap, t - last);
    last = t;
    if (state.end === 0) requestAnimationFrame(frame);
  };
  // The dialog opens the moment the file is chosen; the notice shows once the photo is prepared.
  const seen = new MutationObserver(() => {
    if (state.start === 0 && document.querySelector('[data-testid=upload-preview]')) {
      state.start = performance.now();
      last = state.start;
      requestAnimationFrame(frame);
    }
    if (state.start > 0 && state.end === 0 && document.querySelector('[data-testid=upload-notice]')) {
      state.end = performance.now();
      state.gap = Math.max(state.gap, state.end - last);
      seen.disconnect();
    }
  });
  document.addEventListener('DOMContentLoaded', () => seen.observe(document.body, { childList: true, subtree: true }));
})()`;

async function loggedInContext(browser: Browser, baseUrl: string, pageThread: boolean): Promise<{ context: BrowserContext; page: Page; cdp: CDPSession }> {
  const context = await browser.newContext({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' });
  const login = await context.request.post(`${baseUrl}/api/v1/auth/login`, { data: { username: CANDIDATE, password: PASSWORD } });
  if (!login.ok()) throw new Error(`login: ${login.status()} ${await login.text()}`);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  await context.request.post(`${baseUrl}/api/v1/candidate/activate`, { data: { agree: true }, headers: { 'X-CSRF-Token': csrfToken } });
  if (pageThread) {
    // The browser without OffscreenCanvas: the app prepares on its own thread, as before the worker.
    await context.addInitScript(() => {
      delete (globalThis as { OffscreenCanvas?: unknown }).OffscreenCanvas;
    });
  }
  await context.addInitScript(PROBE);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  return { context, page, cdp };
}

/**
 * How much Emulation.setCPUThrottlingRate slows the page's thread and a dedicated worker: the
 * same busy loop, timed by each thread's own clock, unthrottled and throttled. (Chromium 156
 * throttles the page's thread only; a worker target answers "Operation is only supported for
 * pages, not workers", so the worker's share cannot be slowed through CDP.)
 */
async function calibrate(browser: Browser, rate: number): Promise<{ page: number; worker: number }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('data:text/html,<p>calibration</p>');
  const cdp = await context.newCDPSession(page);
  const loop = 'const t = performance.now(); let x = 0; for (let i = 0; i < 6e8; i++) x += i % 7;';
  const inWorker = () =>
    page.evaluate(`new Promise((resolve) => {
      const w = new Worker(URL.createObjectURL(new Blob(['onmessage = () => { ${loop} postMessage(performance.now() - t + x * 0); }'], { type: 'text/javascript' })));
      w.onmessage = (e) => { w.terminate(); resolve(e.data); };
      w.postMessage(0);
    })`) as Promise<number>;
  const onPage = () => page.evaluate(`(() => { ${loop} return performance.now() - t + x * 0; })()`) as Promise<number>;
  const best = async (f: () => Promise<number>) => median([await f(), await f(), await f()]);
  const plain = { page: await best(onPage), worker: await best(inWorker) };
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  const slow = { page: await best(onPage), worker: await best(inWorker) };
  await context.close();
  return { page: slow.page / plain.page, worker: slow.worker / plain.worker };
}

async function prepareOnce(browser: Browser, baseUrl: string, photo: string, opts: { rate: number; pageThread: boolean }): Promise<Timing> {
  const { context, page, cdp } = await loggedInContext(browser, baseUrl, opts.pageThread);
  try {
    await page.goto(`${baseUrl}/materials`);
    const input = page.getByTestId('category-id_card').locator('input[type=file]');
    await input.waitFor({ state: 'attached', timeout: 60_000 });
    await page.waitForLoadState('networkidle');
    if (opts.rate > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: opts.rate });
    await input.setInputFiles(photo);
    await page.getByTestId('upload-notice').waitFor({ timeout: 180_000 });
    const r = await page.evaluate(() => (window as unknown as { __prep: { start: number; end: number; gap: number } }).__prep);
    const where = (await page.evaluate(() => typeof OffscreenCanvas)) === 'undefined' ? 'page thread' : 'worker';
    return { ms: r.end - r.start, freezeMs: r.gap, where };
  } finally {
    await context.close();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function assetBytes(browser: Browser, baseUrl: string): Promise<void> {
  const { context, page } = await loggedInContext(browser, baseUrl, false);
  const assets: { url: string; type: string; wire: number; encoding: string; raw: Buffer }[] = [];
  page.on('response', (res) => {
    const type = res.request().resourceType();
    if (type !== 'script' && type !== 'stylesheet') return;
    void (async () => {
      const raw = await res.body().catch(() => Buffer.alloc(0));
      const sizes = await res.request().sizes();
      assets.push({ url: new URL(res.url()).pathname, type, wire: sizes.responseBodySize, encoding: (await res.allHeaders())['content-encoding'] ?? 'identity', raw });
    })();
  });
  await page.goto(`${baseUrl}/materials`, { waitUntil: 'networkidle' });
  await page.getByTestId('category-id_card').waitFor();
  await page.waitForTimeout(500);
  await context.close();
  const sum = (f: (a: (typeof assets)[number]) => number) => assets.reduce((s, a) => s + f(a), 0);
  const gz = (b: Buffer) => gzipSync(b, { level: 9 }).length;
  const br = (b: Buffer) => brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: b.length } }).length;
  const kb = (n: number) => `${fmt(n / 1024)} KB`;
  console.log(`\nCold load of /materials (logged in): ${assets.length} scripts and stylesheets`);
  console.log('  file                                     served   encoding     raw      gzip-9   brotli-11');
  for (const a of assets.sort((x, y) => y.raw.length - x.raw.length)) {
    console.log(`  ${a.url.padEnd(40).slice(0, 40)} ${kb(a.wire).padStart(9)} ${a.encoding.padEnd(9)} ${kb(a.raw.length).padStart(9)} ${kb(gz(a.raw)).padStart(9)} ${kb(br(a.raw)).padStart(9)}`);
  }
  const raw = sum((a) => a.raw.length);
  console.log(`  TOTAL  served (on the wire) ${kb(sum((a) => a.wire))}   raw ${kb(raw)}   gzip-9 ${kb(sum((a) => gz(a.raw)))}   brotli-11 ${kb(sum((a) => br(a.raw)))}`);
  console.log(`  served / raw = ${fmt(sum((a) => a.wire) / raw, 2)}; target: half of the issue's ~1.5 MB, i.e. ≤ 750 KB on the wire`);
}

async function main(): Promise<void> {
  ensureWebBuild();
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'bench-phone-prep-'));
  const photo = path.join(tmp, 'IMG_20260301_101500.jpg');
  const bytes = await phonePhoto(photo);
  const server = await startTestServer();
  const browser = await launchChromium();
  try {
    console.log(`Phone preparation of a 4000×3000 JPEG (${fmt(bytes / 1e6, 2)} MB, EXIF orientation 6); ${RUNS} runs per mode, median; machine shared (${os.cpus().length} cores)`);
    const modes = [
      { label: 'worker, no throttling (baseline)', rate: 1, pageThread: false },
      { label: `worker, ${RATE}× CPU throttling`, rate: RATE, pageThread: false },
      { label: `page thread, ${RATE}× throttling`, rate: RATE, pageThread: true },
    ];
    const results: { label: string; ms: number; freeze: number; where: string }[] = [];
    for (const m of modes) {
      const runs: Timing[] = [];
      for (let i = 0; i < RUNS; i++) runs.push(await prepareOnce(browser, server.baseUrl, photo, m));
      const r = { label: m.label, ms: median(runs.map((x) => x.ms)), freeze: median(runs.map((x) => x.freezeMs)), where: runs[0]!.where };
      results.push(r);
      console.log(`  ${r.label.padEnd(40)} ${fmt(r.ms / 1000, 2).padStart(6)} s   longest frozen frame ${fmt(r.freeze).padStart(7)} ms   [${r.where}; runs: ${runs.map((x) => fmt(x.ms / 1000, 2)).join(', ')} s]`);
    }
    const [base, worker, old] = results as [(typeof results)[0], (typeof results)[0], (typeof results)[0]];
    console.log(`  worker throttled / baseline = ${fmt(worker.ms / base.ms, 2)}×; page thread throttled / worker throttled = ${fmt(old.ms / worker.ms, 2)}×`);
    const cal = await calibrate(browser, RATE);
    console.log(`  CDP throttling ${RATE}× measured: page thread ${fmt(cal.page, 2)}× slower, dedicated worker ${fmt(cal.worker, 2)}× slower`);
    if (cal.worker < RATE * 0.75) {
      // The worker ran at full speed: on a phone 4× slower everywhere it would not. The page-thread
      // mode does the same work with all of it throttled: that is the honest phone figure.
      console.log(`  the worker was not throttled, so its throttled figure flatters it; a phone ${RATE}× slower on every core: ≈ ${fmt(old.ms / 1000, 2)} s (the page-thread mode, same work all throttled); target ≤ 5 s: ${old.ms <= 5000 ? 'met' : 'NOT met'}`);
    } else {
      console.log(`  target ≤ 5 s under ${RATE}× throttling: ${worker.ms <= 5000 ? 'met' : 'NOT met'}`);
    }
    await assetBytes(browser, server.baseUrl);
  } finally {
    await browser.close();
    await server.close();
    await rm(tmp, { recursive: true, force: true });
  }
}

await main();
