/**
 * Issue 13 (accessible): axe-core checks every page of the web client — guest, candidate
 * (before activation, without and with pictures, returned, approved, the upload dialog
 * open), reviewer, administrator, help and the photo tool — in Simplified Chinese and
 * English, on a phone (375×812) and a desktop (1366×768), and fails on any serious or
 * critical WCAG 2.1 A/AA violation, naming the page, the rule and the elements.
 *
 * One server, one browser, one page per role (logged in once). Each page is loaded once
 * and checked at both sizes in both languages, resized and switched in place (the header's
 * language button), as a user would; the phone size is a resized page without touch
 * emulation — the layout axe checks follows the width. Other candidates' files are set up
 * over HTTP. A page with violations is also saved as test-output/screenshots/a11y-violation-*.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import type { TestServer } from '../support/start-server.js';
import { ensureWebBuild, launchChromium, loginThroughUi, newPage, saveScreenshot, settle } from '../support/browser.js';

const PASSWORD = 'Demo#2026';
const EMPTY = '2026990100001'; // activated, no pictures yet
const RETURNED = '2026990100002'; // all pictures, returned by the site reviewer with one to replace
const APPROVED = '2026990100003'; // passed by site and region
const PENDING = '2026990100004'; // all pictures, waiting for review (the reviewer opens it)
const FRESH = '2026990100005'; // never logged in: the activation page
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const LANGS = ['zh-CN', 'en'] as const;
const SIZES = [
  { width: 375, height: 812 },
  { width: 1366, height: 768 },
] as const;

let server: TestServer;
let browser: Browser;
const startedAt = Date.now();

interface Visit {
  name: string;
  path: string;
  /** A selector that is on the page once it has loaded its data. */
  ready: string;
  /** Something to do after loading (open a dialog …) before the check. */
  then?: (page: Page) => Promise<void>;
}

/** Waits for the page's own content and for spinners and animations to finish. */
async function loaded(page: Page, ready: string): Promise<void> {
  await page.locator(ready).first().waitFor({ timeout: 20_000 });
  await page.waitForFunction(() => document.querySelectorAll('.ant-spin-spinning, .ant-skeleton-active').length === 0, undefined, { timeout: 20_000 });
  await settle(page);
}

/** The serious and critical WCAG 2.1 A/AA violations on the page as it is now, one readable line per element. */
async function violations(page: Page, label: string): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) =>
      v.nodes.map((n) => `${label}: ${v.id} (${v.impact}) ${v.help} — ${n.target.join(' ')} — ${n.failureSummary?.replace(/\s+/g, ' ').slice(0, 240) ?? ''}`),
    );
}

/** Switches the page's language the way a user does (the header's 中文/English button), without reloading. */
async function switchLanguage(page: Page, lang: (typeof LANGS)[number]): Promise<void> {
  if ((await page.evaluate(() => document.documentElement.lang)) === lang) return;
  // dispatchEvent: the button is under the mask while a dialog is open.
  await page.getByTestId('lang-switch').dispatchEvent('click');
  await page.waitForFunction((l) => document.documentElement.lang === l, lang);
}

/**
 * Visits each page once, then checks it at both sizes in both languages (resizing and
 * switching language in place, as loading every page four times would take minutes on
 * the 2-core CI machine); returns every violation found.
 */
async function audit(username: string | null, landing: RegExp, visits: Visit[]): Promise<string[]> {
  const found: string[] = [];
  const page = await newPage(browser, SIZES[1]);
  if (username) await loginThroughUi(page, server.baseUrl, username, PASSWORD, landing);
  for (const v of visits) {
    await page.setViewportSize(SIZES[1]);
    await page.goto(`${server.baseUrl}${v.path}`);
    await loaded(page, v.ready);
    if (v.then) await v.then(page);
    for (const size of SIZES) {
      await page.setViewportSize(size);
      for (const lang of size === SIZES[0] ? LANGS : [...LANGS].reverse()) {
        await switchLanguage(page, lang);
        await settle(page);
        const bad = await violations(page, `${v.name} [${lang} ${size.width}px]`);
        if (bad.length > 0) await saveScreenshot(page, `a11y-violation-${v.name}-${lang}`, false);
        found.push(...bad);
      }
    }
  }
  await page.context().close();
  return found;
}

function report(found: string[]): void {
  if (found.length > 0) console.log(`axe found ${found.length} serious/critical violations:\n${found.join('\n')}`);
  expect(found, found.join('\n')).toEqual([]);
}

/** Opens the upload dialog of the first category with a room, by choosing a picture in the file chooser. */
async function openUploadDialog(page: Page): Promise<void> {
  const { makePhotoJpeg } = await import('../fixtures/make-image-corpus.js');
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('upload-slot').first().click();
  await (await chooser).setFiles({ name: 'photo.jpg', mimeType: 'image/jpeg', buffer: await makePhotoJpeg({ width: 800, height: 600, targetBytes: 60_000 }) });
  await page.locator('.ant-modal-content').waitFor();
  await page.waitForFunction(() => document.querySelectorAll('.ant-modal .ant-spin-spinning').length === 0, undefined, { timeout: 30_000 });
  await settle(page);
}

