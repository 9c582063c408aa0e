/**
 * The candidate's upload never gets stuck (issue 13, "Never stuck"), in Debian's Chromium at
 * 375×812 against the real server: two photos chosen at once are prepared in the worker and
 * each climbs its own percentage to done; a busy server (503 OVERLOADED) shows 排队中 and the
 * page retries by itself; the connection drops mid-upload (CDP network emulation, offline)
 * after the server has already stored the photo, the page says 网络已断开 and, back online,
 * sends again with the same Idempotency-Key, and exactly one image is stored; the phone's
 * Back asks before discarding a prepared photo, and closes the delete question like 取消.
 * Screenshots of each state.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, CDPSession, Locator, Page } from 'playwright-core';
import sharp from 'sharp';
import { launchChromium, newPage, noHorizontalScroll, poll, screenshots, serverUnderTest, submitLogin } from '../support/browser.js';
import { ApiClient } from '../support/api-client.js';

const CANDIDATE = '2026990100003';
const PASSWORD = 'Demo#2026';
const UPLOAD_PATH = /\/api\/v1\/candidate\/materials\/[a-z_]+\/images$/;

let baseUrl = '';
let closeServer: (() => Promise<void>) | null = null;
let browser: Browser;
let page: Page;
let cdp: CDPSession;
let tmp = '';
const pageErrors: string[] = [];
const shot = screenshots('upload-resilience', { fullPage: false });

/** A 4000×3000 phone photo (12 MP) full of fine detail, so the prepared JPEG is close to 200 KB. */
async function phonePhoto(name: string, seed: number): Promise<string> {
  const file = path.join(tmp, name);
  const noise = await sharp({ create: { width: 1000, height: 750, channels: 3, background: '#000', noise: { type: 'gaussian', mean: 120 + seed, sigma: 40 } } })
    .png()
    .toBuffer();
  await sharp(noise).resize(4000, 3000, { kernel: 'cubic' }).jpeg({ quality: 92 }).toFile(file);
  return file;
}

async function imagesOf(code: string): Promise<{ id: string }[]> {
  const res = await page.request.get(`${baseUrl}/api/v1/candidate/materials`);
  expect(res.status()).toBe(200);
  const body = (await res.json()) as { categories: { code: string; images: { id: string }[] }[] };
  return body.categories.find((c) => c.code === code)?.images ?? [];
}

const card = (code: string): Locator => page.getByTestId(`category-${code}`);

/** A category's card; on a phone an empty optional one sits in the folded 选传材料 group, opened first. */
async function openCard(code: string): Promise<Locator> {
  await page.getByTestId('materials-page').waitFor();
  if ((await card(code).count()) === 0) {
    const folded = page.getByTestId('optional-categories');
    if (await folded.count()) await folded.getByRole('button').first().click();
  }
  await card(code).waitFor();
  return card(code);
}

/** Network emulation through CDP: offline, or an upload line of `uploadKBps`. */
async function network(opts: { offline?: boolean; uploadKBps?: number }): Promise<void> {
  await cdp.send('Network.emulateNetworkConditions', {
    offline: opts.offline ?? false,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: opts.uploadKBps ? opts.uploadKBps * 1024 : -1,
  });
}

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'e2e-upload-'));
  const server = await serverUnderTest();
  baseUrl = server.baseUrl;
  closeServer = server.close;
  browser = await launchChromium();
  page = await newPage(browser, { width: 375, height: 812, mobile: true, errors: pageErrors });
  cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await page.goto(`${baseUrl}/login`);
  await submitLogin(page, CANDIDATE, PASSWORD);
  await page.waitForURL(/\/activate$/);
  await page.getByTestId('consent-agree').click();
  await page.getByTestId('activate-submit').click();
  await page.waitForURL(/\/materials$/);
});

