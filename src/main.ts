import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { ConfigError, loadConfig } from './config.js';
import { createAppContext } from './app-context.js';
import { buildHttpApp } from './http/app.js';
import { sweepOrphanBlobs } from './services/sweep-orphan-blobs.js';
import { instrumentContext } from './metrics-wiring.js';

async function main() {
  const config = loadConfig();
  const ctx = await createAppContext(config);
  const metrics = await instrumentContext(ctx, config);
  // Rate-limit counters shared by all nodes; a Redis outage lets requests through (skipOnError) rather than refusing everyone.
  const redis = config.redisUrl ? new Redis(config.redisUrl, { connectTimeout: 2000, maxRetriesPerRequest: 1 }) : undefined;
  let redisWarnedAt = 0;
  redis?.on('error', (err) => {
    if (Date.now() - redisWarnedAt < 60_000) return;
    redisWarnedAt = Date.now();
    console.error(`Redis unavailable (${err.message}): rate limits let requests through until it is back.`);
  });
  let draining = false;
  const app = await buildHttpApp(ctx.deps, {
    secureCookies: config.secureCookies,
    webDir: config.webDir,
    examplesDir: path.resolve(new URL('../assets/examples', import.meta.url).pathname),
    trustProxy: config.trustProxy,
    uploadsPerMinute: config.uploadsPerMinute,
    logger: config.logRequests,
    redis,
    rateLimitNamespace: config.redisKeyPrefix,
    timeouts: { requestMs: config.requestTimeoutMs, headersMs: config.headersTimeoutMs, keepAliveMs: config.keepAliveTimeoutMs },
    isDraining: () => draining,
    metrics: metrics.metrics,
  });

  ctx.startWorkers((err) => app.log.error({ err }, 'job worker failed'));
  let sweeps = 0;
  const sweep = setInterval(() => {
    // Pending records every 10 minutes; a scan of the whole object store once a day (144 × 10 min).
    sweepOrphanBlobs(ctx.deps, undefined, { scanStore: ++sweeps % 144 === 0 }).catch((err) => app.log.error({ err }, 'orphan sweep failed'));
  }, 10 * 60_000);
  sweep.unref();

  /**
   * SIGTERM: readiness turns 503 at once so the balancer stops sending new requests; after
   * DRAIN_DELAY the listener closes and the requests in flight finish; the whole drain is
   * capped at DRAIN_TIMEOUT, after which the process exits 1 (requests cut off).
   */
  const shutdown = async (signal: string) => {
    if (draining) return;
    draining = true;
    app.log.info({ signal }, 'draining: readiness now answers 503');
    const cap = setTimeout(() => {
      app.log.error('drain timed out: exiting with requests still open');
      process.exit(1);
    }, config.drainTimeoutMs);
    cap.unref();
    clearInterval(sweep);
    await new Promise((r) => setTimeout(r, Math.min(config.drainDelayMs, config.drainTimeoutMs / 2)));
    await app.close();
    await metrics.close();
    await redis?.quit().catch(() => undefined);
    await ctx.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  const { port } = app.server.address() as AddressInfo;
  const listening = `Listening on http://localhost:${port} (${ctx.deps.dialect}, data in ${config.dataDir})`;
  if (!config.logRequests) console.log(listening);
  else app.log.info(listening);
}

try {
  await main();
} catch (e) {
  // A refused configuration is the operator's to fix: say what, without a stack trace.
  if (e instanceof ConfigError) console.error(`Cannot start: ${e.message}`);
  else console.error('Cannot start:', e);
  process.exit(1);
}
