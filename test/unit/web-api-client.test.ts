import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, api, configureApi, getCsrfToken, request, setCsrfToken } from '../../web/src/api/client.js';
import type { Lang } from '../../web/src/i18n/messages.js';

interface Call {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
}

function json(status: number, body: unknown): Response {
  return new Response(status === 204 ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}

function fakeFetch(responses: (Response | Error)[]) {
  const calls: Call[] = [];
  const impl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push({
      url: String(input),
      method: init?.method ?? 'GET',
      headers: { ...(init?.headers as Record<string, string>) },
      body: init?.body,
    });
    const next = responses.shift();
    if (!next) throw new Error('no more responses');
    if (next instanceof Error) throw next;
    return next;
  }) as typeof fetch;
  return { calls, impl };
}

const handlers = {
  onUnauthenticated: vi.fn(),
  onPasswordChangeRequired: vi.fn(),
  onActivationRequired: vi.fn(),
};
let lang: Lang = 'zh-CN';

beforeEach(() => {
  lang = 'zh-CN';
  setCsrfToken(null);
  Object.values(handlers).forEach((h) => h.mockReset());
  // Uploads: three attempts a few ms apart (the real backoff is upload-policy's, tested on its own).
  configureApi({ getLang: () => lang, handlers, retryDelays: [1, 1], uploadRetry: { baseDelayMs: 1, maxDelayMs: 1, maxFailures: 3 } });
});
afterEach(() => vi.restoreAllMocks());

const user = { id: 1, username: '2026990100001', role: 'candidate', displayName: '张三', mustChangePassword: false };

