/** A tiny HTTP client that keeps the session cookie and CSRF token like a browser page would. */
export class ApiClient {
  cookie = '';
  csrfToken = '';
  constructor(readonly baseUrl: string, readonly lang: 'zh-CN' | 'en' = 'zh-CN') {}

  async request(method: string, path: string, opts: { json?: unknown; form?: FormData; headers?: Record<string, string>; csrf?: boolean } = {}) {
    const headers: Record<string, string> = { 'accept-language': this.lang, ...opts.headers };
    if (this.cookie) headers.cookie = this.cookie;
    if (opts.csrf !== false && this.csrfToken && method !== 'GET') headers['x-csrf-token'] = this.csrfToken;
    let body: BodyInit | undefined;
    if (opts.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(opts.json);
    } else if (opts.form) body = opts.form;
    const res = await fetch(this.baseUrl + path, { method, headers, body });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) {
      const m = /sid=([^;]*)/.exec(setCookie);
      if (m) this.cookie = m[1] ? `sid=${m[1]}` : '';
    }
    const type = res.headers.get('content-type') ?? '';
    const data = type.includes('json') ? await res.json() : Buffer.from(await res.arrayBuffer());
    return { status: res.status, headers: res.headers, body: data as any };
  }

  async login(username: string, password = 'Demo#2026') {
    const r = await this.request('POST', '/api/v1/auth/login', { json: { username, password } });
    if (r.status === 200) this.csrfToken = r.body.csrfToken;
    return r;
  }

  upload(categoryCode: string, bytes: Buffer, filename = 'photo.jpg', headers: Record<string, string> = {}) {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes)]), filename);
    return this.request('POST', `/api/v1/candidate/materials/${categoryCode}/images`, { form, headers });
  }
}
