/**
 * End to end, in Debian's Chromium, against the real server serving the built web
 * client: the two-level review of one candidate through the UI.
 *
 * The site reviewer (desktop, 1280×800) finds the candidate, approves every image and
 * asks for one to be replaced with a preset reason, and returns the candidate (by
 * keyboard); the candidate (phone, 375×812) sees the comment at the top of 上传相关材料
 * and the unlocked image with its reason, replaces it; the site passes (Shift+A, P,
 * Enter); the region reviewer starts from its queue, records a phone call and passes;
 * the candidate sees 审核通过 and the notices. Statistics, the export link, the
 * read-only view and the phone-size review pages are checked on the way. Also: Shift+A
 * approves only images already shown; a reload in the middle of a review keeps the marks (the
 * server-side draft); the region reviewer starts without verdicts and sees 考点意见; the full
 * phone number is revealed for the call; closing the tab releases the claim so the candidate
 * can upload again. Screenshots of
 * each step go to test-output/screenshots/review-*.png.
 *
 * The candidate's first uploads are made over HTTP (test/support/review-fixtures.ts);
 * every reviewer and candidate step after that goes through the UI.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import type { TestServer } from '../support/start-server.js';
import { ensureWebBuild, launchChromium, loginThroughUi, newPage, noHorizontalScroll, screenshots } from '../support/browser.js';

const NO = '2026990100004';
const PASSWORD = 'Demo#2026';
const COMMENT_WORD = '请按以下要求更换图片';

let server: TestServer;
let browser: Browser;
let tmp = '';
const pageErrors: string[] = [];
const shot = screenshots('review', { fullPage: false });
let site: Page;
let region: Page;
let candidate: Page;
let returnedImageId = '';

/** A page at this size whose errors are collected; a phone with `mobile`. */
function pageOf(width: number, height: number, mobile = false): Promise<Page> {
  return newPage(browser, { width, height, mobile, errors: pageErrors });
}

async function login(p: Page, username: string, landing: RegExp): Promise<void> {
  await loginThroughUi(p, server.baseUrl, username, PASSWORD, landing);
}

async function statusOf(no: string): Promise<string> {
  const row = await server.deps.db.selectFrom('registrations').select('status').where('registration_no', '=', no).executeTakeFirstOrThrow();
  return row.status;
}

/** Waits for the POST …/decision of this page and returns its status and body. */
function decisionResponse(p: Page) {
  return p.waitForResponse((r) => r.url().endsWith(`/api/v1/review/registrations/${NO}/decision`) && r.request().method() === 'POST');
}

