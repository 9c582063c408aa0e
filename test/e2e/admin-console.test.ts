/**
 * End to end in Chromium: the rest of 管理后台 as the region administrator admin99 —
 * a requirement rule added in 材料要求规则 reaches a candidate's material list at once, a
 * reviewer account created in 账号管理 shows its one-time password and must change it,
 * 材料目录 shows the catalog read-only with its example images, and the console switches to English.
 * A 考点 rule added for one site reaches that site's candidates only, and the site's own
 * reviewer manages it on a phone (375 px). On a phone, Back closes the rule form and the page stays.
 * Screenshots go to test-output/screenshots/admin-console-*.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../support/start-server.js';
import { ApiClient } from '../support/api-client.js';
import { ensureWebBuild, launchChromium, loginThroughUi, newPage, noHorizontalScroll, poll, screenshots, settle } from '../support/browser.js';

let server: TestServer;
let browser: Browser;
let page: Page;
const errors: string[] = [];
const shot = screenshots('admin-console');

beforeAll(async () => {
  ensureWebBuild();
  server = await startTestServer();
  browser = await launchChromium();
  page = await newPage(browser, { width: 1366, height: 900, errors });
  await loginThroughUi(page, server.baseUrl, 'admin99', 'Demo#2026', /\/admin\/regions$/);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('管理后台 as a region administrator', () => {
  it('adds a region rule that makes 其他 required with extra text, and the candidate sees it', async () => {
    await page.getByRole('menuitem', { name: '材料要求规则' }).click();
    await page.waitForURL(/\/admin\/rules$/);
    // On a phone, Back closes the form as 取消 does, and the console stays on 材料要求规则.
    await page.setViewportSize({ width: 375, height: 812 });
    await page.getByTestId('rule-add').click();
    const dialog = page.locator('.ant-modal');
    await dialog.getByLabel('补充要求', { exact: true }).waitFor();
    await page.goBack();
    await dialog.waitFor({ state: 'hidden' });
    expect(new URL(page.url()).pathname).toBe('/admin/rules');
    await page.getByTestId('rule-add').waitFor();
    await settle(page);
    await shot(page, 'back-closed-form', false);
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.getByTestId('rule-add').click();
    // The option list is virtual: search it, as a person with a long list would.
    await dialog.getByLabel('材料').fill('其他');
    await page.locator('.ant-select-dropdown:visible').getByTitle('其他', { exact: true }).click();
    await dialog.getByLabel('最多张数').fill('2');
    await dialog.getByLabel('补充要求', { exact: true }).fill('本考区另需上传手持身份证照片一张');
    await dialog.getByLabel('英文补充要求').fill('This region also needs a photo of you holding your ID card');
    await shot(page, 'rule-dialog', false);
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('规则已保存').waitFor();
    await poll(() => page.getByText('本考区另需上传手持身份证照片一张').count()).toBeGreaterThan(0);
    await shot(page, 'rules');

    const candidate = new ApiClient(server.baseUrl);
    await candidate.login('2026990100007');
    await candidate.request('POST', '/api/v1/candidate/activate', { json: { agree: true } });
    const other = (await candidate.request('GET', '/api/v1/candidate/materials')).body.categories.find((c: any) => c.code === 'other');
    expect(other).toMatchObject({ required: true, maxCount: 2 });
    expect(other.requirements).toContain('手持身份证');
    // English mode gets the English the administrator wrote beside the Chinese.
    expect(other.requirementsEn).toContain('This region also needs a photo of you holding your ID card');
    expect(other.requirementsEn).not.toContain('手持身份证');
  });

  it('adds a 考点 rule for one site: its candidates must upload 学位证书, the other site\'s do not', async () => {
    await page.getByTestId('rule-site').click();
    await page.locator('.ant-select-dropdown:visible').getByTitle('示例市第一考点（9901）考点规则').click();
    await page.getByTestId('site-rules').waitFor();
    await page.getByText('本考点还没有自己的规则').waitFor();
    await page.getByTestId('site-rule-add').click();
    const dialog = page.locator('.ant-modal').filter({ hasText: '新增考点规则' });
    await dialog.getByLabel('材料').fill('学位证书');
    await page.locator('.ant-select-dropdown:visible').getByTitle('学位证书', { exact: true }).click();
    await dialog.getByLabel('补充要求', { exact: true }).fill('本考点须上传学位证书原件照片');
    await shot(page, 'site-rule-dialog', false);
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText(/已保存：\d+ 名考生的材料清单已更新/).waitFor();
    const row = page.getByTestId('site-rules').locator('.ant-table-row').filter({ hasText: '本考点须上传学位证书原件照片' });
    await row.waitFor();
    // The site's preview lists 学位证书 as required.
    await poll(() => page.getByTestId('site-rule-preview').locator('.ant-table-row').filter({ hasText: '学位证书' }).filter({ hasText: '必传' }).count()).toBe(1);
    await shot(page, 'site-rules');

    const card = async (no: string) => {
      const c = new ApiClient(server.baseUrl);
      await c.login(no);
      await c.request('POST', '/api/v1/candidate/activate', { json: { agree: true } });
      const body = (await c.request('GET', '/api/v1/candidate/materials')).body;
      return { degree: body.categories.find((x: any) => x.code === 'degree_cert'), todo: body.todo };
    };
    const mine = await card('2026990100008');
    expect(mine.degree).toMatchObject({ required: true });
    expect(mine.degree.requirements).toContain('本考点须上传学位证书原件照片');
    expect(mine.todo).toContainEqual({ kind: 'missing', categoryCode: 'degree_cert' });
    const other = await card('2026990200008');
    expect(other.degree).toMatchObject({ required: false });
    expect(other.todo).not.toContainEqual({ kind: 'missing', categoryCode: 'degree_cert' });
  });

  it('lets the site\'s own reviewer see and remove its rules on a phone (375 px)', async () => {
    const phone = await newPage(browser, { width: 375, height: 812, mobile: true, errors });
    try {
      await loginThroughUi(phone, server.baseUrl, 'site9901', 'Demo#2026', /\/review$/);
      await phone.getByTestId('go-site-rules').click();
      await phone.waitForURL(/\/review\/site-rules$/);
      const rules = phone.getByTestId('site-rules');
      await rules.locator('.ant-table-row').filter({ hasText: '本考点须上传学位证书原件照片' }).waitFor();
      await shot(phone, 'site-rules-phone');
      // The rules the site adds to are there, folded.
      await rules.getByText(/考区与全国规则要求的必传材料/).click();
      await rules.getByText('身份证明', { exact: true }).first().waitFor();
      await shot(phone, 'site-rules-phone-inherited');
      await noHorizontalScroll(phone);
      await rules.getByTestId('site-rule-delete').click();
      await phone.locator('.ant-popconfirm').getByRole('button', { name: /删\s*除/ }).click();
      await phone.getByText(/已删除：\d+ 名考生的材料清单已更新/).waitFor();
      await phone.getByText('本考点还没有自己的规则').waitFor();
      await noHorizontalScroll(phone);
      await shot(phone, 'site-rules-phone-empty');
    } finally {
      await phone.context().close();
    }
    const audit = await server.deps.db.selectFrom('audit_events').select('action').where('action', 'in', ['admin.site_rule_created', 'admin.site_rule_deleted']).execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['admin.site_rule_created', 'admin.site_rule_deleted']);
  });

  it('creates a site reviewer, shows the one-time password, and that account must change it', async () => {
    await page.getByRole('menuitem', { name: '账号管理' }).click();
    await page.waitForURL(/\/admin\/accounts$/);
    await page.locator('.ant-table-row').first().waitFor();
    await page.getByTestId('account-add').click();
    const dialog = page.locator('.ant-modal').filter({ hasText: '新建账号' });
    await dialog.getByLabel('考点').click();
    await page.locator('.ant-select-dropdown:visible').getByTitle('示例市第二考点（9902）').click();
    await dialog.getByLabel('用户名').fill('site9902-wang');
    await dialog.getByLabel('姓名/名称').fill('王审核');
    await dialog.getByRole('button', { name: /创\s*建/ }).click();
    const temp = page.getByTestId('temporary-password');
    await temp.waitFor();
    const password = (await temp.innerText()).trim();
    expect(password).toMatch(/^[A-Za-z0-9]{12}$/);
    await shot(page, 'account-created', false);
    await page.getByRole('button', { name: '我已记下' }).click();
    await page.locator('.ant-table-row').filter({ hasText: 'site9902-wang' }).waitFor();
    await shot(page, 'accounts');

    const reviewer = new ApiClient(server.baseUrl);
    const login = await reviewer.login('site9902-wang', password);
    expect(login.body.user).toMatchObject({ role: 'site_reviewer', siteCode: '9902', regionCode: '99', mustChangePassword: true });
  });

  it('shows the catalog read-only with example images', async () => {
    await page.getByRole('menuitem', { name: '材料目录' }).click();
    await page.waitForURL(/\/admin\/catalog$/);
    await page.getByText('只读（由全国管理员维护）').waitFor();
    const thumb = page.locator('img.admin-example-thumb').first();
    await poll(() => thumb.evaluate((e) => (e as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    expect(await page.getByRole('button', { name: '上传示例' }).count()).toBe(0);
    // Each exam category with the English name English mode shows.
    await page.locator('.ant-table-row').filter({ hasText: '临床执业医师' }).filter({ hasText: 'Clinical physician' }).first().waitFor();
    await shot(page, 'catalog');
    expect(errors).toEqual([]);
  });

  it('switches the console to English and back', async () => {
    await page.getByTestId('lang-switch').click();
    await page.getByText('Read only (kept by the national administrators)').waitFor();
    await page.getByText('Material types', { exact: true }).waitFor();
    await page.getByRole('menuitem', { name: 'Accounts' }).click();
    await page.waitForURL(/\/admin\/accounts$/);
    await page.getByTestId('account-add').filter({ hasText: 'New account' }).waitFor();
    await page.getByRole('columnheader', { name: 'Username' }).waitFor();
    expect(await page.getByText('账号管理').count()).toBe(0);
    await shot(page, 'english');
    await page.getByTestId('lang-switch').click();
    await page.getByRole('menuitem', { name: '账号管理' }).waitFor();
    expect(errors).toEqual([]);
  });
});
