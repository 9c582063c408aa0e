/**
 * Prometheus metrics (prom-client), served on their own port (METRICS_PORT) by
 * startMetricsServer, never through the public routes. What an operator needs on a deadline
 * day: request latency by route and status, image pipeline time, the upload queue (depth,
 * running, refused), the SMS outbox (backlog, oldest due job), review claims, event-loop lag
 * (prom-client's default Node metrics) and store errors. Panels: deploy/grafana-dashboard.json;
 * alerts: deploy/prometheus-alerts.yml.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { Clock } from '../../ports/clock.js';
import type { BlobStore } from '../../ports/blob-store.js';
import { toDbTime, fromDbTime } from '../db/time.js';

export interface AppMetrics {
  registry: Registry;
  /** Adds the request latency histogram (onResponse hook) to an app. */
  instrumentHttp(app: FastifyInstance): void;
  /** Time of one image in the worker pool. */
  observePipeline(r: { wallMs: number; outcome: 'ok' | 'refused' | 'error' }): void;
  /** The same store, with its failures counted by operation. */
  wrapBlobStore(store: BlobStore): BlobStore;
}

/** What the gauges read: the database, the upload admission's counters and the clock. */
export interface MetricsSources {
  db: Kysely<DB>;
  uploads: { readonly queued: number; readonly running: number; readonly concurrency: number; readonly queueLimit: number; readonly refused: number; readonly admitted: number };
  clock: Clock;
}

export function createMetrics(deps: MetricsSources): AppMetrics {
  const registry = new Registry();
  // Includes nodejs_eventloop_lag_seconds and the lag percentiles (monitorEventLoopDelay).
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 20 });

  const httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency by route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 1.5, 2.5, 5, 10],
    registers: [registry],
  });
  const pipeline = new Histogram({
    name: 'image_pipeline_duration_seconds',
    help: 'Time of one upload in the image worker pool (decode, watermark, encode, thumbnail)',
    labelNames: ['outcome'] as const,
    buckets: [0.025, 0.05, 0.1, 0.2, 0.4, 0.8, 1.6, 3.2],
    registers: [registry],
  });
  const claims = new Counter({ name: 'review_claims_total', help: 'Review claims taken (200 answers of the claim route)', registers: [registry] });
  const storeErrors = new Counter({
    name: 'blob_store_errors_total',
    help: 'Failed blob store operations',
    labelNames: ['op'] as const,
    registers: [registry],
  });
  const uploads = deps.uploads;
  new Gauge({ name: 'upload_queue_depth', help: 'Uploads waiting for an image worker', registers: [registry], collect() { this.set(uploads.queued); } });
  new Gauge({ name: 'upload_queue_running', help: 'Uploads in the image workers now', registers: [registry], collect() { this.set(uploads.running); } });
  new Gauge({ name: 'upload_queue_capacity', help: 'Image workers plus waiting places (UPLOAD_CONCURRENCY + UPLOAD_QUEUE)', registers: [registry], collect() { this.set(uploads.concurrency + uploads.queueLimit); } });
  new Counter({
    name: 'upload_admissions_refused_total',
    help: 'Uploads answered 503 OVERLOADED because the queue was full',
    registers: [registry],
    collect() {
      this.reset();
      this.inc(uploads.refused);
    },
  });
  new Counter({
    name: 'upload_admissions_total',
    help: 'Uploads admitted to the image work',
    registers: [registry],
    collect() {
      this.reset();
      this.inc(uploads.admitted);
    },
  });
  // One indexed query (jobs_due) per scrape serves both outbox gauges.
  let outbox: Promise<{ backlog: number; oldestSeconds: number }> | undefined;
  const readOutbox = () => {
    outbox ??= (async () => {
      const now = deps.clock.now();
      const r = await deps.db
        .selectFrom('jobs')
        .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.min('run_at').as('oldest')])
        .where('done_at', 'is', null)
        .where('run_at', '<=', toDbTime(now))
        .executeTakeFirst();
      const oldest = r?.oldest ? fromDbTime(String(r.oldest)) : null;
      return { backlog: Number(r?.n ?? 0), oldestSeconds: oldest ? Math.max(0, (now.getTime() - oldest.getTime()) / 1000) : 0 };
    })().finally(() => setTimeout(() => (outbox = undefined), 1000).unref());
    return outbox;
  };
  new Gauge({ name: 'outbox_backlog', help: 'Outbox jobs (SMS) due and not done', registers: [registry], async collect() { this.set((await readOutbox()).backlog); } });
  new Gauge({ name: 'outbox_oldest_job_age_seconds', help: 'Age of the oldest due outbox job', registers: [registry], async collect() { this.set((await readOutbox()).oldestSeconds); } });

  return {
    registry,
    instrumentHttp(app) {
      app.addHook('onResponse', async (req, reply) => {
        // The route pattern, never the raw URL: bounded label values.
        const route = req.routeOptions.url ?? 'unmatched';
        const status = String(reply.statusCode);
        httpDuration.observe({ method: req.method, route, status }, reply.elapsedTime / 1000);
        if (route === '/api/v1/review/registrations/:registrationNo/claim' && reply.statusCode === 200) claims.inc();
      });
    },
    observePipeline(r) {
      pipeline.observe({ outcome: r.outcome }, r.wallMs / 1000);
    },
    wrapBlobStore(store) {
      const counted = <A extends unknown[], R>(op: string, fn: (...a: A) => Promise<R>) => async (...a: A): Promise<R> => {
        try {
          return await fn(...a);
        } catch (e) {
          storeErrors.inc({ op });
          throw e;
        }
      };
      return {
        put: counted('put', store.put.bind(store)),
        get: counted('get', store.get.bind(store)),
        delete: counted('delete', store.delete.bind(store)),
        listOlderThan: (before) => store.listOlderThan(before),
        checkReady: counted('check_ready', store.checkReady.bind(store)),
        ...(store.removeStalePartials ? { removeStalePartials: counted('remove_partials', store.removeStalePartials.bind(store)) } : {}),
      };
    },
  };
}

/** GET /metrics on its own listener; everything else 404. Resolves with the bound port. */
export async function startMetricsServer(registry: Registry, port: number, host: string): Promise<{ port: number; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    registry.metrics().then(
      (body) => res.writeHead(200, { 'content-type': registry.contentType }).end(body),
      (err: unknown) => res.writeHead(500, { 'content-type': 'text/plain' }).end(`metrics failed: ${String(err)}\n`),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