async function openFromSearch(p: Page): Promise<void> {
  await p.goto(`${server.baseUrl}/review`);
  await p.getByTestId('review-console').waitFor();
  await p.locator('#queue-search').fill(NO);
  await p.keyboard.press('Enter');
  await expect.poll(() => p.getByTestId('queue-row').count()).toBe(1);
  await p.locator(`[data-testid=queue-row][data-no="${NO}"]`).click();
  await p.waitForURL(new RegExp(`/review/${NO}$`));
  await p.getByTestId('claim-mine').waitFor();
  await expect.poll(() => p.getByTestId('thumb').count()).toBe(5);
}

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'e2e-review-'));
  ensureWebBuild();
  const { startTestServer } = await import('../support/start-server.js');
  const { candidateWithMaterials } = await import('../support/review-fixtures.js');
  const { makePhotoJpeg } = await import('../fixtures/make-image-corpus.js');
  server = await startTestServer();
  await candidateWithMaterials(server, NO, await makePhotoJpeg({ width: 1200, height: 900, targetBytes: 120_000 }));
  browser = await launchChromium();
  site = await pageOf(1280, 800);
  region = await pageOf(1280, 800);
  candidate = await pageOf(375, 812, true);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe('two-level review through the UI', () => {
  it('shows the site reviewer the queue with counts, masked numbers and tags', async () => {
    await login(site, 'site9901', /\/review$/);
    await site.getByTestId('review-console').waitFor();
    // While upload is open only complete files wait for review (issue 12): the other nine
    // have not uploaded yet and are listed under 材料不齐 instead.
    await expect.poll(async () => site.getByTestId('tab-pending').innerText()).toMatch(/待审核\s*1\b/);
    expect(await site.getByTestId('tab-incomplete').innerText()).toMatch(/材料不齐\s*9/);
    expect(await site.getByTestId('tab-all').innerText()).toMatch(/全部\s*10/);
    const row = site.locator(`[data-testid=queue-row][data-no="${NO}"]`);
    await row.waitFor();
    const text = await row.innerText();
    expect(text).toMatch(/\d{4}\*{10}\d{3}[\dX]/); // 证件号码 masked
    expect(text).toContain('139****');
    expect(text).not.toContain('材料不齐');
    await noHorizontalScroll(site);
    await shot(site, 'console');

    await site.getByTestId('tab-incomplete').click();
    await expect.poll(() => site.locator('[data-testid=queue-row]', { hasText: '材料不齐' }).count()).toBe(9);
    const remind = site.getByTestId('remind').first();
    await remind.click();
    await expect.poll(() => remind.innerText()).toContain('今日已提醒');
    expect(await remind.isDisabled()).toBe(true);
    await shot(site, 'incomplete-reminded');
    await site.getByTestId('tab-pending').click();
    await row.waitFor();

    // 材料齐全 narrows the queue to this candidate.
    await site.getByTestId('filter-complete').click();
    await site.locator('.ant-select-item-option', { hasText: '材料齐全' }).click();
    await expect.poll(() => site.getByTestId('queue-row').count()).toBe(1);
    expect(new URL(site.url()).searchParams.get('complete')).toBe('true');

    // The account card: who the reviewer is, what they cover, and the way back to work.
    await site.getByRole('button', { name: '账号信息' }).click();
    await site.getByTestId('staff-home').waitFor();
    const card = await site.getByTestId('staff-home').innerText();
    expect(card).toContain('考点审核员');
    expect(card).toContain('考点 9901');
    expect(card).not.toMatch(/建设中|即将/);
    await shot(site, 'account');
    await site.getByRole('button', { name: '进入审核工作台' }).click();
    await site.getByTestId('review-console').waitFor();
  });

  it('site: opens the candidate (claimed), views, zooms and rotates for viewing only', async () => {
    await openFromSearch(site);
    expect(await site.getByTestId('registration-info').innerText()).toContain(NO);
    expect(await site.getByTestId('viewer-position').innerText()).toBe('第 1 / 5 张');
    await expect.poll(() => site.getByTestId('viewer-image').evaluate((e) => (e as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    // While the reviewer holds it, the candidate's materials are locked.
    const lease = await server.deps.db.selectFrom('registrations').select(['claim_expires_at']).where('registration_no', '=', NO).executeTakeFirstOrThrow();
    expect(lease.claim_expires_at).not.toBeNull();

    await site.keyboard.press(']');
    await site.keyboard.press('+');
    const img = site.getByTestId('viewer-image');
    expect(await img.getAttribute('data-rotation')).toBe('90');
    expect(await img.getAttribute('data-zoom')).toBe('1.25');
    await site.keyboard.press('v');
    await site.getByTestId('viewer-large-image').waitFor();
    await shot(site, 'large-viewer');
    await site.keyboard.press('Escape');
    await site.getByTestId('viewer-large-image').waitFor({ state: 'detached' });
    await site.keyboard.press('[');
    await site.keyboard.press('0');
    expect(await img.getAttribute('data-rotation')).toBe('0');

    await site.keyboard.press('?');
    await site.getByTestId('shortcut-help').waitFor();
    expect(await site.getByTestId('shortcut-help').innerText()).toContain('全部图片通过');
    await shot(site, 'shortcuts');
    await site.keyboard.press('?');
    await site.getByTestId('shortcut-help').waitFor({ state: 'hidden' });
  });

  it('a second reviewer of the site sees who holds the candidate and can only look', async () => {
    const { addStaff } = await import('../support/review-fixtures.js');
    await addStaff(server, { username: 'site9901b', role: 'site_reviewer', regionCode: '99', siteCode: '9901' });
    const other = await pageOf(1280, 800);
    await login(other, 'site9901b', /\/review$/);
    const row = other.locator(`[data-testid=queue-row][data-no="${NO}"]`);
    await row.waitFor();
    expect(await row.innerText()).toContain('审核中(他人)');
    await other.goto(`${server.baseUrl}/review/${NO}`);
    const banner = other.getByTestId('claim-other');
    await banner.waitFor();
    expect(await banner.innerText()).toContain('示例市第一考点审核员 正在审核该考生');
    expect(await other.getByTestId('outcome-pass').isDisabled()).toBe(true);
    expect(await other.getByTestId('verdict-bar-readonly').count()).toBe(1);
    await shot(other, 'claimed-by-other');
    await other.context().close();
    // The holder still holds it.
    const lease = await server.deps.db.selectFrom('registrations as r').innerJoin('accounts as a', 'a.id', 'r.claim_account_id').select('a.username').where('r.registration_no', '=', NO).executeTakeFirst();
    expect(lease?.username).toBe('site9901');
  });

  it('site: Shift+A approves only images shown; marks survive a reload; asks to replace the diploma and returns (keyboard)', async () => {
    // Only the image in view has been shown: Shift+A approves that one and says so.
    await site.keyboard.press('Shift+A');
    await expect.poll(() => site.getByTestId('verdict-summary').innerText()).toContain('通过 1');
    await site.getByText('还有 4 张未查看').first().waitFor();
    for (let i = 0; i < 4; i++) await site.keyboard.press('j');
    await site.keyboard.press('Shift+A');
    await expect.poll(() => site.getByTestId('verdict-summary').innerText()).toContain('通过 5');
    const diploma = site.getByTestId('group-graduation_cert').getByTestId('thumb');
    returnedImageId = (await diploma.getAttribute('data-image-id'))!;
    await diploma.click();
    await site.keyboard.press('1'); // 图片不清晰
    await site.getByTestId('verdict-note').fill('印章看不清');
    await site.getByTestId('verdict-note').press('Escape');
    expect(await diploma.getAttribute('data-verdict')).toBe('replace');
    await expect.poll(() => site.getByTestId('verdict-summary').innerText()).toContain('更换 1');

    // A reload in the middle of the review: the marks were saved on the server as a draft of
    // the claim, and come back (the page released on unload and claims again).
    await expect
      .poll(async () => (await server.deps.db.selectFrom('review_drafts').select('body').executeTakeFirst())?.body ?? '')
      .toContain('印章看不清');
    await site.reload();
    await site.getByTestId('claim-mine').waitFor();
    await expect.poll(() => diploma.getAttribute('data-verdict')).toBe('replace');
    await expect.poll(() => site.getByTestId('verdict-summary').innerText()).toContain('通过 4');
    expect(await site.getByTestId('verdict-summary').innerText()).toContain('更换 1');
    await diploma.click();
    expect(await site.getByTestId('verdict-note').inputValue()).toBe('印章看不清');
    await site.getByTestId('verdict-note').press('Escape');
    await shot(site, 'draft-after-reload');

    // 通过 is refused by the same rules as the server, before anything is sent.
    await site.keyboard.press('p');
    await site.getByTestId('decision-problem').waitFor();
    expect(await site.getByTestId('decision-confirm').isDisabled()).toBe(true);
    await site.keyboard.press('Escape');
    await site.getByTestId('decision-dialog-body').waitFor({ state: 'detached' });

    await site.keyboard.press('b');
    const comment = site.getByTestId('decision-comment');
    await comment.waitFor();
    await expect.poll(() => comment.inputValue()).toContain('毕业证书（图片不清晰，印章看不清）');
    // Once the dialog has opened, the comment has the focus (so Enter submits at once).
    await expect.poll(() => comment.evaluate((e) => e === document.activeElement)).toBe(true);
    await shot(site, 'return-dialog');
    const response = decisionResponse(site);
    await site.keyboard.press('Enter');
    const res = await response;
    expect(res.status()).toBe(200);
    const sent = res.request().postDataJSON() as { outcome: string; comment: string; images: { id: string; verdict: string; reason?: string }[] };
    expect(sent.outcome).toBe('return');
    expect(sent.images).toHaveLength(5);
    expect(sent.images.filter((i) => i.verdict === 'replace')).toEqual([{ id: returnedImageId, verdict: 'replace', reason: '图片不清晰，印章看不清' }]);
    await site.getByTestId('decision-done').waitFor();
    expect(await statusOf(NO)).toBe('returned');
    await shot(site, 'returned');
  });

  it('candidate: sees the comment at the top and the unlocked image with its reason, and replaces it', async () => {
    await login(candidate, NO, /\/$/);
    const regCard = candidate.getByTestId('registration-card');
    await regCard.waitFor();
    expect(await regCard.locator('[data-testid=status-tag]').innerText()).toBe('退回修改');
    await candidate.getByTestId('go-materials').click();
    await candidate.waitForURL(/\/materials$/);
    const comments = candidate.getByTestId('review-comments');
    await comments.waitFor();
    expect(await comments.innerText()).toContain(COMMENT_WORD);
    const box = await comments.boundingBox();
    expect(box!.y).toBeLessThan(200); // at the very top of the page
    const card = candidate.getByTestId('category-graduation_cert');
    const tile = card.locator(`[data-testid=image-tile][data-image-id="${returnedImageId}"]`);
    expect(await tile.getAttribute('data-state')).toBe('replace_requested');
    expect(await tile.getByTestId('image-reason').innerText()).toContain('图片不清晰');
    expect(await tile.getByTestId('image-delete').count()).toBe(1); // unlocked
    // The approved ones are locked with ✓ and cannot be deleted.
    const idTiles = candidate.getByTestId('category-id_card').getByTestId('image-tile');
    expect(await idTiles.first().getByTestId('image-approved').count()).toBe(1);
    expect(await idTiles.first().getByTestId('image-delete').count()).toBe(0);
    await noHorizontalScroll(candidate);
    await shot(candidate, 'candidate-returned');
    await tile.scrollIntoViewIfNeeded();
    await shot(candidate, 'candidate-image-to-replace');

    await tile.getByTestId('image-delete').click();
    const confirm = candidate.locator('.ant-modal-confirm');
    await confirm.waitFor();
    await confirm.locator('.ant-btn-dangerous').click();
    await expect.poll(() => card.getByTestId('image-tile').count()).toBe(0);

    const file = path.join(tmp, 'diploma.jpg');
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="850">
      <rect width="1200" height="850" fill="#f6f1e4"/><rect x="50" y="50" width="1100" height="750" fill="#fffdf6" stroke="#9c7b3c" stroke-width="10"/>
      <rect x="380" y="120" width="440" height="50" fill="#6d5a3a"/><rect x="150" y="260" width="900" height="26" fill="#8c7a5b"/>
      <rect x="150" y="330" width="820" height="26" fill="#8c7a5b"/><circle cx="920" cy="640" r="95" fill="#c8473d" fill-opacity="0.85"/></svg>`;
    await sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toFile(file);
    await card.locator('input[type=file]').setInputFiles(file);
    await candidate.getByTestId('upload-notice').waitFor();
    const posted = candidate.waitForResponse((r) => r.url().endsWith('/materials/graduation_cert/images') && r.request().method() === 'POST');
    await candidate.getByTestId('upload-submit').click();
    expect((await posted).status()).toBe(201);
    await expect.poll(() => card.getByTestId('image-tile').count()).toBe(1);
    await card.scrollIntoViewIfNeeded();
    await shot(candidate, 'candidate-replaced');
  });

  it('site: finds the changed candidate (已修改) and passes it with Shift+A, P, Enter', async () => {
    await site.goto(`${server.baseUrl}/review?changed=true`);
    const row = site.locator(`[data-testid=queue-row][data-no="${NO}"]`);
    await row.waitFor();
    expect(await row.innerText()).toContain('已修改');
    await openFromSearch(site);
    // The new diploma is undecided; the four approved before start approved.
    const diploma = site.getByTestId('group-graduation_cert').getByTestId('thumb');
    expect(await diploma.getAttribute('data-image-id')).not.toBe(returnedImageId);
    expect(await diploma.getAttribute('data-verdict')).toBe('undecided');
    expect(await diploma.getAttribute('aria-current')).toBe('true'); // opens at the image to decide
    expect(await site.getByTestId('viewer-title').innerText()).toBe('毕业证书');
    await expect.poll(() => site.getByTestId('verdict-summary').innerText()).toContain('未审 1');
    await shot(site, 'changed-candidate');

    await site.keyboard.press('Shift+A');
    await site.keyboard.press('p');
    await site.getByTestId('decision-dialog-body').waitFor();
    const response = decisionResponse(site);
    await site.keyboard.press('Enter');
    expect((await response).status()).toBe(200);
    await site.getByTestId('decision-done').waitFor();
    expect(await statusOf(NO)).toBe('site_approved');
    // Now at the region's step: read only for the site.
    await site.getByTestId('review-page').and(site.locator('[data-claim=none]')).waitFor();
    expect(await site.getByTestId('outcome-pass').count()).toBe(0);
  });

  it('region: starts from its queue, records a phone call, and passes', async () => {
    await login(region, 'region99', /\/review$/);
    await expect.poll(async () => region.getByTestId('tab-pending').innerText(), { timeout: 20_000 }).toMatch(/待审核\s*1/);
    await region.locator(`[data-testid=queue-row][data-no="${NO}"]`).waitFor();
    await region.getByTestId('start-review').click();
    await region.waitForURL(new RegExp(`/review/${NO}$`));
    await region.getByTestId('claim-mine').waitFor();
    await expect.poll(() => region.getByTestId('thumb').count()).toBe(5);

    // No verdicts of its own to start with; the site's are beside each image as 考点意见.
    await expect.poll(() => region.getByTestId('verdict-summary').innerText()).toContain('未审 5');
    const opinion = region.getByTestId('site-opinion');
    await opinion.waitFor();
    expect(await opinion.innerText()).toContain('考点通过');
    expect(await region.getByTestId('site-opinion-image').innerText()).toContain('考点意见：通过');
    await shot(region, 'region-site-opinion');
    // Shift+A before looking approves only the image in view.
    await region.keyboard.press('Shift+A');
    await expect.poll(() => region.getByTestId('verdict-summary').innerText()).toContain('未审 4');

    await region.keyboard.press('t');
    // The full number for the call: one click, recorded, masked again on request.
    await region.getByTestId('dialog-phone-reveal').click();
    await expect.poll(() => region.getByTestId('dialog-phone-number').innerText()).toMatch(/^1\d{10}$/);
    await shot(region, 'phone-revealed');
    await region.getByTestId('phone-note').fill('已电话告知考生材料已由考点审核通过');
    await region.keyboard.press('Enter');
    await region.getByText('电话记录已保存').first().waitFor();
    await expect.poll(() => region.getByTestId('history').innerText()).toContain('已电话告知考生');
    expect(await region.getByTestId('history').innerText()).toContain('查看完整手机号');
    expect(await region.getByTestId('registration-info').innerText()).toContain('139****');

    for (let i = 0; i < 4; i++) await region.keyboard.press('j');
    await region.keyboard.press('Shift+A');
    await region.keyboard.press('p');
    await region.getByTestId('decision-dialog-body').waitFor();
    expect(await region.getByTestId('decision-dialog-body').innerText()).toContain('审核通过');
    await expect.poll(() => region.getByTestId('decision-comment').evaluate((e) => e === document.activeElement)).toBe(true);
    await shot(region, 'region-pass-dialog');
    const response = decisionResponse(region);
    await region.keyboard.press('Enter');
    expect((await response).status()).toBe(200);
    await region.getByTestId('decision-done').waitFor();
    expect(await statusOf(NO)).toBe('approved');
    const history = await region.getByTestId('history').innerText();
    for (const word of ['作出审核结论', '图片审核', '电话通知', '上传图片', '删除图片']) expect(history).toContain(word);
    await shot(region, 'region-approved', true);
  });

  it('region: sees each site\'s results with totals and can export them', async () => {
    await region.goto(`${server.baseUrl}/review/statistics`);
    const table = region.getByTestId('statistics-table');
    await table.waitFor();
    const text = await table.innerText();
    expect(text).toContain('示例市第一考点');
    expect(text).toContain('示例市第二考点');
    const total = await region.getByTestId('statistics-total').innerText();
    expect(total).toContain('20');
    expect(await region.getByTestId('export-xlsx').getAttribute('href')).toBe('/api/v1/review/export.xlsx');
    await region.getByTestId('export-status').click();
    await region.locator('.ant-select-item-option', { hasText: '审核通过' }).click();
    const href = await region.getByTestId('export-xlsx').getAttribute('href');
    expect(href).toBe('/api/v1/review/export.xlsx?status=approved');
    const xlsx = await region.request.get(`${server.baseUrl}${href}`);
    expect(xlsx.status()).toBe(200);
    expect(xlsx.headers()['content-type']).toMatch(/spreadsheetml/);
    await noHorizontalScroll(region);
    await shot(region, 'statistics');
  });

  it('candidate: sees 审核通过 and the notices in 消息', async () => {
    await candidate.goto(`${server.baseUrl}/`);
    const regCard = candidate.getByTestId('registration-card');
    await regCard.waitFor();
    expect(await regCard.locator('[data-testid=status-tag]').innerText()).toBe('审核通过');
    await candidate.getByTestId('messages-link').click();
    await candidate.waitForURL(/\/messages$/);
    const items = candidate.getByTestId('message-item');
    await expect.poll(() => items.count()).toBe(3);
    expect(await items.first().innerText()).toContain('审核通过');
    expect(await items.nth(2).innerText()).toContain('退回修改');
    await noHorizontalScroll(candidate);
    await shot(candidate, 'candidate-messages');
    // A notice leads to 上传相关材料, where the comments and locked images are.
    await items.nth(2).getByTestId('message-materials-link').click();
    await candidate.waitForURL(/\/materials$/);
    await candidate.getByTestId('materials-page').waitFor();
  });

  it('admin: reopens the final decision with a reason (O, then Enter)', async () => {
    const admin = await pageOf(1280, 800);
    await login(admin, 'admin', /\/(admin|review)/);
    await admin.goto(`${server.baseUrl}/review/${NO}`);
    await admin.getByTestId('claim-admin').waitFor();
    await admin.getByTestId('reopen').waitFor();
    await admin.keyboard.press('o');
    const reason = admin.getByTestId('reopen-reason');
    await reason.waitFor();
    await expect.poll(() => reason.evaluate((e) => e === document.activeElement)).toBe(true);
    await reason.fill('考生申诉，复核学历材料');
    await shot(admin, 'admin-reopen');
    const reopened = admin.waitForResponse((r) => r.url().endsWith(`/registrations/${NO}/reopen`));
    await admin.keyboard.press('Enter');
    expect((await reopened).status()).toBe(200);
    await expect.poll(() => statusOf(NO)).toBe('site_approved');
    await expect.poll(() => admin.getByTestId('history').innerText()).toContain('考生申诉，复核学历材料');
    await admin.context().close();
  });

  it('closing the review tab releases the claim: the candidate can upload again', async () => {
    const other = '2026990100005';
    const { candidateWithMaterials } = await import('../support/review-fixtures.js');
    const { makePhotoJpeg } = await import('../fixtures/make-image-corpus.js');
    const photo = await makePhotoJpeg({ width: 1100, height: 800, targetBytes: 100_000 });
    const cand = await candidateWithMaterials(server, other, photo);
    const tab = await pageOf(1280, 800);
    await login(tab, 'site9901', /\/review$/);
    await tab.goto(`${server.baseUrl}/review/${other}`);
    await tab.getByTestId('claim-mine').waitFor();
    // Locked while held.
    expect((await cand.upload('degree_cert', photo)).status).toBe(423);
    const holder = async () => (await server.deps.db.selectFrom('registrations').select('claim_account_id').where('registration_no', '=', other).executeTakeFirstOrThrow()).claim_account_id;
    await tab.close({ runBeforeUnload: true });
    await expect.poll(holder, { timeout: 20_000 }).toBeNull();
    expect((await cand.upload('degree_cert', photo)).status).toBe(201);
  });

  it('on a phone, Back closes the 退回 dialog and stays on the review page, the claim kept (and the page at 1366 px)', async () => {
    const other = '2026990100005'; // complete, pending, released by the test before
    const holder = async () =>
      (await server.deps.db.selectFrom('registrations').select('claim_account_id').where('registration_no', '=', other).executeTakeFirstOrThrow()).claim_account_id;
    const open = async (p: Page) => {
      await login(p, 'site9901', /\/review$/);
      await p.goto(`${server.baseUrl}/review/${other}`);
      await p.getByTestId('claim-mine').waitFor();
      await expect.poll(() => p.getByTestId('thumb').count()).toBeGreaterThanOrEqual(5);
      await expect.poll(() => p.getByTestId('viewer-image').evaluate((e) => (e as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
      await noHorizontalScroll(p);
    };
    const desk = await pageOf(1366, 768);
    await open(desk);
    await shot(desk, 'review-page', true);
    await desk.close({ runBeforeUnload: true });
    await expect.poll(holder, { timeout: 20_000 }).toBeNull();
    await desk.context().close();

    const phone = await pageOf(375, 812, true);
    await open(phone);
    await shot(phone, 'review-page', true);
    const focus = () =>
      phone.evaluate(() => ({ testId: document.activeElement?.getAttribute('data-testid') ?? '', inDialog: !!document.activeElement?.closest('.ant-modal-wrap') }));
    const openDialogs = () => phone.evaluate(() => ((history.state as { openDialogs?: string[] } | null)?.openDialogs ?? []).length);
    const returnDialog = phone.getByTestId('decision-dialog-body');

    await phone.getByTestId('outcome-return').click();
    await returnDialog.waitFor();
    // The focus is in the dialog and Tab keeps it there.
    await expect.poll(async () => (await focus()).inDialog).toBe(true);
    for (let i = 0; i < 10; i++) {
      await phone.keyboard.press('Tab');
      expect((await focus()).inDialog, 'Tab left the open dialog').toBe(true);
    }
    await shot(phone, 'return-dialog');
    expect(await openDialogs()).toBe(1);

    // The phone's Back closes the dialog, not the page: same candidate, still claimed, the focus back on 退回修改.
    await phone.goBack();
    await returnDialog.waitFor({ state: 'detached' });
    expect(new URL(phone.url()).pathname).toBe(`/review/${other}`);
    expect(await phone.getByTestId('review-page').getAttribute('data-claim')).toBe('mine');
    expect(await holder()).not.toBeNull();
    await expect.poll(async () => (await focus()).testId).toBe('outcome-return');
    expect(await openDialogs()).toBe(0);

    // Closed by its 取消 button instead, the dialog takes its history entry back: Back then leaves for the queue as before.
    await phone.getByTestId('outcome-return').click();
    await returnDialog.waitFor();
    await expect.poll(openDialogs).toBe(1);
    await phone.locator('.ant-modal-footer .ant-btn').first().click();
    await returnDialog.waitFor({ state: 'detached' });
    await expect.poll(openDialogs).toBe(0);
    expect(new URL(phone.url()).pathname).toBe(`/review/${other}`);
    await phone.goBack();
    await phone.waitForURL(/\/review$/);
    await expect.poll(holder, { timeout: 20_000 }).toBeNull(); // leaving the page gave the claim back
    await phone.context().close();
  });

  it('works on a phone too: the queue and a read-only review page at 375 px', async () => {
    const phone = await pageOf(375, 812, true);
    await login(phone, 'site9901', /\/review$/);
    await phone.goto(`${server.baseUrl}/review?status=incomplete`);
    await phone.getByTestId('queue-row').first().waitFor();
    await noHorizontalScroll(phone);
    await shot(phone, 'console');
    await phone.goto(`${server.baseUrl}/review/${NO}`);
    await phone.getByTestId('claim-readonly').waitFor();
    await expect.poll(() => phone.getByTestId('thumb').count()).toBe(5);
    await noHorizontalScroll(phone);
    await shot(phone, 'review-readonly');
    await phone.getByTestId('material-groups').scrollIntoViewIfNeeded();
    await shot(phone, 'review-readonly-images');
    expect(pageErrors).toEqual([]);
  });
});