afterAll(async () => {
  await browser?.close();
  await closeServer?.();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe('upload that never gets stuck (375 px phone)', () => {
  it('takes two photos at once: each its own row, prepared in the worker, each with its own percentage to done', async () => {
    const files = [await phonePhoto('IMG_front.jpg', 0), await phonePhoto('IMG_back.jpg', 20)];
    await card('id_card').locator('input[type=file]').setInputFiles(files);
    const rows = page.getByTestId('upload-row');
    await poll(() => rows.count()).toBe(2);
    // The worker takes the photos one by one, each with its own 正在处理图片 N%.
    const preparing = page.locator('[data-testid=upload-progress][data-state=preparing]').first();
    await preparing.waitFor({ timeout: 30_000 });
    expect(await preparing.innerText()).toMatch(/正在处理图片 \d+%/);
    await shot(page, 'preparing');
    await poll(() => page.locator('[data-testid=upload-row][data-state=ready]').count()).toBe(2);
    expect(await page.locator('.ant-modal-title').innerText()).toContain('2 张');
    expect(await page.getByTestId('upload-row-notice').first().innerText()).toContain('已自动处理');
    await noHorizontalScroll(page);
    await shot(page, 'two-prepared');

    // A slow line (about 40 KB/s up) so the percentages can be seen moving.
    await network({ uploadKBps: 40 });
    const keys: string[] = [];
    page.on('request', (r) => {
      if (UPLOAD_PATH.test(r.url()) && r.method() === 'POST') keys.push(r.headers()['idempotency-key'] ?? '');
    });
    await page.getByTestId('upload-submit').click();
    const seen = new Map<number, Set<number>>();
    let shotTaken = false;
    await poll(async () => {
      const states = await page.getByTestId('upload-progress').evaluateAll((els) => els.map((e) => [e.getAttribute('data-state'), Number(e.getAttribute('data-percent'))] as const));
      states.forEach(([state, pct], i) => {
        if (state === 'sending') (seen.get(i) ?? seen.set(i, new Set()).get(i)!).add(pct);
      });
      if (!shotTaken && states.some(([s, p]) => s === 'sending' && p > 0 && p < 100)) {
        shotTaken = true;
        await shot(page, 'progress');
      }
      return [...seen.values()].filter((s) => [...s].some((p) => p > 0 && p < 100)).length;
    }).toBe(2);
    await network({});
    // Both stored: the dialog closes by itself and the card shows two tiles.
    await page.locator('.ant-modal').waitFor({ state: 'hidden', timeout: 60_000 });
    await poll(() => card('id_card').getByTestId('image-tile').count()).toBe(2);
    expect(await imagesOf('id_card')).toHaveLength(2);
    expect(new Set(keys).size).toBe(2); // one key per photo
    await shot(page, 'two-uploaded');
  });

  it('a busy server: 排队中 is said, and the page retries by itself with the same key', async () => {
    const keys: string[] = [];
    let answered503 = false;
    await page.route(UPLOAD_PATH, async (route) => {
      keys.push(route.request().headers()['idempotency-key'] ?? '');
      if (!answered503) {
        answered503 = true;
        await route.fulfill({
          status: 503,
          headers: { 'content-type': 'application/json', 'retry-after': '3' },
          body: JSON.stringify({ error: { code: 'OVERLOADED', message: '当前上传人数较多，正在排队', details: { retryAfterSeconds: 3 } } }),
        });
        return;
      }
      await route.continue();
    });
    try {
      await (await openCard('other')).locator('input[type=file]').setInputFiles(await phonePhoto('IMG_other.jpg', 40));
      await page.getByTestId('upload-notice').waitFor({ timeout: 60_000 });
      await page.getByTestId('upload-submit').click();
      await page.getByTestId('upload-queued').waitFor();
      expect(await page.getByTestId('upload-progress').innerText()).toContain('排队中');
      expect(await page.getByTestId('upload-submit').innerText()).toContain('排队中');
      await shot(page, 'queued');
      await page.locator('.ant-modal').waitFor({ state: 'hidden', timeout: 30_000 });
      expect(keys).toHaveLength(2);
      expect(keys[1]).toBe(keys[0]);
      expect(await imagesOf('other')).toHaveLength(1);
    } finally {
      await page.unroute(UPLOAD_PATH);
    }
  });

  it('the line drops after the server stored the photo: 网络已断开 is said, and back online the same key stores exactly one image', async () => {
    const before = (await imagesOf('other')).length;
    const keys: string[] = [];
    let dropped = false;
    await page.route(UPLOAD_PATH, async (route) => {
      keys.push(route.request().headers()['idempotency-key'] ?? '');
      if (!dropped) {
        dropped = true;
        // The server gets the photo and stores it; the answer never reaches the phone.
        const res = await route.fetch();
        expect(res.status()).toBe(201);
        await network({ offline: true });
        await route.abort('internetdisconnected');
        return;
      }
      await route.continue();
    });
    try {
      await (await openCard('other')).locator('input[type=file]').setInputFiles(await phonePhoto('IMG_other2.jpg', 60));
      await page.getByTestId('upload-notice').waitFor({ timeout: 60_000 });
      await page.getByTestId('upload-submit').click();
      const offline = page.getByTestId('upload-offline');
      await offline.waitFor();
      expect(await offline.innerText()).toContain('网络已断开，恢复后自动继续');
      await poll(() => page.getByTestId('upload-progress').getAttribute('data-state')).toBe('offline');
      // 取消 stays usable while offline.
      expect(await page.getByTestId('upload-cancel').isEnabled()).toBe(true);
      await shot(page, 'offline');
      await page.waitForTimeout(1500);
      expect(keys).toHaveLength(1); // nothing is sent while offline

      await network({});
      await page.locator('.ant-modal').waitFor({ state: 'hidden', timeout: 30_000 });
      expect(keys).toHaveLength(2);
      expect(keys[1]).toBe(keys[0]);
      expect(await imagesOf('other')).toHaveLength(before + 1);
      await poll(() => card('other').getByTestId('image-tile').count()).toBe(before + 1);
    } finally {
      await network({});
      await page.unroute(UPLOAD_PATH);
    }
  });

  it("the phone's Back asks before discarding a prepared photo, and keeps it when told to", async () => {
    const url = page.url();
    await (await openCard('other')).locator('input[type=file]').setInputFiles(await phonePhoto('IMG_back_button.jpg', 80));
    await page.getByTestId('upload-notice').waitFor({ timeout: 60_000 });
    await page.goBack();
    const confirm = page.locator('.ant-modal-confirm');
    await confirm.waitFor();
    expect(await confirm.innerText()).toContain('放弃未上传的照片');
    await shot(page, 'back-asks');
    await confirm.getByRole('button', { name: '继续上传' }).click();
    await confirm.waitFor({ state: 'hidden' });
    expect(page.url()).toBe(url);
    expect(await page.getByTestId('upload-notice').isVisible()).toBe(true);

    await page.goBack();
    await confirm.waitFor();
    await confirm.getByRole('button', { name: '放 弃' }).or(confirm.getByRole('button', { name: '放弃' })).click();
    await page.getByTestId('upload-preview').waitFor({ state: 'detached' });
    expect(page.url()).toBe(url); // still on 上传相关材料
    expect(pageErrors).toEqual([]);
  });

  it("the phone's Back closes the delete question like 取消: the picture stays, and so does the page", async () => {
    // A picture of its own (over the API, as another tab would), so this stands alone.
    const other = new ApiClient(baseUrl);
    expect((await other.login(CANDIDATE, PASSWORD)).status).toBe(200);
    const jpeg = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#dfe6ee' } }).jpeg({ quality: 80 }).toBuffer();
    expect((await other.upload('graduation_cert', jpeg, 'diploma.jpg')).status).toBe(201);
    await page.reload();
    const tiles = (await openCard('graduation_cert')).getByTestId('image-tile');
    await poll(() => tiles.count()).toBe(1);
    const url = page.url();
    const trigger = card('graduation_cert').getByTestId('image-delete').first();
    await trigger.click();
    const confirm = page.locator('.ant-modal-confirm');
    await confirm.waitFor();
    expect(await confirm.innerText()).toContain('删除');
    await page.goBack();
    await confirm.waitFor({ state: 'hidden' });
    expect(page.url()).toBe(url);
    await page.getByTestId('materials-page').waitFor();
    expect(await tiles.count()).toBe(1);
    expect(await imagesOf('graduation_cert')).toHaveLength(1);
    // Focus goes back to the button that opened the question.
    await poll(() => trigger.evaluate((el) => el === document.activeElement)).toBe(true);
    await shot(page, 'back-closed-delete');
    // Esc closes it the same way, and the page stays.
    await trigger.click();
    await confirm.waitFor();
    await page.keyboard.press('Escape');
    await confirm.waitFor({ state: 'hidden' });
    expect(page.url()).toBe(url);
    expect(await imagesOf('graduation_cert')).toHaveLength(1);
  });
});
