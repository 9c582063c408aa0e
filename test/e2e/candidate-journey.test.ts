/**
 * End to end, in Debian's Chromium at phone size (375×812), against the real server
 * serving the built web client: a candidate logs in, activates, opens 上传相关材料,
 * uploads a 4 MB phone photo that is rotated by EXIF (the page shrinks it under 200 KB and
 * turns it upright before upload), uploads a PNG, fills 身份证明 (no third slot), deletes
 * one and uploads again, and sees the watermarked image. Screenshots of every step go to
 * test-output/screenshots/.
 *
 * E2E_BASE_URL=http://127.0.0.1:3000 runs it against a server already running (with demo
 * data); otherwise test/support/start-server.ts starts a fresh one.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import sharp from 'sharp';
import { launchChromium, newPage, noHorizontalScroll, poll, screenshots, serverUnderTest, submitLogin } from '../support/browser.js';

const CANDIDATE = '2026990100003';
const PASSWORD = 'Demo#2026';
const MAX_BYTES = 204_800;

interface ImageJson {
  id: string;
  categoryCode: string;
  url: string;
  thumbnailUrl: string;
  state: string;
  locked: boolean;
  width: number;
  height: number;
  bytes: number;
}
interface MaterialsJson {
  categories: { code: string; maxCount: number; images: ImageJson[] }[];
}

let baseUrl = '';
let closeServer: (() => Promise<void>) | null = null;
let browser: Browser;
let page: Page;
let tmp = '';
const pageErrors: string[] = [];
const shot = screenshots('candidate');

/** A 4000×3000 phone photo (paper on a table), ~4 MB, stored sideways with EXIF orientation 6. */
async function rotatedPhoto(file: string): Promise<number> {
  const W = 4000;
  const H = 3000;
  const raw = Buffer.alloc(W * H * 3);
  let seed = 12345;
  const rnd = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      let r = 110 + (40 * x) / W;
      let g = 90 + (30 * y) / H;
      let b = 70;
      if (x > 600 && x < 3400 && y > 450 && y < 2550) {
        r = 235 - (10 * y) / H;
        g = 232;
        b = 222;
        // Lines of "text": vertical as stored, so horizontal once the photo is upright.
        if ((3400 - x) % 120 < 14 && x > 800 && y > 650 && y < 2350) r = g = b = 60;
      }
      // A red marker in the stored top-left: upright (turned 90° clockwise) it is top-right.
      if (x < 1000 && y < 750) {
        r = 220;
        g = 30;
        b = 30;
      }
      const n = (rnd() - 0.5) * 16;
      const i = (y * W + x) * 3;
      raw[i] = Math.max(0, Math.min(255, r + n));
      raw[i + 1] = Math.max(0, Math.min(255, g + n));
      raw[i + 2] = Math.max(0, Math.min(255, b + n));
    }
  }
  const jpeg = await sharp(raw, { raw: { width: W, height: H, channels: 3 } })
    .jpeg({ quality: 95 })
    .withMetadata({ orientation: 6 })
    .toBuffer();
  await writeFile(file, jpeg);
  return jpeg.length;
}

/** A scanned-document-like PNG: flat background with a few blocks, well under 200 KB. */
async function documentPng(file: string, accent: string): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="760">
    <rect width="1200" height="760" fill="#e9eef5"/>
    <rect x="40" y="40" width="1120" height="680" rx="28" fill="#f7f9fc" stroke="#9fb3cf" stroke-width="6"/>
    <rect x="80" y="110" width="560" height="34" fill="#6b7f99"/>
    <rect x="80" y="190" width="480" height="34" fill="#6b7f99"/>
    <rect x="80" y="270" width="620" height="34" fill="#6b7f99"/>
    <rect x="80" y="560" width="760" height="44" fill="#37475c"/>
    <rect x="850" y="110" width="270" height="340" fill="${accent}"/>
  </svg>`;
  const png = await sharp(Buffer.from(svg)).png().toBuffer();
  await writeFile(file, png);
  return png;
}

/** A plain upright JPEG under 200 KB (no EXIF): uploaded as it is. */
async function smallJpeg(file: string): Promise<void> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1280" height="800">
    <rect width="1280" height="800" fill="#f3efe4"/>
    <rect x="60" y="60" width="1160" height="680" fill="#fffdf7" stroke="#b59b6a" stroke-width="8"/>
    <rect x="120" y="140" width="700" height="40" fill="#6d5a3a"/>
    <rect x="120" y="240" width="900" height="30" fill="#8c7a5b"/>
    <rect x="120" y="320" width="860" height="30" fill="#8c7a5b"/>
    <circle cx="1000" cy="600" r="90" fill="#c8473d" fill-opacity="0.8"/>
  </svg>`;
  await sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toFile(file);
}

