import path from 'node:path';
import { loadConfig } from './config.js';
import { createAppContext } from './app-context.js';
import { buildHttpApp } from './http/app.js';
import { sweepOrphanBlobs } from './services/sweep-orphan-blobs.js';
import { instrumentContext } from './http/metrics-wiring.js';

const config = loadConfig();
const ctx = await createAppContext(config);
const metrics = await instrumentContext(ctx, config);
const app = await buildHttpApp(ctx.deps, {
  secureCookies: config.secureCookies,
  webDir: config.webDir,
  examplesDir: path.resolve(new URL('../assets/examples', import.meta.url).pathname),
  trustProxy: config.trustProxy,
  uploadsPerMinute: config.uploadsPerMinute,
  logger: process.env.LOG !== 'off',
  metrics: metrics.metrics,
});

ctx.startWorkers((err) => app.log.error({ err }, 'job worker failed'));
const sweep = setInterval(() => {
  sweepOrphanBlobs(ctx.deps).catch((err) => app.log.error({ err }, 'orphan sweep failed'));
}, 10 * 60_000);
sweep.unref();

const shutdown = async () => {
  clearInterval(sweep);
  await app.close();
  await metrics.close();
  await ctx.close();
  process.exit(0);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);

await app.listen({ port: config.port, host: config.host });
app.log.info(`Listening on http://localhost:${config.port} (${ctx.deps.dialect}, data in ${config.dataDir})`);
if (metrics.port !== undefined) app.log.info(`Metrics on http://${config.metricsHost}:${metrics.port}/metrics`);
