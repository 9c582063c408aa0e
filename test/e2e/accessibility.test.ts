/**
 * Issue 13 (accessible): axe-core checks every page of the web client — guest, candidate
 * (before activation, without and with pictures, returned, approved, the upload dialog
 * open), reviewer, administrator, help and the photo tool — in Simplified Chinese and
 * English, on a phone (375×812) and a desktop (1366×768), and fails on any serious or
 * critical WCAG 2.1 A/AA violation, naming the page, the rule and the elements.
 *
 * One server, one browser, one page per user (logged in once). Each page is loaded once
 * and checked at both sizes in both languages, resized and switched in place (the header's
 * language button), as a user would; the phone size is a resized page without touch
 * emulation — the layout axe checks follows the width. Other candidates' files are set up
 * over HTTP. A page with violations is also saved as test-output/screenshots/a11y-violation-*.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import type { TestServer } from '../support/start-server.js';
import { clearScreenshots, ensureWebBuild, launchChromium, loginThroughUi, newPage, poll, saveScreenshot, screenshots, settle } from '../support/browser.js';

const PASSWORD = 'Demo#2026';
const EMPTY = '2026990100001'; // activated, no pictures yet
const RETURNED = '2026990100002'; // all pictures, returned by the site reviewer with one to replace
const APPROVED = '2026990100003'; // passed by site and region
const PENDING = '2026990100004'; // all pictures, waiting for review (the reviewer opens it)
const FRESH = '2026990100005'; // never logged in: the activation page
const KEYBOARD = '2026990100006'; // activated, no pictures: uploads by keyboard only
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
  /** Saves test-output/screenshots/a11y-<name>-<lang>-<width>.png of each state checked (colours to look at). */
  shot?: boolean;
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

/** One page per user (a guest: null), logged in once and reused by all of that user's checks. */
const pages = new Map<string, Promise<Page>>();
function pageFor(username: string | null, landing: RegExp): Promise<Page> {
  const key = username ?? '';
  let page = pages.get(key);
  if (!page) {
    page = (async () => {
      const p = await newPage(browser, SIZES[1]);
      if (username) await loginThroughUi(p, server.baseUrl, username, PASSWORD, landing);
      return p;
    })();
    pages.set(key, page);
  }
  return page;
}

/**
 * Loads the page once, then checks it at both sizes in both languages (resizing and
 * switching language in place, as loading every page four times would take minutes on
 * the 2-core CI machine); returns every violation found.
 */
