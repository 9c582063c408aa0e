/**
 * What every end-to-end test does around the browser: the built web client and the
 * server under test, Debian's Chromium, pages at phone or desktop size, screenshots in
 * test-output/screenshots/, logging in through the login page.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const SHOTS = path.join(ROOT, 'test-output/screenshots');

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Builds web/dist when it is missing or older than the newest source file (web/src, the src/domain it imports, web/index.html). */
export function ensureWebBuild(): void {
  const index = path.join(ROOT, 'web/dist/index.html');
  const newest = (dir: string): number =>
    readdirSync(dir, { withFileTypes: true }).reduce((m, e) => {
      const p = path.join(dir, e.name);
      return Math.max(m, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
    }, 0);
  const sourcesAt = Math.max(newest(path.join(ROOT, 'web/src')), newest(path.join(ROOT, 'src/domain')), statSync(path.join(ROOT, 'web/index.html')).mtimeMs);
  if (existsSync(index) && statSync(index).mtimeMs >= sourcesAt) return;
  // vitest runs with NODE_ENV=test, which would make vite build a development bundle.
  execFileSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
}

/**
 * The server under test: the one at E2E_BASE_URL when set (already running, with demo
 * data), otherwise a fresh test server serving the built web client.
 */
export async function serverUnderTest(): Promise<{ baseUrl: string; close: () => Promise<void> }> {
  if (process.env.E2E_BASE_URL) return { baseUrl: process.env.E2E_BASE_URL.replace(/\/$/, ''), close: async () => undefined };
  ensureWebBuild();
  const { startTestServer } = await import('./start-server.js');
  const server = await startTestServer();
  return { baseUrl: server.baseUrl.replace(/\/$/, ''), close: () => server.close() };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

export interface PageOptions extends Omit<BrowserContextOptions, 'viewport'> {
  width: number;
  height: number;
  /** A phone: device scale 2, mobile viewport, touch. */
  mobile?: boolean;
  /** Collects the page's uncaught errors (pageerror) and content security policy violations. */
  errors?: string[];
}

/** A page in a context of its own (locale zh-CN); page.context() closes it. */
export async function newPage(browser: Browser, { width, height, mobile = false, errors, ...options }: PageOptions): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width, height },
    ...(mobile ? { deviceScaleFactor: 2, isMobile: true, hasTouch: true } : {}),
    locale: 'zh-CN',
    ...options,
  });
  const page = await context.newPage();
  if (errors) {
    page.on('pageerror', (e) => errors.push(e.message));
    // A blocked script, style or image is reported on the console: the page must pass its CSP.
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) errors.push(`CSP: ${m.text()}`);
    });
  }
  return page;
}

/** Lets opening and closing animations (dialogs, popovers, menus) finish, so a screenshot shows the settled page. */
export async function settle(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    for (let i = 0; i < 20; i++) {
      await frame(); // an animation starts a frame after its class is set
      const running = document.getAnimations().filter((a) => a.effect?.getComputedTiming().iterations !== Infinity && a.playState === 'running');
      if (running.length === 0) return;
      await Promise.all(running.map((a) => a.finished.catch(() => undefined)));
    }
  });
}

/** Saves test-output/screenshots/<name>-<viewport width>.png once animations have settled: the whole page, or what the screen shows. */
export async function saveScreenshot(page: Page, name: string, fullPage = true): Promise<void> {
  await settle(page);
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}-${page.viewportSize()?.width ?? 0}.png`), fullPage });
}

/** Removes the screenshots of an earlier run whose names start with <prefix>-. */
export function clearScreenshots(prefix: string): void {
  mkdirSync(SHOTS, { recursive: true });
  for (const f of readdirSync(SHOTS)) if (f.startsWith(`${prefix}-`)) rmSync(path.join(SHOTS, f));
}

/**
 * Numbered screenshots <prefix>-NN-<name>-<width>.png, after removing the earlier run's;
 * fullPage false (what the screen shows) for an open dialog.
 */
export function screenshots(prefix: string, { fullPage: byDefault = true } = {}) {
  clearScreenshots(prefix);
  let n = 0;
  return async (page: Page, name: string, fullPage = byDefault): Promise<void> => {
    n += 1;
    await saveScreenshot(page, `${prefix}-${String(n).padStart(2, '0')}-${name}`, fullPage);
  };
}

/** expect.poll with room for a loaded machine (its default gives up after 1 s). */
export const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 20_000, interval: 100 });

export async function noHorizontalScroll(page: Page): Promise<void> {
  const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(scroll, 'page wider than the screen').toBeLessThanOrEqual(client);
}

/** Fills in and sends the login form the page shows. */
export async function submitLogin(page: Page, username: string, password: string): Promise<void> {
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(password);
  await page.locator('button[type=submit]').click();
}

/** Logs in on the login page; with `landing`, waits until the app has moved there. */
export async function loginThroughUi(page: Page, baseUrl: string, username: string, password: string, landing?: Parameters<Page['waitForURL']>[0]): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await submitLogin(page, username, password);
  if (landing) await page.waitForURL(landing);
}
