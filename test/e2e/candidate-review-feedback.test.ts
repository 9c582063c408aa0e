/**
 * End to end, the candidate's side of a review (seed §三, 附件3 Q1, Q8–Q11), in Chromium at
 * 375×812 and 1280×800 against the real server: while a site reviewer holds the candidate,
 * the page shows 材料审核中 and every image 已锁定; after a return (退回修改) the comment is at
 * the very top, the approved image shows ✓ and 已锁定, the one to replace shows 需更换：reason
 * in red and can be deleted and uploaded again; a notice waits in 审核通知.
 * Issue 12: an incomplete file is refused for claim (MATERIALS_INCOMPLETE) and the page lists
 * exactly what is missing; a return also asks for a document (requestedCategories), which the
 * to-do shows; after the upload deadline the candidate can still add it (and nothing else),
 * then the page says 已重新提交，等待考点审核.
 * The return itself (with 要求补充材料) goes through the reviewer's page at 375 px; the
 * candidate's first uploads and the reviewer's claim go through the HTTP API; what is
 * checked is what the page shows. Screenshots go to test-output/screenshots/.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request, type APIRequestContext, type Browser, type Page } from 'playwright-core';
import sharp from 'sharp';
import { launchChromium, newPage, poll, screenshots, serverUnderTest } from '../support/browser.js';

const CANDIDATE = '2026990100006';
const PASSWORD = 'Demo#2026';
const COMMENT = '身份证明国徽面不清晰，请重新拍摄上传。';
const REASON = '图片不清晰';
const ASKED = '请补充姓名变更证明';

let baseUrl = '';
let closeServer: (() => Promise<void>) | null = null;
let browser: Browser;
let page: Page;
let candidateApi: APIRequestContext;
let reviewerApi: APIRequestContext;
let candidateCsrf = '';
let reviewerCsrf = '';
let tmp = '';
const pageErrors: string[] = [];
const shot = screenshots('feedback');

async function login(username: string): Promise<{ api: APIRequestContext; csrf: string }> {
  const api = await request.newContext({ baseURL: baseUrl });
  const res = await api.post('/api/v1/auth/login', { data: { username, password: PASSWORD } });
  expect(res.status()).toBe(200);
  return { api, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
}

async function docJpeg(file: string, hue: string): Promise<void> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="800">
    <rect width="1200" height="800" fill="#eef1f4"/>
    <rect x="50" y="50" width="1100" height="700" rx="24" fill="#fbfcfd" stroke="${hue}" stroke-width="8"/>
    <rect x="100" y="130" width="600" height="36" fill="#56657a"/>
    <rect x="100" y="220" width="520" height="36" fill="#56657a"/>
    <rect x="100" y="310" width="660" height="36" fill="#56657a"/>
    <rect x="860" y="130" width="240" height="300" fill="${hue}"/>
  </svg>`;
  await sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toFile(file);
}

async function upload(category: string, file: string): Promise<string> {
  const res = await candidateApi.post(`/api/v1/candidate/materials/${category}/images`, {
    headers: { 'X-CSRF-Token': candidateCsrf, 'Idempotency-Key': `${category}-${path.basename(file)}-${Date.now()}` },
    multipart: { file: { name: path.basename(file), mimeType: 'image/jpeg', buffer: await sharp(file).toBuffer() } },
  });
  expect(res.status()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

async function openMaterials(): Promise<void> {
  await page.goto(`${baseUrl}/materials`);
  await page.getByTestId('upload-rules').waitFor();
}

const idCard = () => page.getByTestId('category-id_card');
const ids: Record<string, string> = {};

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'e2e-feedback-'));
  const server = await serverUnderTest();
  baseUrl = server.baseUrl;
  closeServer = server.close;
  ({ api: candidateApi, csrf: candidateCsrf } = await login(CANDIDATE));
  const act = await candidateApi.post('/api/v1/candidate/activate', { headers: { 'X-CSRF-Token': candidateCsrf }, data: { agree: true } });
  expect(act.status()).toBe(200);
  for (const [key, cat, hue] of [
    ['front', 'id_card', '#2f6fbf'],
    ['back', 'id_card', '#bf2f4a'],
    ['diploma', 'graduation_cert', '#2f9f5f'],
  ] as const) {
    const file = path.join(tmp, `${key}.jpg`);
    await docJpeg(file, hue);
    ids[key] = await upload(cat, file);
  }
  ({ api: reviewerApi, csrf: reviewerCsrf } = await login('site9901'));

  browser = await launchChromium();
  page = await newPage(browser, { width: 375, height: 812, mobile: true, errors: pageErrors });
  // The browser shares the candidate's session cookie.
  await page.context().addCookies((await candidateApi.storageState()).cookies);
});

afterAll(async () => {
  await browser?.close();
  await candidateApi?.dispose();
  await reviewerApi?.dispose();
  await closeServer?.();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe('candidate sees the review (375 px phone)', () => {
  it('before review: images are unlocked, with "－" to delete', async () => {
    await openMaterials();
    await poll(() => idCard().getByTestId('image-delete').count()).toBe(2);
    expect(await page.getByTestId('under-review').count()).toBe(0);
    expect(await page.getByTestId('review-comments').count()).toBe(0);
  });

  it('an incomplete file: the claim is refused and the page lists exactly what is missing', async () => {
    const claim = await reviewerApi.post(`/api/v1/review/registrations/${CANDIDATE}/claim`, { headers: { 'X-CSRF-Token': reviewerCsrf } });
    expect(claim.status()).toBe(409);
    expect(((await claim.json()) as { error: { code: string } }).error.code).toBe('MATERIALS_INCOMPLETE');
    await openMaterials();
    const todo = page.getByTestId('required-summary');
    await todo.waitFor();
    expect(await todo.getAttribute('data-count')).toBe('2');
    const items = todo.getByTestId('todo-item');
    expect(await items.evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.category))).toEqual(['education_record', 'probation_assessment']);
    expect(await todo.innerText()).toContain('学历电子注册备案表/学历认证报告：未上传齐全');
    expect(await page.getByText('必传材料已全部上传').count()).toBe(0);
    await shot(page, 'todo-incomplete');
    // 去处理 scrolls to the card: below the fold before, in view after (at the top, or as far as the
    // page goes: optional categories fold away on a phone, so the page may end sooner).
    const inView = () =>
      page.getByTestId('category-probation_assessment').evaluate((el) => {
        const top = Math.round(el.getBoundingClientRect().top);
        return top >= 0 && top < window.innerHeight - 120;
      });
    expect(await inView()).toBe(false);
    await items.nth(1).getByTestId('todo-go').click();
    await poll(inView).toBe(true);

    for (const [key, cat, hue] of [
      ['edu', 'education_record', '#6f6f2f'],
      ['probation', 'probation_assessment', '#2f6f6f'],
    ] as const) {
      const file = path.join(tmp, `${key}.jpg`);
      await docJpeg(file, hue);
      ids[key] = await upload(cat, file);
    }
    await openMaterials();
    await poll(() => page.getByTestId('required-summary').innerText()).toContain('必传材料已全部上传');
  });

  it('while the site reviewer holds the candidate: 材料审核中 and every image 已锁定', async () => {
    const claim = await reviewerApi.post(`/api/v1/review/registrations/${CANDIDATE}/claim`, { headers: { 'X-CSRF-Token': reviewerCsrf } });
    expect(claim.status()).toBe(200);
    await openMaterials();
    const notice = page.getByTestId('under-review');
    await notice.waitFor();
    expect(await notice.innerText()).toContain('材料审核中，图片已锁定');
    expect(await idCard().getByTestId('image-locked').count()).toBe(2);
    expect(await page.getByTestId('image-delete').count()).toBe(0);
    expect(await page.getByTestId('upload-slot').count()).toBe(0);
    await shot(page, 'under-review');
  });

  it('after 退回修改: the comment at the very top, ✓ on the approved image, 需更换 in red on the other', async () => {
    // The site reviewer returns through the review page on a 375 px phone: the back of the ID
    // card to replace (preset 1 = 图片不清晰), the rest left unmarked (approved on a return),
    // and 要求补充材料: 其他 with the reviewer's own reason.
    const reviewer = await newPage(browser, { width: 375, height: 812, mobile: true, errors: pageErrors });
    await reviewer.context().addCookies((await reviewerApi.storageState()).cookies);
    await reviewer.goto(`${baseUrl}/review/${CANDIDATE}`);
    await reviewer.getByTestId('claim-mine').waitFor();
    await reviewer.locator(`[data-testid=thumb][data-image-id="${ids.back}"]`).click();
    await reviewer.keyboard.press('1');
    await poll(() => reviewer.locator(`[data-testid=thumb][data-image-id="${ids.back}"]`).getAttribute('data-verdict')).toBe('replace');
    await reviewer.getByTestId('outcome-return').click();
    const dialog = reviewer.getByTestId('decision-dialog-body');
    await dialog.waitFor();
    await reviewer.getByTestId('request-add').click();
    const row = reviewer.getByTestId('request-row').first();
    await row.getByTestId('request-category').click();
    // 身份证明 is at its maximum (2) but one of its images is to be replaced, so it is offered.
    const idOption = reviewer.locator('.ant-select-dropdown:visible .ant-select-item-option[title="身份证明"]');
    await idOption.waitFor();
    expect(await idOption.getAttribute('class')).not.toContain('ant-select-item-option-disabled');
    // The list is long (and virtual): search for 其他, then pick it.
    await row.getByTestId('request-category').locator('input').fill('其他');
    await reviewer.locator('.ant-select-dropdown:visible .ant-select-item-option[title="其他"]').click();
    await row.getByTestId('request-reason').locator('input').fill(ASKED);
    // The comment written from the marks now names the request too.
    await poll(() => reviewer.getByTestId('decision-comment').inputValue()).toContain(`其他（${ASKED}）`);
    await reviewer.getByTestId('decision-comment').fill(COMMENT);
    await shot(reviewer, 'review-return-request', false);
    const posted = reviewer.waitForResponse((r) => r.url().endsWith(`/review/registrations/${CANDIDATE}/decision`) && r.request().method() === 'POST');
    await reviewer.getByTestId('decision-confirm').click();
    const decision = await posted;
    expect(decision.status(), await decision.text()).toBe(200);
    const sent = decision.request().postDataJSON() as { comment: string; images: Array<{ id: string; verdict: string; reason?: string }>; requestedCategories: unknown };
    expect(sent.comment).toBe(COMMENT);
    expect(sent.images.filter((i) => i.verdict === 'replace')).toEqual([{ id: ids.back, verdict: 'replace', reason: REASON }]);
    expect(sent.images).toHaveLength(5);
    expect(sent.requestedCategories).toEqual([{ categoryCode: 'other', reason: ASKED }]);
    await reviewer.context().close();

    await openMaterials();
    const comments = page.getByTestId('review-comments');
    await comments.waitFor();
    // the very first thing on the page
    const first = await page.getByTestId('materials-page').evaluate((el) => (el.firstElementChild as HTMLElement).dataset.testid);
    expect(first).toBe('review-comments');
    const text = await comments.innerText();
    expect(text).toContain('审核意见');
    expect(text).toContain('考点');
    expect(text).toContain(COMMENT);
    expect(await page.locator('.page-title-row [data-testid=status-tag]').innerText()).toBe('退回修改');

    const front = idCard().locator(`[data-image-id="${ids.front}"]`);
    const back = idCard().locator(`[data-image-id="${ids.back}"]`);
    expect(await front.getByTestId('image-approved').count()).toBe(1);
    expect(await front.getByTestId('image-locked').count()).toBe(1);
    expect(await front.getByTestId('image-delete').count()).toBe(0);
    expect(await back.getByTestId('image-reason').innerText()).toBe(`需更换：${REASON}`);
    const color = await back.getByTestId('image-reason').evaluate((e) => getComputedStyle(e).color);
    // The theme's error red (web/src/theme.ts, #cf1322: AA contrast on white, where antd's default #ff4d4f is 3.3:1).
    expect(color).toBe('rgb(207, 19, 34)');
    expect(await back.getByTestId('image-delete').count()).toBe(1);
    expect(await back.getByTestId('image-locked').count()).toBe(0);
    // The to-do: the marked image, then the document the reviewer asked for; never "all uploaded".
    const todo = page.getByTestId('required-summary');
    expect(await todo.getByTestId('todo-item').evaluateAll((els) => els.map((e) => `${(e as HTMLElement).dataset.kind}:${(e as HTMLElement).dataset.category}`))).toEqual([
      'replace:id_card',
      'requested:other',
    ]);
    expect(await todo.innerText()).toContain(`其他：按审核要求补充（${ASKED}）`);
    expect(await page.getByTestId('category-other').getByTestId('category-requested').innerText()).toBe(`审核要求补充：${ASKED}`);
    expect(await page.getByText('必传材料已全部上传').count()).toBe(0);
    await shot(page, 'returned');
  });

  it('the candidate replaces the marked image: delete with "－", then upload again', async () => {
    const back = idCard().locator(`[data-image-id="${ids.back}"]`);
    await back.getByTestId('image-delete').click();
    await page.locator('.ant-modal-confirm .ant-btn-dangerous').click();
    await poll(() => idCard().getByTestId('image-tile').count()).toBe(1);
    const file = path.join(tmp, 'back-new.jpg');
    await docJpeg(file, '#8a3fbf');
    await idCard().locator('input[type=file]').setInputFiles(file);
    await page.getByTestId('upload-notice').waitFor();
    await page.getByTestId('upload-submit').click();
    await page.getByText('已保存').first().waitFor();
    await poll(() => idCard().getByTestId('image-tile').count()).toBe(2);
    expect(await idCard().getByTestId('image-reason').count()).toBe(0);
    // One thing left: the requested document.
    await poll(() => page.getByTestId('required-summary').getAttribute('data-count')).toBe('1');
    await idCard().scrollIntoViewIfNeeded();
    await shot(page, 'replaced');
  });

  it('报名信息 shows 退回修改 in orange and points to the new notice (审核通知)', async () => {
    await page.goto(`${baseUrl}/`);
    const tag = page.getByTestId('registration-card').locator('.ant-card-extra [data-testid=status-tag]');
    await tag.waitFor();
    expect(await tag.innerText()).toBe('退回修改');
    expect(await tag.getAttribute('class')).toContain('ant-tag-orange');
    await page.getByTestId('unread-alert').waitFor();
    expect(await page.getByTestId('messages-badge').innerText()).toContain('1');
    await shot(page, 'registration-returned');
    await page.getByTestId('messages-link').click();
    await page.waitForURL(/\/messages$/);
    const item = page.getByTestId('message-item').first();
    await item.waitFor();
    expect(await item.innerText()).toContain(COMMENT);
    await shot(page, 'messages');
    // read once opened: the badge empties
    await poll(async () => (await page.getByTestId('messages-badge').innerText()).trim()).toBe('');
  });

  it('when the region switches upload off mid-upload: the server message shows, slots go, the button goes', async () => {
    const { api: admin, csrf } = await login('admin');
    const setUpload = async (uploadEnabled: boolean) => {
      const res = await admin.put('/api/v1/admin/regions/99/settings', { headers: { 'X-CSRF-Token': csrf }, data: { uploadEnabled } });
      expect(res.status(), await res.text()).toBe(200);
    };
    try {
      await openMaterials();
      const other = page.getByTestId('category-other');
      const file = path.join(tmp, 'other.jpg');
      await docJpeg(file, '#bf8f2f');
      await other.locator('input[type=file]').setInputFiles(file);
      await page.getByTestId('upload-notice').waitFor();
      await setUpload(false);
      await page.getByTestId('upload-submit').click();
      const error = page.getByTestId('upload-error');
      await error.waitFor();
      expect(await error.innerText()).toContain('本考区暂未开放材料上传');
      await shot(page, 'upload-disabled-error', false);
      await page.locator('.ant-modal-footer').getByRole('button', { name: /取\s*消/ }).click();
      await page.getByTestId('upload-closed').waitFor();
      expect(await page.getByTestId('upload-slot').count()).toBe(0);
      expect(await page.getByTestId('image-delete').count()).toBe(0);

      await page.goto(`${baseUrl}/`);
      await page.getByTestId('upload-disabled').waitFor();
      expect(await page.getByTestId('go-materials').count()).toBe(0);
      expect(await page.getByTestId('upload-disabled').innerText()).toContain('本考区暂未开放材料上传');
      await shot(page, 'registration-upload-off');
    } finally {
      await setUpload(true);
      await admin.dispose();
    }
    await page.goto(`${baseUrl}/`);
    await page.getByTestId('go-materials').waitFor();
  });

  it('after the upload deadline: only the requested document can still be added, then 已重新提交', async () => {
    const { api: admin, csrf } = await login('admin');
    const setWindow = async (data: Record<string, string | null>) => {
      const res = await admin.put('/api/v1/admin/regions/99/settings', { headers: { 'X-CSRF-Token': csrf }, data });
      expect(res.status(), await res.text()).toBe(200);
    };
    const now = Date.now();
    try {
      await setWindow({ uploadOpensAt: new Date(now - 86_400_000).toISOString(), uploadClosesAt: new Date(now - 60_000).toISOString() });
      await page.goto(`${baseUrl}/`);
      await page.getByTestId('go-materials').waitFor();
      expect(await page.getByTestId('go-materials').innerText()).toContain('按审核意见修改材料');
      expect(await page.getByTestId('registration-todo').innerText()).toContain(ASKED);
      await shot(page, 'registration-late-fixes');

      await openMaterials();
      await page.getByTestId('late-fixes').waitFor();
      expect(await page.getByTestId('late-fixes').innerText()).toContain('材料上传已截止');
      const other = page.getByTestId('category-other');
      expect(await other.getByTestId('upload-slot').count()).toBe(1);
      expect(await idCard().getByTestId('upload-slot').count()).toBe(0);
      expect(await page.getByTestId('category-degree_cert').getByTestId('upload-slot').count()).toBe(0);
      await shot(page, 'late-fixes');

      const file = path.join(tmp, 'name-change.jpg');
      await docJpeg(file, '#3f8fbf');
      await other.locator('input[type=file]').setInputFiles(file);
      await page.getByTestId('upload-notice').waitFor();
      await page.getByTestId('upload-submit').click();
      await poll(() => other.getByTestId('image-tile').count()).toBe(1);
      await poll(() => page.getByTestId('required-summary').innerText()).toContain('已重新提交，等待考点审核');
      await shot(page, 'resubmitted');

      // Anything else stays closed: the server says so in words that tell 已截止 from 未开放.
      const more = await candidateApi.post('/api/v1/candidate/materials/degree_cert/images', {
        headers: { 'X-CSRF-Token': candidateCsrf },
        multipart: { file: { name: 'x.jpg', mimeType: 'image/jpeg', buffer: await sharp(file).toBuffer() } },
      });
      expect(more.status()).toBe(403);
      expect(((await more.json()) as { error: { message: string } }).error.message).toContain('截止');
      const queue = await reviewerApi.get('/api/v1/review/registrations?limit=200');
      const row = ((await queue.json()) as { items: Array<{ registrationNo: string; changedSinceReturn: boolean }> }).items.find((i) => i.registrationNo === CANDIDATE);
      expect(row?.changedSinceReturn).toBe(true);
    } finally {
      await setWindow({ uploadOpensAt: null, uploadClosesAt: null });
      await admin.dispose();
    }
  });

  it('the returned page at desktop width', async () => {
    const p = await newPage(browser, { width: 1280, height: 800, errors: pageErrors });
    await p.context().addCookies((await candidateApi.storageState()).cookies);
    await p.goto(`${baseUrl}/materials`);
    await p.getByTestId('review-comments').waitFor();
    await shot(p, 'returned', false);
    await p.context().close();
    expect(pageErrors).toEqual([]);
  });
});
