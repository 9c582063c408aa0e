/**
 * End to end, in Debian's Chromium at 375×812 against the real server serving the built web
 * client: what a candidate notices of how the site is served (issue 13, items 2, 5 and 6).
 *  - a deep link survives login (and a ?next= to another site is not followed); the login
 *    field says 报名号 for candidates, 用户名 for staff, and 忘记密码 says whom to contact;
 *  - a 429 from the API shows 操作过于频繁，请 N 秒后再试 on the page, never raw JSON;
 *  - a page's script that fails to download shows 重新加载, which brings the page back;
 *  - English mode shows the catalog's English names and the exam categories' (the candidate's
 *    registration, the reviewer's queue, filter and file), and the date pickers follow the
 *    app's language (antd zh_CN / en_US with dayjs).
 * Screenshots: test-output/screenshots/served-*.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { clearScreenshots, launchChromium, newPage, noHorizontalScroll, poll, saveScreenshot, serverUnderTest, submitLogin } from '../support/browser.js';
import { ApiClient } from '../support/api-client.js';

const PASSWORD = 'Demo#2026';
let baseUrl = '';
let closeServer: (() => Promise<void>) | null = null;
let browser: Browser;
const pageErrors: string[] = [];

const shot = (page: Page, name: string, fullPage = true) => saveScreenshot(page, `served-${name}`, fullPage);
const phone = (opts: { lang?: 'en' } = {}) =>
  newPage(browser, { width: 375, height: 812, mobile: true, errors: pageErrors, ...(opts.lang ? { locale: 'en-US' } : {}) }).then(async (p) => {
    if (opts.lang) await p.addInitScript(() => localStorage.setItem('lang', 'en'));
    return p;
  });

async function activated(username: string): Promise<ApiClient> {
  const c = new ApiClient(baseUrl);
  expect((await c.login(username, PASSWORD)).status).toBe(200);
  await c.request('POST', '/api/v1/candidate/activate', { json: { agree: true } });
  return c;
}

beforeAll(async () => {
  clearScreenshots('served');
  const server = await serverUnderTest();
  baseUrl = server.baseUrl;
  closeServer = server.close;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await closeServer?.();
});

describe('login', () => {
  it('brings a candidate who opened a deep link back to it after login, asking for the 报名号', async () => {
    await activated('2026990100008');
    const page = await phone();
    await page.goto(`${baseUrl}/materials#cat-other`);
    await page.waitForURL(/\/login\?next=/);
    expect(new URL(page.url()).searchParams.get('next')).toBe('/materials#cat-other');
    expect(await page.locator('label[for=username]').innerText()).toBe('报名号');
    await page.getByTestId('forgot-password').click();
    expect(await page.getByTestId('forgot-help').innerText()).toContain('请联系您报考的考点');
    await noHorizontalScroll(page);
    await shot(page, '01-login-candidate-forgot');

    // Staff read 用户名 and are told to ask their administrator.
    await page.getByTestId('login-as').getByText('工作人员').click();
    expect(await page.locator('label[for=username]').innerText()).toBe('用户名');
    expect(await page.getByTestId('forgot-help').innerText()).toContain('系统管理员');
    await shot(page, '02-login-staff');
    await page.getByTestId('login-as').getByText('考生').click();

    await submitLogin(page, '2026990100008', PASSWORD);
    await page.waitForURL(/\/materials#cat-other$/);
    await page.getByTestId('materials-page').waitFor();
    await page.context().close();
  });

  it('does not follow a ?next= to another site', async () => {
    const page = await phone();
    await page.goto(`${baseUrl}/login?next=${encodeURIComponent('//evil.example/phish')}`);
    await submitLogin(page, '2026990100008', PASSWORD);
    await page.waitForURL((u) => u.origin === baseUrl && u.pathname === '/');
    await page.getByTestId('go-materials').waitFor();
    await page.context().close();
  });
});

describe('never raw JSON, never a white page', () => {
  it('shows 操作过于频繁，请 N 秒后再试 when the API refuses the candidate for going too fast', async () => {
    const api = await activated('2026990100009');
    const page = await phone();
    await page.context().addCookies([{ name: 'sid', value: api.cookie.replace(/^sid=/, ''), url: baseUrl }]);
    await page.goto(`${baseUrl}/materials`);
    await page.getByTestId('materials-page').waitFor();
    // The account's API allowance (1200 a minute), used up from elsewhere (a script, another tab).
    for (let i = 0; i < 1300; i++) {
      const r = await api.request('GET', '/api/v1/auth/me');
      if (r.status === 429) break;
    }
    await page.reload();
    const error = page.locator('.ant-result');
    await error.waitFor();
    expect(await error.innerText()).toMatch(/操作过于频繁，请 \d+ 秒后再试/);
    expect(await error.locator('.ant-result-title').innerText()).toBe('操作过于频繁');
    expect(await page.locator('body').innerText()).not.toContain('"error"');
    await shot(page, '03-rate-limited');
    await page.context().close();
  }, 120_000);

  it('shows 重新加载 when a page\'s script does not arrive, and reloading brings the page back', async () => {
    const api = await activated('2026990100010');
    const page = await phone();
    await page.context().addCookies([{ name: 'sid', value: api.cookie.replace(/^sid=/, ''), url: baseUrl }]);
    await page.goto(`${baseUrl}/`);
    await page.getByTestId('go-materials').waitFor();
    // A deploy replaced the materials page's chunk, or the network dropped: its download fails.
    await page.route(/\/assets\/MaterialsPage-[^/]+\.js$/, (route) => route.abort('connectionreset'));
    await page.getByTestId('go-materials').click();
    const failed = page.getByTestId('load-failed');
    await failed.waitFor();
    expect(await failed.innerText()).toContain('页面加载失败');
    expect(await page.getByTestId('reload').innerText()).toContain('重新加载');
    // The header stays: the candidate can still switch language or log out.
    await page.getByTestId('logout').waitFor();
    await noHorizontalScroll(page);
    await shot(page, '04-chunk-failed');

    await page.unroute(/\/assets\/MaterialsPage-[^/]+\.js$/);
    await page.getByTestId('reload').click();
    await page.getByTestId('materials-page').waitFor();
    await page.context().close();
  });
});

describe('English mode', () => {
  it('shows the catalog\'s English names and requirements, the shared rule once, optional categories folded', async () => {
    const api = await activated('2026990200002');
    const page = await phone({ lang: 'en' });
    await page.context().addCookies([{ name: 'sid', value: api.cookie.replace(/^sid=/, ''), url: baseUrl }]);
    // 报考类别 on the registration card: the exam category's English name.
    await page.goto(`${baseUrl}/`);
    await page.getByText('Clinical physician', { exact: true }).waitFor();
    expect(await page.locator('body').innerText()).not.toContain('临床执业医师');
    await shot(page, '05-registration-en', false);
    await page.goto(`${baseUrl}/materials`);
    await page.getByTestId('materials-page').waitFor();
    const idCard = page.getByTestId('category-id_card');
    expect(await idCard.locator('.category-name').innerText()).toBe('Proof of identity');
    expect(await idCard.locator('.category-req').innerText()).toMatch(/^Upload both sides/);
    expect(await idCard.locator('.category-req').innerText()).not.toContain('Keep the picture upright');
    expect(await page.getByTestId('common-requirements').innerText()).toContain('Keep the picture upright');
    // Optional, empty categories fold away on a phone; required ones stay open.
    expect(await page.getByTestId('category-degree_cert').count()).toBe(0);
    const folded = page.getByTestId('optional-categories');
    expect(await folded.innerText()).toMatch(/Optional materials \(\d+/);
    expect(await page.locator('body').innerText()).not.toMatch(/身份证明|毕业证书/);
    await noHorizontalScroll(page);
    await shot(page, '05-materials-en');
    await folded.getByRole('button').first().click();
    await page.getByTestId('category-degree_cert').waitFor();
    expect(await page.getByTestId('category-degree_cert').locator('.category-name').innerText()).toBe('Degree certificate');
    await page.context().close();
  });

  it('names exam categories in English on the reviewer\'s queue, its filter and a candidate\'s file', async () => {
    const page = await phone({ lang: 'en' });
    await page.setViewportSize({ width: 1366, height: 800 });
    await page.goto(`${baseUrl}/login`);
    await page.getByTestId('login-as').locator('.ant-segmented-item').nth(1).click();
    await submitLogin(page, 'region99', PASSWORD);
    await page.waitForURL(/\/review/);
    await page.goto(`${baseUrl}/review?status=all`);
    const row = page.getByTestId('queue-row').first();
    await row.waitFor();
    expect(await row.innerText()).toContain('Clinical physician');
    await page.getByTestId('filter-exam').click();
    await page.locator('.ant-select-dropdown:visible').getByTitle('Dental physician').waitFor();
    await page.keyboard.press('Escape');
    expect(await page.getByTestId('review-console').innerText()).not.toMatch(/临床执业医师|口腔执业医师/);
    await shot(page, '07-review-queue-en', false);
    await page.goto(`${baseUrl}/review/2026990200003`);
    await page.getByText('Clinical physician', { exact: true }).waitFor();
    // The material names too, in the missing list and the groups.
    expect(await page.getByTestId('missing-required').innerText()).toContain('Proof of identity');
    expect(await page.locator('body').innerText()).not.toMatch(/临床执业医师|身份证明|毕业证书/);
    await shot(page, '08-review-file-en', false);
    await page.context().close();
  });

  it('words the date pickers in the app\'s language: Chinese in Chinese mode, English in English mode', async () => {
    for (const lang of ['zh-CN', 'en'] as const) {
      const page = lang === 'en' ? await phone({ lang: 'en' }) : await phone();
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.goto(`${baseUrl}/login`);
      await page.getByTestId('login-as').locator('.ant-segmented-item').nth(1).click();
      await submitLogin(page, 'admin', PASSWORD);
      await page.waitForURL(/\/admin/);
      await page.goto(`${baseUrl}/admin/regions`);
      await page.getByTestId('windows-99').click();
      const picker = page.locator('.ant-modal .ant-picker-range').first();
      const panel = page.locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden)');
      // A click while the dialog is still animating in can be taken back by it: click until the panel shows.
      await poll(async () => {
        if (!(await panel.isVisible())) await picker.locator('input').first().click();
        return panel.isVisible();
      }).toBe(true);
      const header = await panel.locator('.ant-picker-header-view').first().innerText();
      const weekdays = await panel.locator('.ant-picker-content thead').first().innerText();
      const placeholder = await picker.locator('input').first().getAttribute('placeholder');
      if (lang === 'zh-CN') {
        expect(header).toMatch(/\d{4}年\s*\d{1,2}月/);
        expect(weekdays).toMatch(/一[\s\S]*二[\s\S]*日/);
        expect(placeholder).toBe('开始日期');
      } else {
        expect(header).toMatch(/[A-Z][a-z]{2}\s*\d{4}/);
        expect(weekdays).toMatch(/Mo[\s\S]*Tu/);
        expect(placeholder).toBe('Start date');
      }
      await poll(async () => (await panel.boundingBox())?.height ?? 0).toBeGreaterThan(100);
      await shot(page, `06-date-picker-${lang}`, false);
      await page.context().close();
    }
  });

  it('ran without page errors or CSP violations', () => {
    expect(pageErrors.filter((e) => !/MaterialsPage|dynamically imported module|Failed to fetch/i.test(e))).toEqual([]);
  });
});
