/**
 * End to end in Chromium against the real server and the built web client: the national
 * administrator imports a registration file (GBK CSV as Chinese Excel saves it) with three
 * bad rows in 管理后台 → 报名数据导入; the page lists the three by line and column and the
 * good rows are stored. One imported candidate then logs in with the 报名号 and the last six
 * characters of the ID number, must change the password, activates and uploads an image.
 * Screenshots go to test-output/screenshots/admin-import-*.png.
 */
import { writeFile, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../support/start-server.js';
import { ensureWebBuild, launchChromium, loginThroughUi, newPage, poll, screenshots } from '../support/browser.js';
import { gbkEncode, IMPORT_HEADER, testIdNumber, withWrongCheckDigit } from '../support/admin-fixtures.js';

let server: TestServer;
let browser: Browser;
let admin: Page;
let candidate: Page;
let tmp = '';
const errors: string[] = [];
const shot = screenshots('admin-import');

// An ID number ending in X: the first password is typed with a lower-case x.
let xn = 700;
while (!testIdNumber(xn, '19970315').endsWith('X')) xn++;
const NEW_ID = testIdNumber(xn, '19970315');
const NEW_NO = '2026990200701';
const ROWS = [
  `${IMPORT_HEADER},个人情况`,
  `${NEW_NO},林晓雨,身份证,${NEW_ID},13800000701,临床执业医师,99,9902,`,
  `2026990200702,何志强,身份证,${testIdNumber(702)},13800000702,口腔执业医师,99,9902,非首次报考`,
  `2026990200703,郭敏,身份证,${withWrongCheckDigit(testIdNumber(703))},13800000703,临床执业医师,99,9902,`,
  `2026990200704,马骏,身份证,${testIdNumber(704)},1380000070,临床执业医师,99,9902,`,
  `2026990200705,罗娟,身份证,${testIdNumber(705)},13800000705,临床医师,99,9902,`,
  `2026990100706,梁晨,身份证,${testIdNumber(706)},13800000706,中医执业医师,99,9901,应届毕业生`,
];

beforeAll(async () => {
  ensureWebBuild();
  tmp = await mkdtemp(path.join(os.tmpdir(), 'e2e-admin-import-'));
  server = await startTestServer();
  browser = await launchChromium();
  admin = await newPage(browser, { width: 1366, height: 900, errors });
  candidate = await newPage(browser, { width: 375, height: 812, mobile: true, errors });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe('registration import in 管理后台, then the imported candidate', () => {
  it('reports the three bad rows by line and column and stores the rest', async () => {
    await loginThroughUi(admin, server.baseUrl, 'admin', 'Demo#2026', /\/admin\/regions$/);
    await admin.getByRole('menuitem', { name: '报名数据导入' }).click();
    await admin.waitForURL(/\/admin\/import$/);
    await shot(admin, 'import-page');

    const file = path.join(tmp, '报名信息.csv');
    await writeFile(file, gbkEncode(ROWS.join('\r\n')));
    await admin.getByTestId('import-upload').locator('input[type=file]').setInputFiles(file);
    const result = admin.getByTestId('import-result');
    await result.waitFor({ timeout: 30_000 });
    expect(await result.innerText()).toContain('3 行未导入，其余行已保存');
    const rows = admin.getByTestId('import-rejected').locator('.ant-table-row');
    await poll(() => rows.count()).toBe(3);
    const text = [await rows.nth(0).innerText(), await rows.nth(1).innerText(), await rows.nth(2).innerText()];
    expect(text[0]).toMatch(/^4\s+证件号码\s+.*校验位/);
    expect(text[1]).toMatch(/^5\s+手机号\s+.*11 位/);
    expect(text[2]).toMatch(/^6\s+报考类别\s+.*临床医师/);
    await shot(admin, 'import-result');

    const stored = await server.deps.db.selectFrom('registrations').select(['registration_no', 'name', 'exam_category_code']).where('registration_no', 'in', [NEW_NO, '2026990200702', '2026990200703', '2026990200704', '2026990200705', '2026990100706']).orderBy('registration_no').execute();
    expect(stored.map((r) => r.registration_no)).toEqual(['2026990100706', NEW_NO, '2026990200702']);
    expect(stored.find((r) => r.registration_no === NEW_NO)?.name).toBe('林晓雨');
    // The history lists the import with its error report.
    await poll(() => admin.getByText('报名信息.csv').count()).toBeGreaterThan(1);
  });

  it('the imported candidate logs in with the last six of the ID number and must change the password', async () => {
    await loginThroughUi(candidate, server.baseUrl, NEW_NO, NEW_ID.slice(-6).toLowerCase(), /\/password$/);
    await shot(candidate, 'candidate-change-password');
    await candidate.locator('#currentPassword').fill(NEW_ID.slice(-6));
    await candidate.locator('#newPassword').fill('Lin2026xy');
    await candidate.locator('#confirm').fill('Lin2026xy');
    await candidate.locator('button[type=submit]').click();
    await candidate.waitForURL(/\/activate$/);
    await candidate.getByTestId('consent-agree').click();
    await candidate.getByTestId('activate-submit').click();
    await candidate.waitForURL(/\/materials$/);
  });

  it('uploads an image to 身份证明 and sees it in the slot', async () => {
    const photo = path.join(tmp, 'id-front.jpg');
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1280" height="800"><rect width="1280" height="800" fill="#eef2f7"/>
      <rect x="60" y="60" width="1160" height="680" rx="30" fill="#fbfcfe" stroke="#8aa0bd" stroke-width="8"/>
      <rect x="120" y="160" width="600" height="40" fill="#55657a"/><rect x="120" y="260" width="760" height="32" fill="#7a8aa0"/>
      <rect x="900" y="140" width="260" height="320" fill="#c7d2e0"/></svg>`;
    await sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toFile(photo);
    const card = candidate.getByTestId('category-id_card');
    await card.locator('input[type=file]').setInputFiles(photo);
    await candidate.getByTestId('upload-notice').waitFor({ timeout: 30_000 });
    const posted = candidate.waitForResponse((r) => r.url().endsWith('/materials/id_card/images') && r.request().method() === 'POST');
    await candidate.getByTestId('upload-submit').click();
    expect((await posted).status()).toBe(201);
    await poll(() => card.getByTestId('image-tile').count()).toBe(1);
    const thumb = card.getByTestId('image-tile').locator('img').first();
    await poll(() => thumb.evaluate((e) => (e as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    await card.scrollIntoViewIfNeeded();
    await shot(candidate, 'candidate-uploaded', false);
    const images = await server.deps.db.selectFrom('images').innerJoin('registrations', 'registrations.id', 'images.registration_id').select('images.id').where('registrations.registration_no', '=', NEW_NO).execute();
    expect(images).toHaveLength(1);
    expect(errors).toEqual([]);
  });
});
