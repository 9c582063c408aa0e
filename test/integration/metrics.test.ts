import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/start-server.js';
import { ApiClient } from '../support/api-client.js';
import { testDatabases } from '../support/databases.js';
import { makePhotoJpeg } from '../fixtures/make-image-corpus.js';

/** The value of one sample line of the Prometheus text format, or undefined. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue;
    const m = /^([a-z_:]+)(\{[^}]*\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = m[2] ?? '';
    if (Object.entries(labels).every(([k, v]) => have.includes(`${k}="${v}"`))) return Number(m[3]);
  }
  return undefined;
}

describe.each(testDatabases())('metrics on %s', (db) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ db, env: { METRICS_PORT: '0', UPLOAD_CONCURRENCY: '1', UPLOAD_QUEUE: '0' } });
  });
  afterAll(async () => server?.close());

  it('serves /metrics on its own port only; the public port answers 404', async () => {
    const pub = await fetch(`${server.baseUrl}/metrics`);
    expect(pub.status).toBe(404);
    expect(await pub.text()).not.toMatch(/http_request_duration_seconds/);
    expect(server.metricsUrl).toBeDefined();
    const res = await fetch(server.metricsUrl!);
    expect(res.status).toBe(200);
    const text = await res.text();
    for (const name of ['upload_queue_depth', 'upload_queue_running', 'upload_admissions_refused_total', 'outbox_backlog', 'outbox_oldest_job_age_seconds', 'review_claims_total', 'nodejs_eventloop_lag_seconds']) {
      expect(sample(text, name), name).toBeDefined();
    }
    // Nothing else is served there.
    expect((await fetch(server.metricsUrl!.replace('/metrics', '/api/v1/health'))).status).toBe(404);
  });

  it('counts uploads by route and status, the pipeline time, refused admissions and claims', async () => {
    const c = new ApiClient(server.baseUrl);
    expect((await c.login('2026990100001')).status).toBe(200);
    await c.request('POST', '/api/v1/candidate/activate', { json: { agree: true } });
    const photo = await makePhotoJpeg({ width: 800, height: 600, targetBytes: 60_000 });
    expect((await c.upload('other', photo)).status).toBe(201);
    // A full queue: one image held in the work, the next upload is refused.
    let release!: () => void;
    const held = server.deps.uploads.run(() => new Promise<void>((r) => (release = r)));
    expect((await c.upload('other', photo)).status).toBe(503);
    release();
    await held;
    // An incomplete file can be claimed once the upload window has closed (to return it).
    const admin = new ApiClient(server.baseUrl);
    expect((await admin.login('admin99')).status).toBe(200);
    const closedAt = new Date(server.clock.now().getTime() - 60_000);
    const closed = await admin.request('PUT', '/api/v1/admin/regions/99/settings', {
      json: { uploadOpensAt: new Date(closedAt.getTime() - 86_400_000).toISOString(), uploadClosesAt: closedAt.toISOString() },
    });
    expect(closed.status).toBe(200);
    const reviewer = new ApiClient(server.baseUrl);
    expect((await reviewer.login('site9901')).status).toBe(200);
    expect((await reviewer.request('POST', '/api/v1/review/registrations/2026990100001/claim')).status).toBe(200);

    const text = await (await fetch(server.metricsUrl!)).text();
    const route = '/api/v1/candidate/materials/:categoryCode/images';
    expect(sample(text, 'http_request_duration_seconds_count', { route, status: '201', method: 'POST' })).toBe(1);
    expect(sample(text, 'http_request_duration_seconds_count', { route, status: '503', method: 'POST' })).toBe(1);
    expect(sample(text, 'image_pipeline_duration_seconds_count', { outcome: 'ok' })).toBe(1);
    expect(sample(text, 'upload_admissions_refused_total')).toBe(1);
    expect(sample(text, 'upload_queue_depth')).toBe(0);
    expect(sample(text, 'review_claims_total')).toBe(1);
    // Raw URLs never become labels (bounded series).
    expect(text).not.toMatch(/route="\/api\/v1\/review\/registrations\/2026/);
  });
});
