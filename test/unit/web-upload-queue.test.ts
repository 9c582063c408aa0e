import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError, api, configureApi, setCsrfToken } from '../../web/src/api/client.js';

interface Call {
  headers: Record<string, string>;
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

const overloaded = (seconds: string) =>
  json(503, { error: { code: 'OVERLOADED', message: '当前上传人数较多，正在排队', details: { retryAfterSeconds: Number(seconds) } } }, { 'retry-after': seconds });
const stored = () => json(201, { id: 'img-1', slot: 0 });

function fakeServer(responses: Response[]) {
  const calls: Call[] = [];
  const waits: number[] = [];
  configureApi({
    fetchImpl: (async (_input: RequestInfo | URL, init?: RequestInit) => {
      calls.push({ headers: { ...(init?.headers as Record<string, string>) } });
      const next = responses.shift();
      if (!next) throw new Error('no more responses');
      return next;
    }) as typeof fetch,
    sleep: async (ms) => {
      waits.push(ms);
    },
    retryDelays: [1, 1],
  });
  return { calls, waits };
}

describe('upload while the server is busy (503 OVERLOADED)', () => {
  beforeEach(() => setCsrfToken('csrf-1'));
  afterEach(() => configureApi({ maxQueueWaitMs: 10 * 60_000 }));

  it('waits the Retry-After, says it is queued, and retries with the same Idempotency-Key', async () => {
    const { calls, waits } = fakeServer([overloaded('3'), overloaded('2'), stored()]);
    const queued: number[] = [];
    const image = await api.uploadImage('other', new Blob(['x']), 'p.jpg', 'key-123', { onQueued: (s) => queued.push(s) });
    expect(image).toMatchObject({ id: 'img-1' });
    expect(calls).toHaveLength(3);
    expect(calls.map((c) => c.headers['Idempotency-Key'])).toEqual(['key-123', 'key-123', 'key-123']);
    expect(queued).toEqual([3, 2]);
    // Each wait is at least the server's Retry-After (plus a little spread).
    expect(waits[0]).toBeGreaterThanOrEqual(3000);
    expect(waits[0]).toBeLessThan(3700);
    expect(waits[1]).toBeGreaterThanOrEqual(2000);
  });

  it('does not queue on other errors: CATEGORY_FULL comes back at once', async () => {
    const { calls } = fakeServer([json(409, { error: { code: 'CATEGORY_FULL', message: '该类材料已达上限', details: {} } })]);
    const queued: number[] = [];
    const err = await api.uploadImage('id_card', new Blob(['x']), 'p.jpg', 'key-9', { onQueued: (s) => queued.push(s) }).catch((e) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err.code).toBe('CATEGORY_FULL');
    expect(calls).toHaveLength(1);
    expect(queued).toEqual([]);
  });

  it('gives up with the server message once the longest wait is used up', async () => {
    configureApi({ maxQueueWaitMs: 5_000 });
    const { calls } = fakeServer([overloaded('3'), overloaded('3'), overloaded('3')]);
    const err = await api.uploadImage('other', new Blob(['x']), 'p.jpg', 'key-7').catch((e) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err.code).toBe('OVERLOADED');
    expect(err.message).toMatch(/排队/);
    expect(err.retryAfterSeconds).toBe(3);
    expect(calls).toHaveLength(2);
  });
});