async function audit(username: string | null, landing: RegExp, v: Visit): Promise<string[]> {
  const found: string[] = [];
  const page = await pageFor(username, landing);
  await page.setViewportSize(SIZES[1]);
  await page.goto(`${server.baseUrl}${v.path}`);
  await loaded(page, v.ready);
  if (v.then) await v.then(page);
  for (const size of SIZES) {
    await page.setViewportSize(size);
    for (const lang of size === SIZES[0] ? LANGS : [...LANGS].reverse()) {
      await switchLanguage(page, lang);
      await settle(page);
      if (v.shot) await saveScreenshot(page, `a11y-${v.name}-${lang}`, size === SIZES[0]);
      const bad = await violations(page, `${v.name} [${lang} ${size.width}px]`);
      if (bad.length > 0) await saveScreenshot(page, `a11y-violation-${v.name}-${lang}`, false);
      found.push(...bad);
    }
  }
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
  clearScreenshots('a11y');
  ensureWebBuild();
  const { startTestServer } = await import('../support/start-server.js');
  const { candidateWithMaterials, staff, verdicts } = await import('../support/review-fixtures.js');
  const { ApiClient } = await import('../support/api-client.js');
  const { makePhotoJpeg } = await import('../fixtures/make-image-corpus.js');
  server = await startTestServer();
  const photo = await makePhotoJpeg({ width: 1200, height: 900, targetBytes: 100_000 });
  for (const no of [EMPTY, KEYBOARD]) {
    const c = new ApiClient(server.baseUrl);
    await c.login(no);
    await c.request('POST', '/api/v1/candidate/activate', { json: { agree: true } });
  }
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

interface Role {
  who: string;
  /** null: a guest. */
  username: string | null;
  landing: RegExp;
  visits: Visit[];
}

const CANDIDATE_WITH_PICTURES: Visit[] = [
  { name: 'registration', path: '/', ready: '[data-testid=registration-card]', shot: true },
  { name: 'materials', path: '/materials', ready: '[data-testid=image-tile]', shot: true },
  { name: 'messages', path: '/messages', ready: '[data-testid=message-item]' },
];

const ROLES: Role[] = [
  {
    who: 'a guest',
    username: null,
    landing: /./,
    visits: [
      { name: 'login', path: '/login', ready: '#username' },
      { name: 'help', path: '/help', ready: '[data-testid=help-page]' },
      { name: 'photo-check', path: '/tools/photo-check', ready: '[data-testid=photo-check-page]' },
    ],
  },
  { who: 'a candidate before activation', username: FRESH, landing: /\/activate$/, visits: [{ name: 'activate', path: '/activate', ready: '[data-testid=consent]' }] },
  {
    who: 'a candidate without pictures',
    username: EMPTY,
    landing: /\/$/,
    visits: [
      { name: 'registration', path: '/', ready: '[data-testid=registration-card]' },
      { name: 'materials-empty', path: '/materials', ready: '[data-testid=materials-page]' },
      { name: 'upload-dialog', path: '/materials', ready: '[data-testid=upload-slot]', then: openUploadDialog },
      { name: 'messages', path: '/messages', ready: '[data-testid=messages-page]' },
      { name: 'password', path: '/password', ready: 'form' },
      { name: 'help-candidate', path: '/help', ready: '[data-testid=help-page]' },
    ],
  },
  { who: 'a candidate returned (退回修改)', username: RETURNED, landing: /\/$/, visits: CANDIDATE_WITH_PICTURES.map((p) => ({ ...p, name: `returned-${p.name}` })) },
  { who: 'a candidate approved (审核通过)', username: APPROVED, landing: /\/$/, visits: CANDIDATE_WITH_PICTURES.map((p) => ({ ...p, name: `approved-${p.name}` })) },
  {
    who: 'the site reviewer',
    username: 'site9901',
    landing: /\/review$/,
    visits: [
      { name: 'review-queue', path: '/review', ready: '[data-testid=queue-row]', shot: true },
      { name: 'review-page', path: `/review/${PENDING}`, ready: '[data-testid=thumb]', shot: true },
      { name: 'statistics', path: '/review/statistics', ready: '[data-testid=statistics-page]' },
      { name: 'staff-account', path: '/review/account', ready: '[data-testid=staff-home]' },
    ],
  },
  {
    who: 'the region reviewer',
    username: 'region99',
    landing: /\/review$/,
    visits: [
      { name: 'region-queue', path: '/review', ready: '[data-testid=review-console]' },
      { name: 'shared-pictures', path: '/review/shared-pictures', ready: '[data-testid=shared-pictures]' },
    ],
  },
  {
    who: 'the administrator',
    username: 'admin',
    landing: /\/admin\/regions$/,
    visits: [
      { name: 'admin-regions', path: '/admin/regions', ready: '.admin-layout .ant-table-row' },
      { name: 'admin-rules', path: '/admin/rules', ready: '[data-testid=rule-add]' },
      { name: 'admin-catalog', path: '/admin/catalog', ready: '.admin-layout .ant-table-row' },
      { name: 'admin-accounts', path: '/admin/accounts', ready: '[data-testid=account-add]' },
      { name: 'admin-import', path: '/admin/import', ready: '.ant-upload-drag' },
    ],
  },
];

describe('axe: no serious or critical WCAG 2.1 AA violation (zh-CN and en, 375 and 1366 px)', () => {
  for (const role of ROLES) {
    describe(role.who, () => {
      for (const visit of role.visits) {
        it(visit.name, async () => report(await audit(role.username, role.landing, visit)));
      }
    });
  }
});

/** What has the keyboard focus: its test id (or tag), whether it is inside an open dialog, and its focus ring. */
function focused(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    const style = el ? getComputedStyle(el) : null;
    return {
      testId: el?.getAttribute('data-testid') ?? el?.tagName.toLowerCase() ?? '',
      inDialog: !!el?.closest('.ant-modal-wrap, .ant-image-preview-wrap, .ant-image-preview'),
      ring: style ? `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}` : '',
    };
  });
}

