import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { parseTrustProxy } from './config-network.js';
import { ConfigError } from './config-error.js';

export { ConfigError };

/** Server configuration, read once from the environment and validated as a whole. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** postgres://… selects PostgreSQL; otherwise SQLite at <dataDir>/app.db. */
  databaseUrl: string | undefined;
  /** Connections per node to PostgreSQL (PG_POOL_MAX). */
  pgPoolMax: number;
  production: boolean;
  /** Request logs (JSON lines) on stdout; LOG=off silences them (tests, benches). */
  logRequests: boolean;
  /** Load the demo data of shared/API.md into a new database (never in production). */
  loadDemoData: boolean;
  sessionTtlMinutes: number;
  /** Absolute session lifetime from sign-in (SESSION_MAX_HOURS); the idle timeout slides within it. */
  sessionMaxHours: number;
  /** How long a reviewer's claim holds without renewal (CLAIM_LEASE_SECONDS, default 15 minutes). */
  claimLeaseMs: number;
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
  /** Images processed at once (worker threads); default: the number of cores − 1 (at least 1). */
  uploadConcurrency: number;
  /** Uploads that may wait for a free worker; beyond them 503 OVERLOADED at once. Default 10 × concurrency, at least 20. */
  uploadQueue: number;
  /** Port of the Prometheus /metrics endpoint (on its own listener, never the public port); unset: off; 0: any free port. */
  metricsPort: number | undefined;
  metricsHost: string;
  /** HMAC-SHA256 key shared with the registration system for /sso hand-off links (32+ characters). */
  handoffKey: string | undefined;
  /** S3_BUCKET selects an S3-compatible object store instead of <dataDir>/blobs; endpoint, region and keys come from the AWS SDK's own variables. */
  s3: { bucket: string; prefix: string | undefined; forcePathStyle: boolean } | undefined;
  /** Final results are POSTed here, signed with resultWebhookKey (HMAC-SHA256, 32+ characters). */
  resultWebhookUrl: string | undefined;
  resultWebhookKey: string | undefined;
  /** Bearer token of the results pull API (GET /api/v1/results/events). */
  resultsApiToken: string | undefined;
}

/** Shortest DATA_KEY production accepts. */
export const MIN_DATA_KEY_LENGTH = 32;

// Every variable is an optional string; "" counts as unset (compose files often write `X=`).
const text = () => z.string().optional().transform((v) => (v === undefined || v === '' ? undefined : v));

function wholeNumber(fallback: number, min: number, max: number) {
  return text().transform((raw, ctx) => {
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      ctx.addIssue({ code: 'custom', message: `must be a whole number from ${min} to ${max}` });
      return z.NEVER;
    }
    return n;
  });
}

/** A duration in seconds (fractions allowed), returned in milliseconds. */
function secondsAsMs(fallbackSeconds: number) {
  return text().transform((raw, ctx) => {
    if (raw === undefined) return fallbackSeconds * 1000;
    const n = Number(raw);
    if (!Number.isFinite(n) || n < 0) {
      ctx.addIssue({ code: 'custom', message: 'must be a number of seconds' });
      return z.NEVER;
    }
    return Math.round(n * 1000);
  });
}

function flag() {
  return text().transform((raw, ctx) => {
    if (raw === undefined) return undefined;
    if (raw === 'true' || raw === 'false') return raw === 'true';
    ctx.addIssue({ code: 'custom', message: 'must be true or false' });
    return z.NEVER;
  });
}

function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return text().transform((raw, ctx) => {
    if (raw === undefined) return undefined;
    if ((values as readonly string[]).includes(raw)) return raw as T[number];
    ctx.addIssue({ code: 'custom', message: `must be one of ${values.join(', ')}` });
    return z.NEVER;
  });
}

// One core is left to the event loop (sessions, the review queue, HTTP of the uploads
// themselves): image workers on every core made GET /auth/me wait behind them (docs/BENCHMARKS.md).
const defaultUploadConcurrency = Math.max(1, os.availableParallelism() - 1);

