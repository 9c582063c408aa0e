/**
 * End to end in Chromium against the real server and the built web client: the region
 * administrator (admin99) switches material upload off in 管理后台 → 考区与考点; the
 * candidate's 上传相关材料 button disappears on the next page load and an upload is refused
 * with 403 UPLOAD_DISABLED; switched on again, the button is back. Screenshots go to
 * test-output/screenshots/admin-switch-*.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../support/start-server.js';
import { ensureWebBuild, launchChromium, loginThroughUi, newPage, poll, screenshots } from '../support/browser.js';
import { uploadFromPage } from '../support/admin-e2e.js';
import { makePhotoJpeg } from '../fixtures/make-image-corpus.js';

const CANDIDATE = '2026990100004';
let server: TestServer;
let browser: Browser;
let admin: Page;
let candidate: Page;
const errors: string[] = [];
const shot = screenshots('admin-switch');

beforeAll(async () => {
  ensureWebBuild();
  server = await startTestServer();
  browser = await launchChromium();
  admin = await newPage(browser, { width: 1366, height: 900, errors });
  candidate = await newPage(browser, { width: 375, height: 812, mobile: true, errors });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('a region administrator switches material upload off and on', () => {
  it('the candidate first sees 上传相关材料', async () => {
    await loginThroughUi(candidate, server.baseUrl, CANDIDATE, 'Demo#2026', /\/activate$/);
    await candidate.getByTestId('consent-agree').click();
    await candidate.getByTestId('activate-submit').click();
    await candidate.waitForURL(/\/materials$/);
    await candidate.goto(`${server.baseUrl}/`);
    await candidate.getByTestId('go-materials').waitFor();
    await shot(candidate, 'candidate-upload-open');
  });

  it('admin99 lands on 管理后台 and sees only its region', async () => {
    await loginThroughUi(admin, server.baseUrl, 'admin99', 'Demo#2026', /\/admin\/regions$/);
    await admin.getByTestId('admin-console').waitFor();
    const rows = admin.locator('.ant-table-row');
    await poll(() => rows.count()).toBe(1);
    expect(await rows.first().innerText()).toContain('示例省');
    expect(await admin.getByTestId('upload-switch-99').getAttribute('aria-checked')).toBe('true');
    await shot(admin, 'admin-regions');
  });

  it('switches upload off: the button disappears for the candidate and uploads answer 403', async () => {
    await admin.getByTestId('upload-switch-99').click();
    // First a confirmation that says how many candidates it affects.
    const impact = admin.getByTestId('upload-off-impact');
    await impact.waitFor();
    expect(await impact.innerText()).toMatch(/全部 20 名考生：其中 \d+ 名仍在填报或退回修改中/);
    expect(await admin.getByTestId('upload-switch-99').getAttribute('aria-checked')).toBe('true');
    await shot(admin, 'admin-upload-off-confirm');
    await admin.getByTestId('upload-off-confirm').click();
    await admin.getByText('示例省：材料上传已关闭').waitFor();
    await poll(() => admin.getByTestId('upload-switch-99').getAttribute('aria-checked')).toBe('false');
    await admin.getByText('考生不可上传').waitFor();
    await shot(admin, 'admin-upload-off');

    await candidate.reload();
    await candidate.getByTestId('upload-disabled').waitFor();
    expect(await candidate.getByTestId('go-materials').count()).toBe(0);
    await shot(candidate, 'candidate-upload-closed');
    const refused = await uploadFromPage(candidate, 'id_card', await makePhotoJpeg({ width: 1200, height: 900, targetBytes: 100_000 }));
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('UPLOAD_DISABLED');
  });

  it('sets an upload window in the dialog and switches upload on again', async () => {
    await admin.getByTestId('windows-99').click();
    await admin.locator('.ant-modal').getByText('材料上传时间').waitFor();
    await shot(admin, 'admin-window-dialog', false);
    await admin.locator('.ant-modal').getByRole('button', { name: /取\s*消/ }).click();
    await admin.getByTestId('upload-switch-99').click();
    await admin.getByText('示例省：材料上传已开启').waitFor();
    await candidate.reload();
    await candidate.getByTestId('go-materials').waitFor();
    expect(errors).toEqual([]);
  });

  it('publishes the region’s 公告, which the candidate sees on the registration page', async () => {
    await admin.getByTestId('notice-99').click();
    await admin.getByTestId('notice-title').fill('现场确认安排');
    await admin.getByTestId('notice-body').fill('请按考点通知的时间携带证件原件到考点现场确认。');
    await admin.getByTestId('notice-link').fill('http://example.cn/notice');
    await admin.locator('.ant-modal').getByRole('button', { name: /保\s*存/ }).click();
    await admin.getByText('链接须以 https:// 开头').waitFor();
    await admin.getByTestId('notice-link').fill('https://example.cn/notice');
    await admin.locator('.ant-modal').getByRole('button', { name: /保\s*存/ }).click();
    await admin.getByText('公告已发布').first().waitFor();
    await candidate.reload();
    const card = candidate.getByTestId('region-announcement');
    await card.waitFor();
    expect(await card.innerText()).toContain('现场确认安排');
    expect(await card.innerText()).toContain('携带证件原件');
    expect(await candidate.getByTestId('region-announcement-link').getAttribute('href')).toBe('https://example.cn/notice');
    await shot(candidate, 'candidate-announcement');
    expect(errors).toEqual([]);
  });
});