beforeAll(async () => {
  ensureWebBuild();
  const { startTestServer } = await import('../support/start-server.js');
  const { candidateWithMaterials, staff, verdicts } = await import('../support/review-fixtures.js');
  const { ApiClient } = await import('../support/api-client.js');
  const { makePhotoJpeg } = await import('../fixtures/make-image-corpus.js');
  server = await startTestServer();
  const photo = await makePhotoJpeg({ width: 1200, height: 900, targetBytes: 100_000 });
  const empty = new ApiClient(server.baseUrl);
  await empty.login(EMPTY);
  await empty.request('POST', '/api/v1/candidate/activate', { json: { agree: true } });
  for (const no of [RETURNED, APPROVED, PENDING]) await candidateWithMaterials(server, no, photo);
  const site = await staff(server, 'site9901');
  const region = await staff(server, 'region99');
  const base = (no: string) => `/api/v1/review/registrations/${no}`;
  await site.request('POST', `${base(RETURNED)}/claim`);
  let file = (await site.request('GET', base(RETURNED))).body;
  const bad = file.materials.categories.flatMap((c: any) => c.images).find((i: any) => i.categoryCode === 'graduation_cert');
  const returned = await site.request('POST', `${base(RETURNED)}/decision`, { json: { outcome: 'return', comment: '毕业证书照片模糊，请重新拍摄。', images: verdicts(file, [bad.id]) } });
  if (returned.status !== 200) throw new Error(`return: ${JSON.stringify(returned.body)}`);
  for (const reviewer of [site, region]) {
    await reviewer.request('POST', `${base(APPROVED)}/claim`);
    file = (await reviewer.request('GET', base(APPROVED))).body;
    const r = await reviewer.request('POST', `${base(APPROVED)}/decision`, { json: { outcome: 'pass', images: verdicts(file) } });
    if (r.status !== 200) throw new Error(`pass: ${JSON.stringify(r.body)}`);
  }
  browser = await launchChromium();
});

afterAll(async () => {
  console.log(`accessibility.test.ts took ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
  await browser?.close();
  await server?.close();
});

describe('axe: no serious or critical WCAG 2.1 AA violation on any page (zh-CN and en, 375 and 1366 px)', () => {
  it('guest pages: login, help, photo check', async () => {
    report(
      await audit(null, /./, [
        { name: 'login', path: '/login', ready: '#username' },
        { name: 'help', path: '/help', ready: '[data-testid=help-page]' },
        { name: 'photo-check', path: '/tools/photo-check', ready: '[data-testid=photo-check-page]' },
      ]),
    );
  });

  it('a candidate before activation', async () => {
    report(await audit(FRESH, /\/activate$/, [{ name: 'activate', path: '/activate', ready: '[data-testid=consent]' }]));
  });

  it('a candidate without pictures: registration, materials, upload dialog, messages, password', async () => {
    report(
      await audit(EMPTY, /\/$/, [
        { name: 'registration', path: '/', ready: '[data-testid=registration-card]' },
        { name: 'materials-empty', path: '/materials', ready: '[data-testid=materials-page]' },
        { name: 'upload-dialog', path: '/materials', ready: '[data-testid=upload-slot]', then: openUploadDialog },
        { name: 'messages', path: '/messages', ready: '[data-testid=messages-page]' },
        { name: 'password', path: '/password', ready: 'form' },
        { name: 'help-candidate', path: '/help', ready: '[data-testid=help-page]' },
      ]),
    );
  });

  it('candidates with pictures: returned (退回修改) and approved (审核通过)', async () => {
    const pages: Visit[] = [
      { name: 'registration', path: '/', ready: '[data-testid=registration-card]' },
      { name: 'materials', path: '/materials', ready: '[data-testid=image-tile]' },
      { name: 'messages', path: '/messages', ready: '[data-testid=message-item]' },
    ];
    const found = [
      ...(await audit(RETURNED, /\/$/, pages.map((p) => ({ ...p, name: `returned-${p.name}` })))),
      ...(await audit(APPROVED, /\/$/, pages.map((p) => ({ ...p, name: `approved-${p.name}` })))),
    ];
    report(found);
  });

  it('the site reviewer: queue, review page with pictures, statistics, account', async () => {
    report(
      await audit('site9901', /\/review$/, [
        { name: 'review-queue', path: '/review', ready: '[data-testid=queue-row]' },
        { name: 'review-page', path: `/review/${PENDING}`, ready: '[data-testid=thumb]' },
        { name: 'statistics', path: '/review/statistics', ready: '[data-testid=statistics-page]' },
        { name: 'staff-account', path: '/review/account', ready: '[data-testid=staff-home]' },
      ]),
    );
  });

  it('the region reviewer: queue and shared pictures', async () => {
    report(
      await audit('region99', /\/review$/, [
        { name: 'region-queue', path: '/review', ready: '[data-testid=review-console]' },
        { name: 'shared-pictures', path: '/review/shared-pictures', ready: '[data-testid=shared-pictures]' },
      ]),
    );
  });

  it('the administrator: regions, rules, catalog, accounts, import', async () => {
    report(
      await audit('admin', /\/admin\/regions$/, [
        { name: 'admin-regions', path: '/admin/regions', ready: '.admin-layout .ant-table-row, .admin-layout .ant-card' },
        { name: 'admin-rules', path: '/admin/rules', ready: '[data-testid=rule-add]' },
        { name: 'admin-catalog', path: '/admin/catalog', ready: '.admin-layout .ant-table-row' },
        { name: 'admin-accounts', path: '/admin/accounts', ready: '[data-testid=account-add]' },
        { name: 'admin-import', path: '/admin/import', ready: '.ant-upload-drag' },
      ]),
    );
  });
});
