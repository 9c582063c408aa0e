/**
 * End to end, in Debian's Chromium, against the real server serving the built web client:
 * the machine signals as people meet them.
 *
 * The candidate (phone, 375×812) picks a blurred photo: the page warns before upload
 * (图片可能模糊，建议重新拍摄, from the browser's own check) and lets it go up; the stored
 * image keeps the warning on its tile. The site reviewer (desktop) sees the flags on the
 * thumbnails and with the viewer, and the duplicates of a card photo: 另一考生 for a
 * candidate of another site, a link (audited) for one of the same site. The region reviewer
 * lists the pictures shared across sites. Screenshots: test-output/screenshots/signals-*.png.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import type { TestServer } from '../support/start-server.js';
import { ApiClient } from '../support/api-client.js';
import { ensureWebBuild, launchChromium, loginThroughUi, newPage, noHorizontalScroll, poll, screenshots } from '../support/browser.js';
import { renderVariant, type SignalVariant } from '../fixtures/make-signal-corpus.js';

const NO = '2026990100009';
const SAME_SITE = '2026990100010';
const OTHER_SITE = '2026990200009';
const PASSWORD = 'Demo#2026';

let server: TestServer;
let browser: Browser;
let tmp = '';
const pageErrors: string[] = [];
const shot = screenshots('signals', { fullPage: false });
let card: Buffer = Buffer.alloc(0);
let cardImageId = '';

const picture = (v: Partial<SignalVariant> & { seed: number }) =>
  renderVariant({ subject: 'document', focus: 'sharp', exposure: 'normal', glare: false, width: 900, height: 675, ...v });

async function candidateApi(no: string) {
  const c = new ApiClient(server.baseUrl);
  await c.login(no);
  await c.request('POST', '/api/v1/candidate/activate', { json: { agree: true } });
  return c;
}

async function upload(c: ApiClient, code: string, bytes: Buffer): Promise<string> {
  const r = await c.upload(code, bytes);
  if (r.status !== 201) throw new Error(`upload ${code}: ${r.status} ${JSON.stringify(r.body)}`);
  return (r.body as { id: string }).id;
}

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'e2e-signals-'));
  ensureWebBuild();
  const { startTestServer } = await import('../support/start-server.js');
  server = await startTestServer();
  // The candidate's file: a card photo with glare, a dark page, a sharp one; others upload the same card photo.
  card = await picture({ seed: 901, subject: 'card', glare: true });
  const c = await candidateApi(NO);
  cardImageId = await upload(c, 'id_card', card);
  await upload(c, 'education_record', await picture({ seed: 902, exposure: 'dark' }));
  await upload(c, 'probation_assessment', await picture({ seed: 903 }));
  await upload(await candidateApi(OTHER_SITE), 'id_card', await sharp(card).resize(700).jpeg({ quality: 70 }).toBuffer());
  await upload(await candidateApi(SAME_SITE), 'graduation_cert', await sharp(card).jpeg({ quality: 60 }).toBuffer());
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe('machine signals in the browser', () => {
  it('warns the candidate before and after uploading a blurred photo, without blocking it', async () => {
    const page = await newPage(browser, { width: 375, height: 812, mobile: true, errors: pageErrors });
    await loginThroughUi(page, server.baseUrl, NO, PASSWORD, (u) => !u.pathname.startsWith('/login'));
    await page.goto(`${server.baseUrl}/materials`);
    const graduation = page.getByTestId('category-graduation_cert');
    await graduation.waitFor();
    const file = path.join(tmp, 'IMG_blurred.jpg');
    await writeFile(file, await picture({ seed: 904, focus: 'blurred' }));
    await graduation.locator('input[type=file]').setInputFiles(file);
    const before = page.getByTestId('upload-signal-warning');
    await before.waitFor({ timeout: 60_000 });
    expect(await before.innerText()).toContain('图片可能模糊，建议重新拍摄');
    await shot(page, 'candidate-before-upload');
    await page.getByTestId('upload-submit').click();
    const tile = graduation.getByTestId('image-tile');
    await tile.waitFor();
    await poll(() => tile.getByTestId('image-signal-warning').count()).toBe(1);
    expect(await tile.getByTestId('image-signal-warning').innerText()).toContain('图片可能模糊');
    // The other tiles: the glare card and the dark page carry their own warnings; the sharp page none.
    await poll(() => page.getByTestId('image-signal-warning').count()).toBe(3);
    expect(await page.getByTestId('category-education_record').getByTestId('image-signal-warning').innerText()).toContain('太暗');
    expect(await page.getByTestId('category-probation_assessment').getByTestId('image-signal-warning').count()).toBe(0);
    await noHorizontalScroll(page);
    await graduation.scrollIntoViewIfNeeded();
    await shot(page, 'candidate-after-upload');
    await page.context().close();
  });

  it('shows the reviewer the flags on the thumbnails and the duplicates with the viewer, 另一考生 outside the scope', async () => {
    const page = await newPage(browser, { width: 1280, height: 900, errors: pageErrors });
    await loginThroughUi(page, server.baseUrl, 'site9901', PASSWORD, /\/review/);
    await page.goto(`${server.baseUrl}/review/${NO}`);
    await poll(() => page.getByTestId('thumb').count()).toBe(4);
    const flags = page.getByTestId('thumb-flags');
    await poll(() => flags.count()).toBe(3);
    const cardThumb = page.locator(`[data-testid=thumb][data-image-id="${cardImageId}"]`);
    expect(await cardThumb.getByTestId('thumb-flags').innerText()).toBe('反光·重复');
    await cardThumb.click();
    const panel = page.getByTestId('image-signals').first();
    await panel.waitFor();
    expect(await panel.getByTestId('signal-glare').innerText()).toBe('疑似反光');
    const items = panel.getByTestId('duplicate-item');
    await poll(() => items.count()).toBe(2);
    const texts = await items.allInnerTexts();
    expect(texts).toContain('另一考生');
    expect(texts).toContain(SAME_SITE);
    await shot(page, 'reviewer-flags-duplicates');

    // Following the link opens the other candidate's file and leaves an audit row.
    await panel.getByTestId('duplicate-link').click();
    await page.waitForURL(new RegExp(`/review/${SAME_SITE}$`));
    await poll(() => page.getByTestId('thumb').count()).toBe(1);
    const audit = await server.deps.db.selectFrom('audit_events').select('details').where('action', '=', 'image.duplicate_opened').execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.details)).toMatchObject({ fromImageId: cardImageId });
    await shot(page, 'reviewer-followed-duplicate');
    await page.context().close();
  });

  it('lists the pictures shared across sites for the region reviewer', async () => {
    const page = await newPage(browser, { width: 1280, height: 800, errors: pageErrors });
    await loginThroughUi(page, server.baseUrl, 'region99', PASSWORD, /\/review/);
    await page.getByTestId('go-shared-pictures').click();
    const list = page.getByTestId('shared-pictures');
    await list.waitFor();
    // Two cross-site pairs: the other site's copy against each of the two site-9901 copies.
    await poll(() => list.getByTestId('shared-link').count()).toBe(4);
    const nos = await list.getByTestId('shared-link').allInnerTexts();
    expect([...new Set(nos)].sort()).toEqual([NO, OTHER_SITE, SAME_SITE].sort());
    await shot(page, 'region-shared-pictures');
    await page.context().close();
    expect(pageErrors).toEqual([]);
  });
});