/** The environment variables the server reads; docs/DEPLOY.md lists them with their defaults. */
const environmentSchema = z.object({
  NODE_ENV: text(),
  PORT: wholeNumber(3000, 0, 65535),
  HOST: text(),
  DATA_DIR: text(),
  DATABASE_URL: text().refine((v) => v === undefined || /^postgres(ql)?:\/\//.test(v), 'must be a postgres:// URL (unset for SQLite)'),
  PG_POOL_MAX: wholeNumber(10, 1, 1000),
  LOG: oneOf(['on', 'off']),
  DEMO_DATA: oneOf(['on', 'off']),
  SESSION_TTL_MINUTES: wholeNumber(120, 1, 24 * 60),
  SESSION_MAX_HOURS: wholeNumber(12, 1, 24 * 7),
  CLAIM_LEASE_SECONDS: wholeNumber(15 * 60, 1, 24 * 3600),
  DATA_KEY: text(),
  SECURE_COOKIES: flag(),
  WEB_DIR: text(),
  TRUST_PROXY: z.string().optional(),
  REDIS_URL: text().refine((v) => v === undefined || /^rediss?:\/\//.test(v), 'must be a redis:// or rediss:// URL'),
  REDIS_KEY_PREFIX: text(),
  REQUEST_TIMEOUT_SECONDS: secondsAsMs(25),
  HEADERS_TIMEOUT_SECONDS: secondsAsMs(10),
  KEEP_ALIVE_TIMEOUT_SECONDS: secondsAsMs(5),
  DRAIN_DELAY_SECONDS: secondsAsMs(5),
  DRAIN_TIMEOUT_SECONDS: secondsAsMs(25),
  SMS_GATEWAY_URL: text().refine((v) => v === undefined || /^https?:\/\//.test(v), 'must be an http(s) URL'),
  SMS_GATEWAY_TOKEN: text(),
  SMS_LOG_FILE: text(),
  UPLOADS_PER_MINUTE: wholeNumber(60, 1, 100_000),
  UPLOAD_CONCURRENCY: wholeNumber(defaultUploadConcurrency, 1, 256),
  UPLOAD_QUEUE: text().pipe(z.string().regex(/^\d+$/, 'must be a whole number ≥ 0').optional()),
  // Unset: no metrics listener; 0: any free port (tests).
  METRICS_PORT: wholeNumber(-1, 0, 65535),
  METRICS_HOST: text(),
  HANDOFF_KEY: text(),
  S3_BUCKET: text(),
  S3_PREFIX: text(),
  S3_FORCE_PATH_STYLE: flag(),
  RESULT_WEBHOOK_URL: text(),
  RESULT_WEBHOOK_KEY: text(),
  RESULTS_API_TOKEN: text(),
});

/**
 * Reads and checks the whole configuration at once, so an operator sees every wrong variable in
 * one start-up message ("PORT must be a whole number from 0 to 65535 (got "abc")"), not one per try.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = environmentSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0]);
      return `${name} ${issue.message} (got "${env[name]}")`;
    });
    throw new ConfigError(lines.join('; '));
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  // A short key can be guessed offline from one ciphertext: refuse to start on it.
  if (production && e.DATA_KEY && e.DATA_KEY.length < MIN_DATA_KEY_LENGTH) {
    throw new ConfigError(`DATA_KEY is too short (${e.DATA_KEY.length} characters): production needs ${MIN_DATA_KEY_LENGTH} or more random characters, e.g. \`openssl rand -base64 32\`.`);
  }
  const dataDir = path.resolve(e.DATA_DIR ?? './data');
  return {
    port: e.PORT,
    host: e.HOST ?? '0.0.0.0',
    dataDir,
    databaseUrl: e.DATABASE_URL,
    pgPoolMax: e.PG_POOL_MAX,
    production,
    logRequests: e.LOG !== 'off',
    loadDemoData: !production && e.DEMO_DATA !== 'off',
    sessionTtlMinutes: e.SESSION_TTL_MINUTES,
    sessionMaxHours: e.SESSION_MAX_HOURS,
    claimLeaseMs: e.CLAIM_LEASE_SECONDS * 1000,
    dataKey: e.DATA_KEY,
    secureCookies: e.SECURE_COOKIES ?? production,
    webDir: path.resolve(e.WEB_DIR ?? new URL('../web/dist', import.meta.url).pathname),
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    redisUrl: e.REDIS_URL,
    redisKeyPrefix: e.REDIS_KEY_PREFIX ?? 'medexam-rl:',
    requestTimeoutMs: e.REQUEST_TIMEOUT_SECONDS,
    headersTimeoutMs: e.HEADERS_TIMEOUT_SECONDS,
    keepAliveTimeoutMs: e.KEEP_ALIVE_TIMEOUT_SECONDS,
    drainDelayMs: e.DRAIN_DELAY_SECONDS,
    drainTimeoutMs: e.DRAIN_TIMEOUT_SECONDS,
    smsGatewayUrl: e.SMS_GATEWAY_URL,
    smsGatewayToken: e.SMS_GATEWAY_TOKEN,
    smsLogFile: path.resolve(e.SMS_LOG_FILE ?? path.join(dataDir, 'sms.log')),
    uploadsPerMinute: e.UPLOADS_PER_MINUTE,
    uploadConcurrency: e.UPLOAD_CONCURRENCY,
    uploadQueue: e.UPLOAD_QUEUE !== undefined ? Number(e.UPLOAD_QUEUE) : Math.max(20, e.UPLOAD_CONCURRENCY * 10),
    metricsPort: e.METRICS_PORT === -1 ? undefined : e.METRICS_PORT,
    metricsHost: e.METRICS_HOST ?? '127.0.0.1',
    handoffKey: e.HANDOFF_KEY,
    s3: e.S3_BUCKET ? { bucket: e.S3_BUCKET, prefix: e.S3_PREFIX, forcePathStyle: e.S3_FORCE_PATH_STYLE === true } : undefined,
    resultWebhookUrl: e.RESULT_WEBHOOK_URL,
    resultWebhookKey: e.RESULT_WEBHOOK_KEY,
    resultsApiToken: e.RESULTS_API_TOKEN,
  };
}