async function materials(): Promise<MaterialsJson> {
  const res = await page.request.get(`${baseUrl}/api/v1/candidate/materials`);
  expect(res.status()).toBe(200);
  return (await res.json()) as MaterialsJson;
}

function card(code: string): Locator {
  return page.getByTestId(`category-${code}`);
}

/** Mean colour of a patch around (fx, fy) (fractions of width and height). */
async function patch(img: Buffer, fx: number, fy: number): Promise<{ r: number; g: number; b: number }> {
  const { data, info } = await sharp(img).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const cx = Math.round(info.width * fx);
  const cy = Math.round(info.height * fy);
  let r = 0;
  let g = 0;
  let b = 0;
  let n = 0;
  for (let y = cy - 20; y < cy + 20; y++) {
    for (let x = cx - 20; x < cx + 20; x++) {
      const i = (y * info.width + x) * info.channels;
      r += data[i] ?? 0;
      g += data[i + 1] ?? 0;
      b += data[i + 2] ?? 0;
      n++;
    }
  }
  return { r: r / n, g: g / n, b: b / n };
}

/** Largest mean difference over a 6×6 grid of tiles: a visible watermark makes some tile differ. */
async function maxTileDifference(stored: Buffer, original: Buffer): Promise<number> {
  const a = await sharp(stored).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const b = await sharp(original).resize(a.info.width, a.info.height, { fit: 'fill' }).removeAlpha().raw().toBuffer();
  const { width, height, channels } = a.info;
  const tw = Math.floor(width / 6);
  const th = Math.floor(height / 6);
  let worst = 0;
  for (let ty = 0; ty < 6; ty++) {
    for (let tx = 0; tx < 6; tx++) {
      let sum = 0;
      let n = 0;
      for (let y = ty * th; y < (ty + 1) * th; y++) {
        for (let x = tx * tw; x < (tx + 1) * tw; x++) {
          const i = (y * width + x) * channels;
          for (let c = 0; c < 3; c++) sum += Math.abs((a.data[i + c] ?? 0) - (b[i + c] ?? 0));
          n += 3;
        }
      }
      worst = Math.max(worst, sum / n);
    }
  }
  return worst;
}

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'e2e-candidate-'));
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