/** Presses Tab until the element with this test id has the focus (at most `max` times). */
async function tabTo(page: Page, testId: string, max = 80): Promise<void> {
  const seen: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const now = (await focused(page)).testId;
    if (now === testId) return;
    seen.push(now);
  }
  throw new Error(`Tab never reached ${testId}; it went through ${seen.join(', ')}`);
}

describe('keyboard only: upload, preview, rotate, delete; dialogs trap focus, Esc and Back close them', () => {
  it('a candidate on a phone uploads a picture without touching the screen', async () => {
    const shot = screenshots('a11y-keyboard', { fullPage: false });
    const { makePhotoJpeg } = await import('../fixtures/make-image-corpus.js');
    const photo = await makePhotoJpeg({ width: 1200, height: 900, targetBytes: 120_000 });
    const page = await newPage(browser, { width: 375, height: 812, mobile: true });
    // Playwright turns file-chooser interception on when the first listener is added, asynchronously:
    // a listener from the start, so an Enter pressed right after waitForEvent is not missed.
    page.on('filechooser', () => undefined);
    await loginThroughUi(page, server.baseUrl, KEYBOARD, PASSWORD, /\/$/);
    await page.goto(`${server.baseUrl}/materials`);
    await loaded(page, '[data-testid=upload-slot]');
    const tiles = page.locator('[data-testid=category-id_card] [data-testid=image-tile]');

    // Tab reaches the first "+ 上传" tile, with a visible 2 px dark ring.
    await tabTo(page, 'upload-slot');
    expect((await focused(page)).ring).toBe('solid 2px rgb(29, 95, 191)');
    await shot(page, 'upload-tile-focused');

    // Enter opens the file chooser; the photo opens the dialog, which holds the focus.
    let chooser = page.waitForEvent('filechooser');
    await page.keyboard.press('Enter');
    await (await chooser).setFiles({ name: 'id.jpg', mimeType: 'image/jpeg', buffer: photo });
    await page.getByTestId('upload-preview').locator('img').waitFor();
    await poll(() => focused(page).then((f) => f.inDialog)).toBe(true);
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Tab');
      expect((await focused(page)).inDialog, 'Tab left the open dialog').toBe(true);
    }
    // Esc closes it and the focus goes back to the tile that opened it.
    await page.keyboard.press('Escape');
    await poll(() => page.locator('.ant-modal-wrap:visible').count()).toBe(0);
    await poll(() => focused(page).then((f) => f.testId)).toBe('upload-slot');
    // …and its history entry is taken back (a file chooser opened during that step would be closed by it).
    await poll(() => page.evaluate(() => (history.state?.openDialogs ?? []).length)).toBe(0);

    // Again, and this time Back (the phone's button): with a prepared photo it first asks
    // (never discards silently); 放弃, chosen by keyboard, closes the dialog and stays on the page.
    chooser = page.waitForEvent('filechooser');
    await page.keyboard.press('Enter');
    await (await chooser).setFiles({ name: 'id.jpg', mimeType: 'image/jpeg', buffer: photo });
    await page.getByTestId('upload-preview').locator('img').waitFor();
    await page.goBack();
    const confirm = page.locator('.ant-modal-confirm');
    await confirm.waitFor();
    await confirm.getByRole('button', { name: '放 弃' }).or(confirm.getByRole('button', { name: '放弃' })).focus();
    await page.keyboard.press('Enter');
    await poll(() => page.locator('.ant-modal-wrap:visible').count()).toBe(0);
    expect(new URL(page.url()).pathname).toBe('/materials');

    // Once more: rotate by keyboard (width and height swap), then upload with Enter.
    chooser = page.waitForEvent('filechooser');
    await page.getByTestId('upload-slot').first().focus();
    await page.keyboard.press('Enter');
    await (await chooser).setFiles({ name: 'id.jpg', mimeType: 'image/jpeg', buffer: photo });
    const preview = page.getByTestId('upload-preview').locator('img');
    await preview.waitFor();
    const before = { w: await preview.getAttribute('data-width'), h: await preview.getAttribute('data-height') };
    // Tab skips disabled buttons: wait until the photo is ready.
    await poll(() => page.getByTestId('rotate-right').isEnabled()).toBe(true);
    await poll(() => focused(page).then((f) => f.inDialog)).toBe(true);
    await tabTo(page, 'rotate-right', 12);
    await shot(page, 'dialog-rotate-focused');
    await page.keyboard.press('Enter');
    await poll(() => preview.getAttribute('data-width')).toBe(before.h);
    expect(await preview.getAttribute('data-height')).toBe(before.w);
    await poll(() => page.getByTestId('upload-submit').isEnabled()).toBe(true);
    await tabTo(page, 'upload-submit', 12);
    await page.keyboard.press('Enter');
    await poll(() => tiles.count()).toBe(1);
    await poll(() => page.locator('.ant-modal-wrap:visible').count()).toBe(0);

    // The thumbnail: Tab, Enter opens the large picture, Esc closes it, focus is back on the thumbnail.
    await page.locator('body').focus();
    await tabTo(page, 'image-thumb');
    await shot(page, 'thumbnail-focused');
    await page.keyboard.press('Enter');
    await page.locator('.ant-image-preview-img').waitFor();
    await settle(page);
    await shot(page, 'preview-open');
    await page.keyboard.press('Escape');
    await poll(() => page.locator('.ant-image-preview-img:visible').count()).toBe(0);
    await poll(() => focused(page).then((f) => f.testId)).toBe('image-thumb');
    // Back closes the large picture too, without leaving the page.
    await page.keyboard.press('Enter');
    await page.locator('.ant-image-preview-img').waitFor();
    await page.goBack();
    await poll(() => page.locator('.ant-image-preview-img:visible').count()).toBe(0);
    expect(new URL(page.url()).pathname).toBe('/materials');

    // Delete by keyboard: the "－" button, then the confirmation's OK (focused) with Enter.
    await tabTo(page, 'image-delete', 6);
    await shot(page, 'delete-focused');
    // Back closes the question as 取消 does: the picture stays, and so do the page and the focus.
    await page.keyboard.press('Enter');
    await page.locator('.ant-modal-confirm').waitFor();
    await page.goBack();
    await poll(() => page.locator('.ant-modal-confirm:visible').count()).toBe(0);
    expect(new URL(page.url()).pathname).toBe('/materials');
    expect(await tiles.count()).toBe(1);
    await poll(() => focused(page).then((f) => f.testId)).toBe('image-delete');
    await page.keyboard.press('Enter');
    await page.locator('.ant-modal-confirm').waitFor();
    await poll(() => focused(page).then((f) => f.inDialog)).toBe(true);
    await page.keyboard.press('Enter');
    await poll(() => tiles.count()).toBe(0);
    // …and its history entry is gone with it.
    await poll(() => page.evaluate(() => (history.state?.openDialogs ?? []).length)).toBe(0);
    await page.context().close();
  });
});
