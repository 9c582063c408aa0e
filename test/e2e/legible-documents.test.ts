/**
 * End to end, in Debian's Chromium at phone size: a 4000×3000 phone photo of an A4
 * certificate goes through the page's own preparation (shrunk under 200 KB in the
 * browser), is uploaded, watermarked and stored by the server; a reviewer then fetches the
 * STORED image and Tesseract (chi_sim+eng) must read the holder's name and the
 * 18-character certificate number in its small print, as it does from the original.
 * The candidate can zoom the preview before uploading. The original and the stored image
 * are saved to test-output/screenshots/legible-*.jpg for a look.
 */
import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { ApiClient } from '../support/api-client.js';
import { SHOTS, launchChromium, loginThroughUi, newPage, poll, screenshots, serverUnderTest } from '../support/browser.js';
import { DEFAULT_CERTIFICATE, makeCertificatePhoto } from '../fixtures/make-certificate-photo.js';

const run = promisify(execFile);
const CANDIDATE = '2026990100008';
const REVIEWER = 'site9901';
const PASSWORD = 'Demo#2026';
const MAX_BYTES = 204_800;
const CATEGORY = 'graduation_cert';
const { holderName, certificateNo } = DEFAULT_CERTIFICATE;

let baseUrl = '';
let closeServer: (() => Promise<void>) | null = null;
let browser: Browser;
let page: Page;
let tmp = '';
let photoFile = '';
let original: Buffer = Buffer.alloc(0);
const pageErrors: string[] = [];
const shot = screenshots('legible', { fullPage: false });

/**
 * What a reviewer's OCR reads: the picture in grey, Tesseract with the Simplified Chinese and
 * English models, page segmentation 3 (automatic) and 6 (one block of text), both readings
 * joined with the whitespace Tesseract puts between Chinese characters removed.
 */
async function ocr(image: Buffer, name: string): Promise<string> {
  const file = path.join(tmp, `${name}-ocr.png`);
  await sharp(image).greyscale().png().toFile(file);
  let text = '';
  for (const psm of ['3', '6']) {
    const { stdout } = await run('tesseract', [file, '-', '-l', 'chi_sim+eng', '--psm', psm], { maxBuffer: 1 << 22 });
    text += stdout;
  }
  return text.replace(/\s+/g, '');
}

/** Share of reddish watermark pixels (paper is cream, print black) in each ninth of the image. */
async function redShareByNinth(image: Buffer): Promise<number[]> {
  const { data, info } = await sharp(image).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const counts = Array.from({ length: 9 }, () => ({ red: 0, n: 0 }));
  for (let y = 0; y < info.height; y++) {
    for (let x = 0; x < info.width; x++) {
      const i = (y * info.width + x) * 3;
      const c = counts[Math.floor((y * 3) / info.height) * 3 + Math.floor((x * 3) / info.width)]!;
      c.n++;
      if (data[i]! - data[i + 1]! > 40 && data[i]! > 180) c.red++;
    }
  }
  return counts.map((c) => c.red / c.n);
}

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'e2e-legible-'));
  original = await makeCertificatePhoto();
  photoFile = path.join(tmp, 'IMG_20261205_093000.jpg');
  await writeFile(photoFile, original);
  mkdirSync(SHOTS, { recursive: true });
  await writeFile(path.join(SHOTS, 'legible-original-4000.jpg'), original);
  const server = await serverUnderTest();
  baseUrl = server.baseUrl;
  closeServer = server.close;
  browser = await launchChromium();
  page = await newPage(browser, { width: 375, height: 812, mobile: true, errors: pageErrors });
});