describe('candidate journey (375 px phone)', () => {
  it('logs in with the 报名号', async () => {
    await page.goto(`${baseUrl}/`);
    await page.waitForURL(/\/login$/);
    expect(await page.locator('.login-heading').innerText()).toContain('报名材料上传与审核');
    await noHorizontalScroll(page);
    await shot(page, 'login');
    await submitLogin(page, CANDIDATE, PASSWORD);
    await page.waitForURL(/\/activate$/);
  });

  it('activates once, after reading the consent (授权说明)', async () => {
    const consent = page.getByTestId('consent');
    await consent.waitFor();
    const text = await consent.innerText();
    for (const word of ['报名信息', '资格审核', '考点', '考区', '水印', '归档', 'GPS']) expect(text).toContain(word);
    const activate = page.getByTestId('activate-submit');
    expect(await activate.isDisabled()).toBe(true);
    await noHorizontalScroll(page);
    await shot(page, 'activate');
    await page.getByTestId('consent-agree').click();
    expect(await activate.isDisabled()).toBe(false);
    await activate.click();
    await page.waitForURL(/\/materials$/);
    // accepted once: the page does not come back
    await page.goto(`${baseUrl}/activate`);
    await page.waitForURL((u) => u.pathname === '/');
  });

  it('shows 报名信息 with the status at the top right and 上传相关材料', async () => {
    const regCard = page.getByTestId('registration-card');
    await regCard.waitFor();
    const tag = regCard.locator('.ant-card-extra [data-testid=status-tag]');
    expect(await tag.innerText()).toBe('填报');
    expect(await regCard.innerText()).toContain(CANDIDATE);
    await noHorizontalScroll(page);
    await shot(page, 'registration');
    await page.getByTestId('go-materials').click();
    await page.waitForURL(/\/materials$/);
  });

  it('shows the upload rules at the top of 上传相关材料', async () => {
    const rules = page.getByTestId('upload-rules');
    await rules.waitFor();
    const text = await rules.innerText();
    expect(text).toContain('jpg / jpeg / png');
    expect(text).toContain('200KB');
    expect(text).toContain('无需提交，上传后自动保存');
    expect(text).toContain('图片显示水印即表示上传成功');
    expect(await card('id_card').getByTestId('required-tag').innerText()).toBe('必传');
    expect(await card('id_card').getByTestId('upload-slot').innerText()).toContain('人像面');
    await noHorizontalScroll(page);
    await shot(page, 'materials-empty');

    // 示例 opens the example image large.
    await card('id_card').getByTestId('example-link').click();
    const example = page.locator('.ant-image-preview-img:visible');
    await example.waitFor();
    expect(await example.getAttribute('src')).toContain('id_card');
    await poll(() => example.evaluate((e) => (e as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    await shot(page, 'example', false);
    await page.keyboard.press('Escape');
    await example.waitFor({ state: 'detached' });
  });

  it('shrinks a 4 MB sideways phone photo under 200 KB and turns it upright before upload', async () => {
    const file = path.join(tmp, 'IMG_20260301_101500.jpg');
    const originalBytes = await rotatedPhoto(file);
    expect(originalBytes).toBeGreaterThan(3_000_000);

    await card('id_card').locator('input[type=file]').setInputFiles(file);
    const notice = page.getByTestId('upload-notice');
    await notice.waitFor({ timeout: 60_000 });
    const noticeText = await notice.innerText();
    expect(noticeText).toContain('已自动处理');
    expect(noticeText).toMatch(/原图 \d+(\.\d)?MB → \d+KB/);
    expect(noticeText).toContain('已按拍摄方向摆正');
    const preview = page.getByTestId('upload-preview').locator('img');
    const w = Number(await preview.getAttribute('data-width'));
    const h = Number(await preview.getAttribute('data-height'));
    expect(h).toBeGreaterThan(w); // portrait: upright
    await shot(page, 'upload-preview', false);

    // 向右旋转 turns it (re-encoded from the original), 向左旋转 turns it back.
    const size = async () => [Number(await preview.getAttribute('data-width')), Number(await preview.getAttribute('data-height'))];
    await page.getByTestId('rotate-right').click();
    await poll(async () => (await size())[0]! > (await size())[1]!).toBe(true);
    await poll(() => notice.innerText()).toContain('已向右旋转 90°');
    await page.getByTestId('rotate-left').click();
    await poll(async () => (await size())[1]! > (await size())[0]!).toBe(true);
    expect(await notice.innerText()).not.toContain('旋转');

    const posted = page.waitForResponse((r) => r.url().endsWith('/materials/id_card/images') && r.request().method() === 'POST');
    await page.getByTestId('upload-submit').click();
    const res = await posted;
    expect(res.status()).toBe(201);
    const req = res.request();
    expect(req.headers()['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
    expect(req.postDataBuffer()?.length ?? 0).toBeLessThan(MAX_BYTES + 4096); // the multipart body holds a ≤200 KB file
    await page.getByText('已保存').first().waitFor();
    await poll(() => card('id_card').getByTestId('image-tile').count()).toBe(1);
    await shot(page, 'uploaded-photo');

    const stored = (await materials()).categories.find((c) => c.code === 'id_card')?.images ?? [];
    expect(stored).toHaveLength(1);
    const img = stored[0]!;
    expect(img.height).toBeGreaterThan(img.width);
    const body = await (await page.request.get(new URL(img.url, baseUrl).toString())).body();
    const meta = await sharp(body).metadata();
    expect(meta.height!).toBeGreaterThan(meta.width!);
    expect(meta.orientation ?? 1).toBe(1);
    // The red marker of the stored top-left is at the top right once upright.
    const topRight = await patch(body, 0.875, 0.125);
    const bottomLeft = await patch(body, 0.125, 0.875);
    expect(topRight.r - topRight.g).toBeGreaterThan(100);
    expect(bottomLeft.r - bottomLeft.g).toBeLessThan(80);
    // What the server keeps (watermarked re-encode) stays within the 200 KB the rules promise.
    expect(img.bytes, 'stored image size reported by the API').toBeLessThanOrEqual(MAX_BYTES);
    expect(body.length, 'stored image size served').toBeLessThanOrEqual(MAX_BYTES);
  });

  it('uploads a PNG as the 国徽面; 身份证明 is then full and shows no third slot', async () => {
    expect(await card('id_card').getByTestId('upload-slot').innerText()).toContain('国徽面');
    const file = path.join(tmp, 'id-back.png');
    await documentPng(file, '#c9463d');
    await card('id_card').locator('input[type=file]').setInputFiles(file);
    const notice = page.getByTestId('upload-notice');
    await notice.waitFor();
    expect(await notice.innerText()).toContain('可直接上传');
    const posted = page.waitForResponse((r) => r.url().endsWith('/materials/id_card/images') && r.request().method() === 'POST');
    await page.getByTestId('upload-submit').click();
    expect((await posted).status()).toBe(201);
    await poll(() => card('id_card').getByTestId('image-tile').count()).toBe(2);
    expect(await card('id_card').getByTestId('upload-slot').count()).toBe(0);
    await card('id_card').getByTestId('category-full').waitFor();
    await noHorizontalScroll(page);
    await card('id_card').scrollIntoViewIfNeeded();
    await shot(page, 'id-card-full');
  });

  it('refuses a file that is not jpg/png before uploading anything', async () => {
    const file = path.join(tmp, 'scan.gif');
    await writeFile(file, Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64'));
    await card('graduation_cert').locator('input[type=file]').setInputFiles(file);
    await page.getByText('只能上传 jpg/jpeg/png 格式').first().waitFor();
    expect(await page.getByTestId('upload-notice').count()).toBe(0);
  });

  it('deletes an image with the "－" at its top right and uploads a new one', async () => {
    const tiles = card('id_card').getByTestId('image-tile');
    const firstId = await tiles.first().getAttribute('data-image-id');
    await tiles.first().getByTestId('image-delete').click();
    const confirm = page.locator('.ant-modal-confirm');
    await confirm.waitFor();
    await shot(page, 'delete-confirm', false);
    await confirm.locator('.ant-btn-dangerous').click();
    await page.getByText('已删除').first().waitFor();
    await poll(() => tiles.count()).toBe(1);
    expect(await card('id_card').getByTestId('upload-slot').count()).toBe(1);
    const after = (await materials()).categories.find((c) => c.code === 'id_card')?.images ?? [];
    expect(after.map((i) => i.id)).not.toContain(firstId);

    const file = path.join(tmp, 'id-front.jpg');
    await smallJpeg(file);
    await card('id_card').locator('input[type=file]').setInputFiles(file);
    await page.getByTestId('upload-notice').waitFor();
    const posted = page.waitForResponse((r) => r.url().endsWith('/materials/id_card/images') && r.request().method() === 'POST');
    await page.getByTestId('upload-submit').click();
    expect((await posted).status()).toBe(201);
    await poll(() => tiles.count()).toBe(2);
    expect(await card('id_card').getByTestId('upload-slot').count()).toBe(0);
    await shot(page, 'reuploaded');
  });

  it('shows the watermarked image: thumbnail and large view load as image/jpeg', async () => {
    const stored = (await materials()).categories.find((c) => c.code === 'id_card')?.images ?? [];
    expect(stored).toHaveLength(2);
    for (const img of stored) {
      for (const u of [img.url, img.thumbnailUrl]) {
        const res = await page.request.get(new URL(u, baseUrl).toString());
        expect(res.status()).toBe(200);
        expect(res.headers()['content-type']).toMatch(/^image\/jpeg/);
      }
      expect(img.locked).toBe(false);
      expect(img.state).toBe('pending');
    }
    // The stored PNG differs visibly from what was sent: the watermark is drawn on it.
    const png = await documentPng(path.join(tmp, 'again.png'), '#c9463d');
    const pngStored = stored.find((i) => i.width / i.height > 1.5);
    expect(pngStored).toBeDefined();
    const body = await (await page.request.get(new URL(pngStored!.url, baseUrl).toString())).body();
    expect(await maxTileDifference(body, png)).toBeGreaterThan(6);

    // Thumbnails are loaded in the page, and a click opens the large (watermarked) image.
    const thumbs = card('id_card').getByTestId('image-tile').locator('img');
    await poll(() => thumbs.evaluateAll((els) => els.every((e) => (e as HTMLImageElement).naturalWidth > 0))).toBe(true);
    await card('id_card').getByTestId('image-tile').last().locator('.ant-image').click();
    const big = page.locator('.ant-image-preview-img:visible');
    await big.waitFor();
    await poll(() => big.evaluate((e) => (e as HTMLImageElement).naturalWidth)).toBeGreaterThan(300);
    expect(stored.map((i) => new URL(i.url, baseUrl).pathname)).toContain(new URL((await big.getAttribute('src'))!, baseUrl).pathname);
    await shot(page, 'watermarked-preview', false);
    await page.keyboard.press('Escape');
    await big.waitFor({ state: 'detached' });
  });

  it('looks right on a desktop too (1280×800), and in English', async () => {
    const p = await newPage(browser, { width: 1280, height: 800, storageState: await page.context().storageState(), errors: pageErrors });
    await p.goto(`${baseUrl}/`);
    await p.getByTestId('registration-card').waitFor();
    await noHorizontalScroll(p);
    await shot(p, 'registration');
    await p.goto(`${baseUrl}/materials`);
    await p.getByTestId('upload-rules').waitFor();
    await poll(() => p.getByTestId('category-id_card').getByTestId('image-tile').count()).toBe(2);
    await noHorizontalScroll(p);
    await shot(p, 'materials');
    await p.getByTestId('lang-switch').click();
    await p.getByText('Upload rules').waitFor();
    expect(await p.evaluate(() => localStorage.getItem('lang'))).toBe('en');
    await shot(p, 'materials-en');
    await p.context().close();
    expect(pageErrors).toEqual([]);
  });
});
