/**
 * End to end, in Debian's Chromium against the real server serving the built web client:
 * the candidate aids.
 *  - 报名照片检测工具 without logging in: a ~60 KB photo of the wrong size is checked in the
 *    page (same statuses as the server's API on the same file), fixed in the browser (no
 *    request carries it), and the download Playwright captures is ≤ 30 KB at 358×441 (sharp).
 *  - 帮助 from the header, logged out and in.
 *  - 附件2: the materials page links 下载模板 to the PDF; the PDF, turned into PNG with
 *    pdftoppm, is saved next to the screenshots for a person to look at, and pdftotext finds
 *    the candidate's name in it.
 * Phone (375×812) and desktop (1280×800) screenshots go to test-output/screenshots/aids-*.
 *
 * E2E_BASE_URL=http://127.0.0.1:3000 runs it against a server already running (with demo data).
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { clearScreenshots, launchChromium, loginThroughUi, newPage, noHorizontalScroll, saveScreenshot, serverUnderTest, SHOTS } from '../support/browser.js';

const CANDIDATE = '2026990100007';
const PASSWORD = 'Demo#2026';
const MAX_BYTES = 30 * 1024;

let baseUrl = '';
let closeServer: (() => Promise<void>) | null = null;
let browser: Browser;
let page: Page;
let wide: Page;
let tmp = '';
let photoFile = '';
let photoBytes = 0;
const pageErrors: string[] = [];

/** aids-<name>-<width>.png, the whole page. */
const shot = (target: Page, name: string) => saveScreenshot(target, `aids-${name}`);

/**
 * A registration photo as a phone saves it: 720×960 (wrong size and aspect), a light wall
 * behind a head and shoulders, sensor noise, JPEG quality searched so the file is ~60 KB.
 */
async function sixtyKbPhoto(file: string): Promise<number> {
  const W = 720;
  const H = 960;
  const raw = Buffer.alloc(W * H * 3);
  let seed = 99;
  const rnd = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff - 0.5;
  };
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const fx = x / W;
      const fy = y / H;
      let c = [244, 245, 247];
      if (((fx - 0.5) / 0.21) ** 2 + ((fy - 0.4) / 0.25) ** 2 <= 1) c = [226, 188, 163];
      else if (fy > 0.7 && Math.abs(fx - 0.5) < 0.16 + (fy - 0.7) * 3) c = [38, 45, 66];
      const n = rnd() * 14;
      const i = (y * W + x) * 3;
      for (let k = 0; k < 3; k++) raw[i + k] = Math.max(0, Math.min(255, c[k]! + n));
    }
  }
  const encode = (q: number) => sharp(raw, { raw: { width: W, height: H, channels: 3 } }).jpeg({ quality: q }).toBuffer();
  let lo = 5;
  let hi = 100;
  let best = await encode(lo);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    const b = await encode(mid);
    if (b.length <= 62_000) {
      lo = mid;
      best = b;
    } else hi = mid;
  }
  await writeFile(file, best);
  return best.length;
}

beforeAll(async () => {
  clearScreenshots('aids');
  tmp = await mkdtemp(path.join(os.tmpdir(), 'e2e-aids-'));
  photoFile = path.join(tmp, '报名照片.jpg');
  photoBytes = await sixtyKbPhoto(photoFile);
  const server = await serverUnderTest();
  baseUrl = server.baseUrl;
  closeServer = server.close;
  browser = await launchChromium();
  page = await newPage(browser, { width: 375, height: 812, mobile: true, acceptDownloads: true, errors: pageErrors });
  wide = await newPage(browser, { width: 1280, height: 800, acceptDownloads: true, errors: pageErrors });
});

