import type { AppContext } from './app-context.js';
import type { Config } from './config.js';
import { createMetrics, startMetricsServer, type AppMetrics } from './adapters/metrics/prometheus-metrics.js';
import { WorkerImagePipeline } from './adapters/image/worker-image-pipeline.js';

/**
 * Metrics for a running context: counts the blob store's failures and the worker pool's image
 * times, and serves /metrics on METRICS_PORT (its own listener, bound to METRICS_HOST) when set.
 */
export async function instrumentContext(
  ctx: AppContext,
  config: Pick<Config, 'metricsPort' | 'metricsHost'>,
): Promise<{ metrics: AppMetrics; port: number | undefined; close(): Promise<void> }> {
  const metrics = createMetrics(ctx.deps);
  ctx.deps.blobs = metrics.wrapBlobStore(ctx.deps.blobs);
  if (ctx.deps.pipeline instanceof WorkerImagePipeline) ctx.deps.pipeline.observe = (r) => metrics.observePipeline(r);
  if (config.metricsPort === undefined) return { metrics, port: undefined, close: async () => undefined };
  const server = await startMetricsServer(metrics.registry, config.metricsPort, config.metricsHost);
  return { metrics, port: server.port, close: () => server.close() };
}
