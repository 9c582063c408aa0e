/** Shared pieces of the administration end-to-end tests: the built web client, Chromium, screenshots. */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const SHOTS = path.join(ROOT, 'test-output/screenshots');

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Builds web/dist when it is missing or older than the newest source file. */
export function ensureWebBuild(): void {
  const index = path.join(ROOT, 'web/dist/index.html');
  const newest = (dir: string): number =>
    readdirSync(dir, { withFileTypes: true }).reduce((m, e) => {
      const p = path.join(dir, e.name);
      return Math.max(m, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
    }, 0);
  const sourcesAt = Math.max(newest(path.join(ROOT, 'web/src')), statSync(path.join(ROOT, 'web/index.html')).mtimeMs);
  if (existsSync(index) && statSync(index).mtimeMs >= sourcesAt) return;
  // vitest runs with NODE_ENV=test, which would make vite build a development bundle.
  execFileSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/** Screenshots named <prefix>-NN-<name>-<width>.png; earlier ones of the same prefix are removed first. */
export function screenshots(prefix: string) {
  mkdirSync(SHOTS, { recursive: true });
  for (const f of readdirSync(SHOTS)) if (f.startsWith(`${prefix}-`)) rmSync(path.join(SHOTS, f));
  let n = 0;
  return async (page: Page, name: string, fullPage = true) => {
    n += 1;
    if (!fullPage) await page.waitForTimeout(600); // let a dialog's opening animation end
    await page.screenshot({ path: path.join(SHOTS, `${prefix}-${String(n).padStart(2, '0')}-${name}-${page.viewportSize()?.width ?? 0}.png`), fullPage });
  };
}

/** expect.poll with room for a loaded machine. */
export const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 20_000, interval: 100 });

export async function loginThroughPage(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(password);
  await page.locator('button[type=submit]').click();
}

/** The page's own fetch with its session cookie and CSRF token: what a script in the page could send. */
export async function uploadFromPage(page: Page, categoryCode: string, bytes: Buffer): Promise<{ status: number; body: any }> {
  return page.evaluate(
    async ({ code, data }) => {
      const me = await (await fetch('/api/v1/auth/me')).json();
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(data)], { type: 'image/jpeg' }), 'photo.jpg');
      const res = await fetch(`/api/v1/candidate/materials/${code}/images`, { method: 'POST', body: form, headers: { 'X-CSRF-Token': me.csrfToken } });
      return { status: res.status, body: await res.json() };
    },
    { code: categoryCode, data: [...bytes] },
  );
}
