import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError, api, configureApi, setCsrfToken } from '../../web/src/api/client.js';
import { UploadTimeout, type UploadTransport } from '../../web/src/api/upload-transport.js';

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

/** A network whose online state the test flips, firing the listeners as the browser would. */
function fakeNetwork(initially = true) {
  let online = initially;
  const listeners = new Set<(online: boolean) => void>();
  return {
    watch: {
      online: () => online,
      subscribe(cb: (online: boolean) => void) {
        listeners.add(cb);
        return () => listeners.delete(cb);
      },
    },
    set(value: boolean) {
      online = value;
      for (const cb of [...listeners]) cb(value);
    },
  };
}

type Attempt = Parameters<UploadTransport>[0];

describe('upload progress, stalls, offline and 取消', () => {
  const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
  beforeEach(() => {
    setCsrfToken('csrf-1');
    configureApi({ sleep: realSleep, uploadRetry: { baseDelayMs: 5, maxDelayMs: 20, maxFailures: 4 }, random: () => 0.5 });
  });
  afterEach(() => configureApi({ uploadTransport: null, network: fakeNetwork().watch }));

  it('reports the share of bytes sent, then the stored image', async () => {
    configureApi({
      network: fakeNetwork().watch,
      uploadTransport: async (a: Attempt) => {
        a.onProgress?.(50, 200);
        a.onProgress?.(200, 200);
        return stored();
      },
    });
    const progress: number[] = [];
    const image = await api.uploadImage('other', new Blob(['x']), 'p.jpg', 'key-1', { onProgress: (f) => progress.push(f) });
    expect(image).toMatchObject({ id: 'img-1' });
    expect(progress).toEqual([0, 0.25, 1, 1]);
  });

  it('going offline mid-upload ends the attempt, says offline, and resumes with the same key when back online', async () => {
    const net = fakeNetwork();
    const keys: string[] = [];
    const phases: string[] = [];
    configureApi({
      network: net.watch,
      uploadTransport: (a: Attempt) => {
        keys.push(a.headers['Idempotency-Key']!);
        if (keys.length === 1) {
          // The first attempt hangs until the line goes; the page must not wait for the stall timer.
          return new Promise<Response>((_resolve, reject) => a.signal.addEventListener('abort', () => reject(a.signal.reason)));
        }
        return Promise.resolve(stored());
      },
    });
    const done = api.uploadImage('other', new Blob(['x']), 'p.jpg', 'key-off', { onPhase: (p) => phases.push(p) });
    await realSleep(5);
    net.set(false);
    await realSleep(30);
    expect(phases).toEqual(['sending', 'offline']);
    expect(keys).toHaveLength(1); // nothing is tried while offline
    net.set(true);
    await expect(done).resolves.toMatchObject({ id: 'img-1' });
    expect(keys).toEqual(['key-off', 'key-off']);
    expect(phases).toEqual(['sending', 'offline', 'sending']);
  });

  it('a stalled attempt times out and is retried with the same key', async () => {
    const keys: string[] = [];
    const phases: string[] = [];
    configureApi({
      network: fakeNetwork().watch,
      uploadTransport: async (a: Attempt) => {
        keys.push(a.headers['Idempotency-Key']!);
        if (keys.length === 1) throw new UploadTimeout();
        return stored();
      },
    });
    await api.uploadImage('other', new Blob(['x']), 'p.jpg', 'key-stall', { onPhase: (p) => phases.push(p) });
    expect(keys).toEqual(['key-stall', 'key-stall']);
    expect(phases).toEqual(['sending', 'retrying', 'sending']);
  });

  it('取消 stops at once, even while queued or offline, and sends nothing more', async () => {
    const net = fakeNetwork(false);
    let attempts = 0;
    configureApi({
      network: net.watch,
      uploadTransport: async () => {
        attempts++;
        return stored();
      },
    });
    const cancel = new AbortController();
    const phases: string[] = [];
    const done = api.uploadImage('other', new Blob(['x']), 'p.jpg', 'k', { signal: cancel.signal, onPhase: (p) => phases.push(p) });
    await realSleep(5);
    cancel.abort();
    await expect(done).rejects.toMatchObject({ name: 'AbortError' });
    net.set(true);
    await realSleep(10);
    expect(attempts).toBe(0);
    expect(phases).toEqual(['offline']);
  });

  it('gives up with a readable NETWORK error after the last failed attempt online', async () => {
    let attempts = 0;
    configureApi({
      network: fakeNetwork().watch,
      uploadTransport: async () => {
        attempts++;
        throw new TypeError('connection reset');
      },
    });
    const err = await api.uploadImage('other', new Blob(['x']), 'p.jpg', 'k').catch((e) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err.code).toBe('NETWORK');
    expect(attempts).toBe(4);
  });
});