afterAll(async () => {
  await browser?.close();
  await closeServer?.();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe('a phone photo of a certificate stays legible within 200 KB', () => {
  it('the original photo: 4000×3000, over 200 KB, and OCR reads the name and the 18-character number', async () => {
    const meta = await sharp(original).metadata();
    expect([meta.width, meta.height]).toEqual([4000, 3000]);
    expect(original.length).toBeGreaterThan(MAX_BYTES);
    expect(certificateNo).toHaveLength(18);
    const text = await ocr(original, 'original');
    expect(text).toContain(certificateNo);
    expect(text).toContain(holderName);
  });

  it('the page prepares it at ≥ 1600 px on the long side and the preview can be zoomed, by touch and by keyboard', async () => {
    await loginThroughUi(page, baseUrl, CANDIDATE, PASSWORD, (u) => u.pathname !== '/login');
    const reg = (await (await page.request.get(`${baseUrl}/api/v1/candidate/registration`)).json()) as { activated: boolean };
    if (!reg.activated) {
      await page.goto(`${baseUrl}/activate`);
      await page.getByTestId('consent-agree').click();
      await page.getByTestId('activate-submit').click();
      await page.waitForURL(/\/materials$/);
    }
    await page.goto(`${baseUrl}/materials`);
    const card = page.getByTestId(`category-${CATEGORY}`);
    await card.waitFor();
    await card.locator('input[type=file]').setInputFiles(photoFile);
    const notice = page.getByTestId('upload-notice');
    await notice.waitFor({ timeout: 90_000 });
    const preview = page.getByTestId('upload-preview');
    const img = preview.locator('img');
    const w = Number(await img.getAttribute('data-width'));
    const h = Number(await img.getAttribute('data-height'));
    expect(Math.max(w, h)).toBeGreaterThanOrEqual(1600);
    expect(w / h).toBeCloseTo(4 / 3, 1);
    await shot(page, 'preview-fitted');

    // Buttons: 放大 twice, then 适合窗口.
    expect(await preview.getAttribute('data-scale')).toBe('1.00');
    await page.getByTestId('zoom-in').click();
    await page.getByTestId('zoom-in').click();
    await poll(async () => Number(await preview.getAttribute('data-scale'))).toBeGreaterThan(2);
    await shot(page, 'preview-zoomed');
    await page.getByTestId('zoom-reset').click();
    await poll(() => preview.getAttribute('data-scale')).toBe('1.00');
    // Keyboard: the preview takes focus; + zooms, 0 fits again.
    await preview.focus();
    await page.keyboard.press('+');
    await poll(async () => Number(await preview.getAttribute('data-scale'))).toBeGreaterThan(1);
    await page.keyboard.press('0');
    await poll(() => preview.getAttribute('data-scale')).toBe('1.00');
    // Double-tap zooms in where the finger is (the small print at the bottom left).
    const box = (await preview.boundingBox())!;
    await preview.dblclick({ position: { x: box.width * 0.3, y: box.height * 0.75 } });
    await poll(async () => Number(await preview.getAttribute('data-scale'))).toBeGreaterThan(2);
    await shot(page, 'preview-small-print');
    await page.keyboard.press('0');

    const posted = page.waitForResponse((r) => r.url().endsWith(`/materials/${CATEGORY}/images`) && r.request().method() === 'POST');
    await page.getByTestId('upload-submit').click();
    const res = await posted;
    expect(res.status()).toBe(201);
    expect(res.request().postDataBuffer()?.length ?? 0).toBeLessThan(MAX_BYTES + 4096);
    await poll(() => card.getByTestId('image-tile').count()).toBe(1);
  });

  it('a reviewer fetches the stored image: within 200 KB, ≥ 1600 px, watermarked all over, and OCR reads the name and the number', async () => {
    const materials = (await (await page.request.get(`${baseUrl}/api/v1/candidate/materials`)).json()) as {
      categories: { code: string; images: { url: string; width: number; height: number; bytes: number }[] }[];
    };
    const image = materials.categories.find((c) => c.code === CATEGORY)!.images[0]!;
    const reviewer = new ApiClient(baseUrl);
    expect((await reviewer.login(REVIEWER, PASSWORD)).status).toBe(200);
    const res = await reviewer.request('GET', new URL(image.url, baseUrl).pathname);
    expect(res.status).toBe(200);
    const stored = res.body as Buffer;
    await writeFile(path.join(SHOTS, 'legible-stored.jpg'), stored);

    expect(stored.length).toBeLessThanOrEqual(MAX_BYTES);
    const meta = await sharp(stored).metadata();
    expect(Math.max(meta.width!, meta.height!)).toBeGreaterThanOrEqual(1600);
    // Still a real watermark: red marks in every ninth, so no crop of a corner escapes it.
    for (const share of await redShareByNinth(stored)) expect(share).toBeGreaterThan(0.003);

    const text = await ocr(stored, 'stored');
    expect(text, 'the 18-character certificate number in the small print').toContain(certificateNo);
    expect(text, "the holder's name").toContain(holderName);
    expect(pageErrors).toEqual([]);
  });
});
