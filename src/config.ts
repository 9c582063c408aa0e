import os from 'node:os';
import path from 'node:path';
import { parseTrustProxy } from './config-network.js';
import { ConfigError } from './config-error.js';

export { ConfigError };

/** Server configuration, read once from the environment. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** postgres://… selects PostgreSQL; otherwise SQLite at <dataDir>/app.db. */
  databaseUrl: string | undefined;
  production: boolean;
  /** Load the demo data of shared/API.md into a new database (never in production). */
  loadDemoData: boolean;
  sessionTtlMinutes: number;
  /** Absolute session lifetime from sign-in (SESSION_MAX_HOURS); the idle timeout slides within it. */
  sessionMaxHours: number;
  /** Secret for personal-data encryption and ID-number search hashes; generated into dataDir when absent (not in production). */
  dataKey: string | undefined;
  secureCookies: boolean;
  webDir: string;
  /** Addresses/CIDRs of the load balancers whose X-Forwarded-For is believed; false: none. */
  trustProxy: string[] | false;
  /** Shared rate-limit store for all nodes; without it limits are per process. */
  redisUrl: string | undefined;
  /** Prefix of the rate-limit keys in Redis (several deployments or test runs may share one Redis). */
  redisKeyPrefix: string;
  /** Slow-client cut-offs (ms): whole request, request headers, idle keep-alive. */
  requestTimeoutMs: number;
  headersTimeoutMs: number;
  keepAliveTimeoutMs: number;
  /** After SIGTERM: how long readiness answers 503 before the listener closes, and the cap on the whole drain. */
  drainDelayMs: number;
  drainTimeoutMs: number;
  /** A real SMS gateway (HTTP POST); without it SMS lines go to smsLogFile. */
  smsGatewayUrl: string | undefined;
  smsGatewayToken: string | undefined;
  smsLogFile: string;
  /** Uploads one candidate may make per minute (a whole file set is ~15). */
  uploadsPerMinute: number;
  /** Images processed at once (worker threads); default: the number of cores. */
  uploadConcurrency: number;
  /** Uploads that may wait for a free worker; beyond them 503 OVERLOADED at once. Default 10 × concurrency. */
  uploadQueue: number;
  /** Port of the Prometheus /metrics endpoint (on its own listener, never the public port); 0 or unset: off. */
  metricsPort: number | undefined;
  metricsHost: string;
  /** HMAC-SHA256 key shared with the registration system for /sso hand-off links (32+ characters). */
  handoffKey: string | undefined;
  /** S3_BUCKET selects an S3-compatible object store instead of <dataDir>/blobs; endpoint, region and keys come from the AWS SDK's own variables. */
  s3: { bucket: string; prefix: string | undefined; forcePathStyle: boolean } | undefined;
  /** Final results are POSTed here, signed with resultWebhookKey (HMAC-SHA256, 32+ characters). */
  resultWebhookUrl: string | undefined;
  resultWebhookKey: string | undefined;
  /** Bearer token of the registration system's pull API for results (GET /api/v1/results/events). */
  resultsApiToken: string | undefined;
}

/** Shortest DATA_KEY production accepts. */
export const MIN_DATA_KEY_LENGTH = 32;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const production = env.NODE_ENV === 'production';
  const dataDir = path.resolve(env.DATA_DIR ?? './data');
  // A short key can be guessed offline from one ciphertext: refuse to start on it.
  if (production && env.DATA_KEY && env.DATA_KEY.length < MIN_DATA_KEY_LENGTH) {
    throw new Error(`DATA_KEY is too short (${env.DATA_KEY.length} characters): production needs ${MIN_DATA_KEY_LENGTH} or more random characters, e.g. \`openssl rand -base64 32\`.`);
  }
  // One core is left to the event loop (sessions, the review queue, HTTP of the uploads
  // themselves): image workers on every core made GET /auth/me wait behind them (docs/BENCHMARKS.md).
  const uploadConcurrency = Math.max(1, Number(env.UPLOAD_CONCURRENCY ?? os.availableParallelism() - 1));
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '0.0.0.0',
    dataDir,
    databaseUrl: env.DATABASE_URL || undefined,
    production,
    loadDemoData: !production && env.DEMO_DATA !== 'off',
    sessionTtlMinutes: Number(env.SESSION_TTL_MINUTES ?? 120),
    sessionMaxHours: Number(env.SESSION_MAX_HOURS ?? 12),
    dataKey: env.DATA_KEY || undefined,
    secureCookies: env.SECURE_COOKIES ? env.SECURE_COOKIES === 'true' : production,
    webDir: path.resolve(env.WEB_DIR ?? new URL('../web/dist', import.meta.url).pathname),
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    redisUrl: env.REDIS_URL || undefined,
    redisKeyPrefix: env.REDIS_KEY_PREFIX || 'medexam-rl:',
    requestTimeoutMs: seconds(env, 'REQUEST_TIMEOUT_SECONDS', 25),
    headersTimeoutMs: seconds(env, 'HEADERS_TIMEOUT_SECONDS', 10),
    keepAliveTimeoutMs: seconds(env, 'KEEP_ALIVE_TIMEOUT_SECONDS', 5),
    drainDelayMs: seconds(env, 'DRAIN_DELAY_SECONDS', 5),
    drainTimeoutMs: seconds(env, 'DRAIN_TIMEOUT_SECONDS', 25),
    smsGatewayUrl: env.SMS_GATEWAY_URL || undefined,
    smsGatewayToken: env.SMS_GATEWAY_TOKEN || undefined,
    uploadsPerMinute: Number(env.UPLOADS_PER_MINUTE ?? 60),
    uploadConcurrency,
    uploadQueue: env.UPLOAD_QUEUE ? Number(env.UPLOAD_QUEUE) : Math.max(20, uploadConcurrency * 10),
    metricsPort: env.METRICS_PORT ? Number(env.METRICS_PORT) : undefined,
    metricsHost: env.METRICS_HOST ?? '127.0.0.1',
    smsLogFile: path.resolve(env.SMS_LOG_FILE ?? path.join(dataDir, 'sms.log')),
    handoffKey: env.HANDOFF_KEY || undefined,
    s3: env.S3_BUCKET
      ? { bucket: env.S3_BUCKET, prefix: env.S3_PREFIX || undefined, forcePathStyle: env.S3_FORCE_PATH_STYLE === 'true' }
      : undefined,
    resultWebhookUrl: env.RESULT_WEBHOOK_URL || undefined,
    resultWebhookKey: env.RESULT_WEBHOOK_KEY || undefined,
    resultsApiToken: env.RESULTS_API_TOKEN || undefined,
  };
}

function seconds(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback * 1000;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new ConfigError(`${name} must be a number of seconds (got "${raw}").`);
  return Math.round(n * 1000);
}