describe('web api client', () => {
  it('keeps the csrfToken from login and sends it on writes, with Accept-Language', async () => {
    const f = fakeFetch([json(200, { user, csrfToken: 'tok-1' }), json(200, {}), json(200, { registrationNo: 'x' })]);
    configureApi({ fetchImpl: f.impl });
    await api.login('2026990100001', 'Demo#2026');
    expect(getCsrfToken()).toBe('tok-1');
    expect(f.calls[0]?.headers['X-CSRF-Token']).toBeUndefined();
    expect(JSON.parse(String(f.calls[0]?.body))).toEqual({ username: '2026990100001', password: 'Demo#2026' });
    lang = 'en';
    await api.activate();
    expect(f.calls[1]?.headers['X-CSRF-Token']).toBe('tok-1');
    expect(f.calls[1]?.headers['Accept-Language']).toBe('en');
    await api.registration();
    expect(f.calls[2]?.method).toBe('GET');
    expect(f.calls[2]?.headers['X-CSRF-Token']).toBeUndefined();
  });

  it('takes the csrfToken from GET /auth/me so a reload keeps working', async () => {
    const f = fakeFetch([json(200, { user, csrfToken: 'tok-me' })]);
    configureApi({ fetchImpl: f.impl });
    const s = await api.me();
    expect(s?.user.username).toBe('2026990100001');
    expect(getCsrfToken()).toBe('tok-me');
  });

  it('me() answers null when not logged in, without the redirect handler', async () => {
    const f = fakeFetch([json(401, { error: { code: 'UNAUTHENTICATED', message: '登录已失效' } })]);
    configureApi({ fetchImpl: f.impl });
    expect(await api.me()).toBeNull();
    expect(handlers.onUnauthenticated).not.toHaveBeenCalled();
  });

  it('401 goes to login, but a wrong password does not', async () => {
    const f = fakeFetch([
      json(401, { error: { code: 'UNAUTHENTICATED', message: '登录已失效，请重新登录。' } }),
      json(401, { error: { code: 'INVALID_CREDENTIALS', message: '用户名或密码错误，请重新输入。' } }),
    ]);
    configureApi({ fetchImpl: f.impl });
    const e1 = await api.materials().catch((e: unknown) => e);
    expect(e1).toBeInstanceOf(ApiError);
    expect((e1 as ApiError).handled).toBe(true);
    expect(handlers.onUnauthenticated).toHaveBeenCalledTimes(1);
    const e2 = await api.login('x', 'y').catch((e: unknown) => e);
    expect((e2 as ApiError).code).toBe('INVALID_CREDENTIALS');
    expect((e2 as ApiError).message).toBe('用户名或密码错误，请重新输入。');
    expect((e2 as ApiError).handled).toBe(false);
    expect(handlers.onUnauthenticated).toHaveBeenCalledTimes(1);
  });

  it('403 PASSWORD_CHANGE_REQUIRED and ACTIVATION_REQUIRED go to their pages', async () => {
    const f = fakeFetch([
      json(403, { error: { code: 'PASSWORD_CHANGE_REQUIRED', message: '首次登录请先修改密码。' } }),
      json(403, { error: { code: 'ACTIVATION_REQUIRED', message: '请先激活' } }),
      json(403, { error: { code: 'UPLOAD_DISABLED', message: '本考区暂未开放材料上传，请关注考区通知。', details: {} } }),
    ]);
    configureApi({ fetchImpl: f.impl });
    await expect(api.registration()).rejects.toMatchObject({ code: 'PASSWORD_CHANGE_REQUIRED', handled: true });
    expect(handlers.onPasswordChangeRequired).toHaveBeenCalledTimes(1);
    await expect(api.materials()).rejects.toMatchObject({ code: 'ACTIVATION_REQUIRED', handled: true });
    expect(handlers.onActivationRequired).toHaveBeenCalledTimes(1);
    await expect(api.uploadImage('id_card', new Blob(['x']), 'a.jpg', 'k')).rejects.toMatchObject({
      status: 403,
      code: 'UPLOAD_DISABLED',
      message: '本考区暂未开放材料上传，请关注考区通知。',
      handled: false,
    });
  });

  it('uploads multipart `file` with the Idempotency-Key, and a network retry reuses the key', async () => {
    setCsrfToken('tok');
    const image = { id: 'img1', categoryCode: 'id_card' };
    const f = fakeFetch([new TypeError('fetch failed'), json(201, image)]);
    configureApi({ fetchImpl: f.impl });
    const blob = new Blob([new Uint8Array([0xff, 0xd8, 0xff])], { type: 'image/jpeg' });
    const got = await api.uploadImage('id_card', blob, 'front.jpg', 'key-123');
    expect(got).toEqual(image);
    expect(f.calls).toHaveLength(2);
    for (const c of f.calls) {
      expect(c.method).toBe('POST');
      expect(c.url).toBe('/api/v1/candidate/materials/id_card/images');
      expect(c.headers['Idempotency-Key']).toBe('key-123');
      expect(c.headers['X-CSRF-Token']).toBe('tok');
      expect(c.headers['Content-Type']).toBeUndefined(); // the browser sets the multipart boundary
      expect(c.body).toBeInstanceOf(FormData);
      const file = (c.body as FormData).get('file');
      expect(file).toBeInstanceOf(Blob);
      expect((file as File).name).toBe('front.jpg');
    }
  });

  it('a network failure after the retries gives a readable NETWORK error', async () => {
    const f = fakeFetch([new TypeError('x'), new TypeError('x'), new TypeError('x')]);
    configureApi({ fetchImpl: f.impl });
    await expect(api.uploadImage('other', new Blob(['x']), 'a.png', 'k')).rejects.toMatchObject({
      code: 'NETWORK',
      message: '网络连接失败，请检查网络后重试。',
    });
    expect(f.calls).toHaveLength(3);
  });

  it('deletes do not retry, and keep the server message on 423', async () => {
    setCsrfToken('tok');
    const f = fakeFetch([json(423, { error: { code: 'IMAGE_LOCKED', message: '该图片已审核通过并锁定，不能删除。' } })]);
    configureApi({ fetchImpl: f.impl });
    await expect(api.deleteImage('img 1')).rejects.toMatchObject({ status: 423, code: 'IMAGE_LOCKED' });
    expect(f.calls[0]?.url).toBe('/api/v1/candidate/materials/images/img%201');
    expect(f.calls[0]?.method).toBe('DELETE');
  });

  it('on CSRF_FAILED fetches a fresh token once and repeats the write', async () => {
    setCsrfToken('old');
    const f = fakeFetch([
      json(403, { error: { code: 'CSRF_FAILED', message: '页面已过期' } }),
      json(200, { user, csrfToken: 'new' }),
      new Response(null, { status: 204 }),
    ]);
    configureApi({ fetchImpl: f.impl });
    await api.deleteImage('a');
    expect(f.calls.map((c) => c.headers['X-CSRF-Token'])).toEqual(['old', undefined, 'new']);
  });

  it('says a server error in the page language from its code and details, and keeps the words of a code it does not know', async () => {
    const f = fakeFetch([
      json(409, { error: { code: 'CATEGORY_FULL', message: '该材料最多上传 2 张，已满。如需更换，请先点击图片右上角的“－”删除。', details: { maxCount: 2 } } }),
      json(409, { error: { code: 'SOMETHING_NEW', message: '新的错误', details: {} } }),
    ]);
    configureApi({ fetchImpl: f.impl });
    lang = 'en';
    await expect(request('GET', '/api/v1/x')).rejects.toMatchObject({ code: 'CATEGORY_FULL', message: expect.stringMatching(/^This material takes at most 2 images and is full\./) });
    await expect(request('GET', '/api/v1/y')).rejects.toMatchObject({ code: 'SOMETHING_NEW', message: '新的错误' });
  });

  it('a non-JSON error page still gives a readable message', async () => {
    const f = fakeFetch([new Response('<html>Bad gateway</html>', { status: 500 })]);
    configureApi({ fetchImpl: f.impl });
    lang = 'en';
    await expect(request('GET', '/api/v1/x')).rejects.toMatchObject({ code: 'HTTP_500', message: 'Something went wrong. Try again later.' });
  });
});