afterAll(async () => {
  await browser?.close();
  await closeServer?.();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe('报名照片检测工具 (no login)', () => {
  it('is open to anyone, reachable from the header 帮助', async () => {
    expect(photoBytes).toBeGreaterThan(55 * 1024);
    expect(photoBytes).toBeLessThanOrEqual(62_000);
    await page.goto(`${baseUrl}/login`);
    await page.getByTestId('help-link').click();
    await page.waitForURL(/\/help$/);
    await page.getByTestId('help-page').waitFor();
    await page.getByTestId('help-photo-tool').click();
    await page.waitForURL(/\/tools\/photo-check$/);
    await page.getByTestId('photo-check-page').waitFor();
    expect(await page.getByTestId('privacy-note').innerText()).toContain('不会上传到服务器');
    const rules = page.getByTestId('photo-rules');
    expect(await rules.getAttribute('data-width')).toBe('358');
    expect(await rules.getAttribute('data-height')).toBe('441');
    expect(await rules.getAttribute('data-max-bytes')).toBe(String(MAX_BYTES));
    await noHorizontalScroll(page);
    await shot(page, '01-photo-tool-empty');
  });

  it('checks a 60 KB photo of the wrong size as the server does, fixes it in the browser, and the download is ≤ 30 KB at 358×441', async () => {
    const sent: string[] = [];
    const onRequest = (r: { method(): string; url(): string }) => {
      if (r.method() !== 'GET') sent.push(`${r.method()} ${r.url()}`);
    };
    page.on('request', onRequest);
    await page.locator('[data-testid=photo-input] input[type=file]').setInputFiles(photoFile);
    await page.getByTestId('photo-result').waitFor();
    const statusOf = async (id: string) => page.getByTestId(`check-${id}`).getAttribute('data-status');
    expect(await statusOf('file_size')).toBe('fail');
    expect(await statusOf('dimensions')).toBe('fail');
    expect(await statusOf('format')).toBe('pass');
    expect(await statusOf('background')).toBe('pass');
    expect(await page.getByTestId('check-file_size').innerText()).toContain(`${photoBytes.toLocaleString('en-US')} 字节`);

    // The page and the registration system's API judge the same file the same way.
    const api = await page.request.post(`${baseUrl}/api/v1/tools/photo-check`, {
      multipart: { file: { name: 'photo.jpg', mimeType: 'image/jpeg', buffer: await readFile(photoFile) } },
    });
    expect(api.status()).toBe(200);
    const report = (await api.json()) as { checks: { id: string; status: string }[] };
    for (const c of report.checks) expect([c.id, await statusOf(c.id)]).toEqual([c.id, c.status]);

    const download = page.getByTestId('download-fixed');
    await download.waitFor();
    const facts = page.getByTestId('fixed-facts');
    const shownBytes = Number(await facts.getAttribute('data-bytes'));
    const quality = Number(await facts.getAttribute('data-quality'));
    expect(shownBytes).toBeLessThanOrEqual(MAX_BYTES);
    expect(quality).toBeGreaterThanOrEqual(10);
    expect(quality).toBeLessThanOrEqual(100);
    for (const id of ['format', 'file_size', 'dimensions', 'aspect', 'orientation', 'background']) {
      expect([id, await page.getByTestId(`fixed-check-${id}`).getAttribute('data-status')]).toEqual([id, 'pass']);
    }
    await noHorizontalScroll(page);
    await shot(page, '02-photo-tool-fixed');

    const [file] = await Promise.all([page.waitForEvent('download'), download.click()]);
    expect(file.suggestedFilename()).toBe('报名照片-358x441.jpg');
    const saved = path.join(tmp, 'fixed.jpg');
    await file.saveAs(saved);
    const bytes = await readFile(saved);
    expect(bytes.length).toBe(shownBytes);
    expect(bytes.length).toBeLessThanOrEqual(MAX_BYTES);
    const meta = await sharp(bytes).metadata();
    expect([meta.format, meta.width, meta.height, meta.orientation ?? 1]).toEqual(['jpeg', 358, 441, 1]);
    // The server agrees the fixed file passes.
    const again = await page.request.post(`${baseUrl}/api/v1/tools/photo-check`, { multipart: { file: { name: 'fixed.jpg', mimeType: 'image/jpeg', buffer: bytes } } });
    expect(((await again.json()) as { ok: boolean }).ok).toBe(true);
    // The page itself sent nothing (the test's own API calls above do not go through it).
    page.off('request', onRequest);
    expect(sent).toEqual([]);
  });

  it('pads instead of cropping when asked, still ≤ 30 KB at 358×441', async () => {
    const before = await page.getByTestId('fixed-facts').getAttribute('data-bytes');
    await page.getByTestId('fit-mode').getByText('补背景色').click();
    await page.waitForFunction((b) => {
      const el = document.querySelector('[data-testid=fixed-facts]');
      return el && el.getAttribute('data-bytes') !== b;
    }, before);
    const bytes = Number(await page.getByTestId('fixed-facts').getAttribute('data-bytes'));
    expect(bytes).toBeLessThanOrEqual(MAX_BYTES);
    const img = page.getByTestId('fixed-image');
    expect(await img.evaluate((el: HTMLImageElement) => [el.naturalWidth, el.naturalHeight])).toEqual([358, 441]);
  });

  it('takes another size and limit from the address or the form: 390×567 within 20 KB', async () => {
    await page.goto(`${baseUrl}/tools/photo-check?w=390&h=567&kb=20`);
    const rules = page.getByTestId('photo-rules');
    await rules.waitFor();
    expect([await rules.getAttribute('data-width'), await rules.getAttribute('data-height'), await rules.getAttribute('data-max-bytes')]).toEqual(['390', '567', '20480']);
    await page.getByTestId('edit-rules').click();
    await page.getByTestId('rule-width').fill('400');
    await page.waitForURL(/w=400/);
    await page.getByTestId('rule-width').fill('390');
    await page.waitForURL(/w=390/);
    await page.locator('[data-testid=photo-input] input[type=file]').setInputFiles(photoFile);
    const download = page.getByTestId('download-fixed');
    await download.waitFor();
    const [file] = await Promise.all([page.waitForEvent('download'), download.click()]);
    const saved = path.join(tmp, 'fixed-390.jpg');
    await file.saveAs(saved);
    const bytes = await readFile(saved);
    expect(bytes.length).toBeLessThanOrEqual(20 * 1024);
    const meta = await sharp(bytes).metadata();
    expect([meta.width, meta.height]).toEqual([390, 567]);
  });

  it('lays out side by side on a desktop', async () => {
    await wide.goto(`${baseUrl}/tools/photo-check`);
    await wide.locator('[data-testid=photo-input] input[type=file]').setInputFiles(photoFile);
    await wide.getByTestId('download-fixed').waitFor();
    const a = await wide.getByTestId('original-card').boundingBox();
    const b = await wide.getByTestId('fixed-card').boundingBox();
    expect(a && b && Math.abs(a.y - b.y) < 2 && b.x > a.x + a.width - 1).toBe(true);
    await noHorizontalScroll(wide);
    await shot(wide, '03-photo-tool-fixed');
  });
});

describe('帮助 and 附件2 for a logged-in candidate', () => {
  let name = '';

  it('logs in and activates', async () => {
    await loginThroughUi(page, baseUrl, CANDIDATE, PASSWORD, (u) => u.pathname !== '/login');
    const reg = (await (await page.request.get(`${baseUrl}/api/v1/candidate/registration`)).json()) as { name: string; activated: boolean };
    if (!reg.activated) {
      await page.goto(`${baseUrl}/activate`);
      await page.getByTestId('consent-agree').click();
      await page.getByTestId('activate-submit').click();
      await page.waitForURL(/\/materials$/);
    }
    name = reg.name;
    expect(name.length).toBeGreaterThan(1);
  });

  it('links 下载模板 in 附件2\'s requirement text to the pre-filled PDF, which shows the candidate\'s name', async () => {
    await page.goto(`${baseUrl}/materials`);
    // On a phone an optional category with nothing in it sits in the folded 选传材料 group: open it.
    await page.getByTestId('materials-page').waitFor();
    const folded = page.getByTestId('optional-categories');
    if (await folded.count()) await folded.getByRole('button').first().click();
    const card = page.getByTestId('category-clinical_training_commitment');
    await card.waitFor();
    const link = card.getByTestId('template-link');
    expect(await link.innerText()).toBe('下载模板');
    const href = await link.getAttribute('href');
    expect(href).toBe('/api/v1/candidate/documents/commitment-letter.pdf');
    await card.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'aids-04-materials-template-link', false);

    const res = await page.request.get(`${baseUrl}${href}`);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toBe('application/pdf');
    const pdf = await res.body();
    const pdfPath = path.join(SHOTS, 'aids-05-commitment-letter.pdf');
    await writeFile(pdfPath, pdf);
    execFileSync('pdftoppm', ['-png', '-r', '110', '-singlefile', pdfPath, path.join(SHOTS, 'aids-05-commitment-letter')]);
    const png = await sharp(path.join(SHOTS, 'aids-05-commitment-letter.png')).metadata();
    // A4 portrait (595.28×841.89 pt) at 110 dpi: 910×1287 px.
    expect([png.width, png.height]).toEqual([910, 1287]);
    const text = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });
    expect(text).toContain(name);
    expect(text).toContain('临床实践训练经历满一年证明');
    expect(text).toMatch(/承诺人身份证号：\s*\d{17}[\dX]/);
    expect(text).toMatch(/手机号码：\s*1\d{10}/);
  });

  it('reaches 帮助 from the header of a candidate page, on a phone and a desktop', async () => {
    await page.getByTestId('help-link').click();
    await page.waitForURL(/\/help$/);
    const help = page.getByTestId('help-page');
    await help.waitFor();
    const text = await help.innerText();
    for (const word of ['填报', '考点通过', '审核通过', '退回修改', '审核拒绝', '已锁定', '需更换', '200KB', '自动', '审核意见', '30KB', '下载模板']) expect(text).toContain(word);
    expect(await page.getByTestId('help-letter').getAttribute('href')).toBe('/api/v1/candidate/documents/commitment-letter.pdf');
    await noHorizontalScroll(page);
    await shot(page, '06-help');

    await wide.goto(`${baseUrl}/help`);
    await wide.getByTestId('help-page').waitFor();
    await noHorizontalScroll(wide);
    await shot(wide, '07-help');
    expect(pageErrors).toEqual([]);
  });
});
