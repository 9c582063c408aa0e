/**
 * One upload attempt on the wire. In the browser: XMLHttpRequest, the one API that reports
 * upload progress; elsewhere (unit tests) fetch, without progress. Both give up on a stall:
 * no byte sent for stallMs, or no answer answerMs after the last byte.
 */

export class UploadTimeout extends Error {
  constructor() {
    super('upload stalled');
    this.name = 'UploadTimeout';
  }
}

export interface UploadAttempt {
  url: string;
  headers: Record<string, string>;
  body: FormData;
  signal: AbortSignal;
  /** Bytes sent so far of total. */
  onProgress?: (sent: number, total: number) => void;
  stallMs: number;
  answerMs: number;
}

/** Resolves with the answer (any status); rejects on abort (the signal's reason), UploadTimeout, or a failed connection. */
export type UploadTransport = (a: UploadAttempt) => Promise<Response>;

export const xhrTransport: UploadTransport = (a) =>
  new Promise<Response>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    let timer = 0;
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      window.clearTimeout(timer);
      a.signal.removeEventListener('abort', onAbort);
      fn();
    };
    const arm = (ms: number) => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => {
        finish(() => reject(new UploadTimeout()));
        xhr.abort();
      }, ms);
    };
    const onAbort = () => {
      finish(() => reject(a.signal.reason ?? new DOMException('aborted', 'AbortError')));
      xhr.abort();
    };
    xhr.open('POST', a.url);
    for (const [k, v] of Object.entries(a.headers)) xhr.setRequestHeader(k, v);
    xhr.withCredentials = true;
    xhr.upload.onprogress = (e) => {
      arm(e.lengthComputable && e.loaded >= e.total ? a.answerMs : a.stallMs);
      if (e.lengthComputable) a.onProgress?.(e.loaded, e.total);
    };
    xhr.upload.onload = () => arm(a.answerMs);
    xhr.onload = () =>
      finish(() => {
        const headers = new Headers();
        for (const line of xhr.getAllResponseHeaders().trim().split(/[\r\n]+/)) {
          const at = line.indexOf(':');
          if (at > 0) headers.append(line.slice(0, at).trim(), line.slice(at + 1).trim());
        }
        // Response() refuses bodies on 204/205/304; an upload answers 200/201 or an error.
        const body = xhr.status === 204 || xhr.status === 205 || xhr.status === 304 ? null : xhr.responseText;
        resolve(new Response(body, { status: xhr.status, headers }));
      });
    xhr.onerror = () => finish(() => reject(new TypeError('network error')));
    xhr.onabort = () => finish(() => reject(a.signal.reason ?? new DOMException('aborted', 'AbortError')));
    if (a.signal.aborted) return onAbort();
    a.signal.addEventListener('abort', onAbort);
    arm(a.stallMs);
    xhr.send(a.body);
  });

/** fetch without progress (tests, or a browser without XMLHttpRequest): one timer for the whole attempt. */
export function fetchTransport(fetchImpl: typeof fetch): UploadTransport {
  return async (a) => {
    const inner = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      inner.abort();
    }, a.stallMs + a.answerMs);
    const onAbort = () => inner.abort(a.signal.reason);
    a.signal.addEventListener('abort', onAbort);
    try {
      return await fetchImpl(a.url, { method: 'POST', headers: a.headers, body: a.body, credentials: 'same-origin', signal: inner.signal });
    } catch (e) {
      if (timedOut) throw new UploadTimeout();
      if (a.signal.aborted) throw a.signal.reason ?? e;
      throw e;
    } finally {
      clearTimeout(timer);
      a.signal.removeEventListener('abort', onAbort);
    }
  };
}
