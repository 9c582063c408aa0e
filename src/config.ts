import os from 'node:os';
import path from 'node:path';

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
  /** Secret for personal-data encryption and ID-number search hashes; generated into dataDir when absent (not in production). */
  dataKey: string | undefined;
  secureCookies: boolean;
  webDir: string;
  trustProxy: boolean;
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
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const production = env.NODE_ENV === 'production';
  const dataDir = path.resolve(env.DATA_DIR ?? './data');
  const uploadConcurrency = Math.max(1, Number(env.UPLOAD_CONCURRENCY ?? os.availableParallelism()));
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '0.0.0.0',
    dataDir,
    databaseUrl: env.DATABASE_URL || undefined,
    production,
    loadDemoData: !production && env.DEMO_DATA !== 'off',
    sessionTtlMinutes: Number(env.SESSION_TTL_MINUTES ?? 120),
    dataKey: env.DATA_KEY || undefined,
    secureCookies: env.SECURE_COOKIES ? env.SECURE_COOKIES === 'true' : production,
    webDir: path.resolve(env.WEB_DIR ?? new URL('../web/dist', import.meta.url).pathname),
    trustProxy: env.TRUST_PROXY === 'true',
    smsGatewayUrl: env.SMS_GATEWAY_URL || undefined,
    smsGatewayToken: env.SMS_GATEWAY_TOKEN || undefined,
    uploadsPerMinute: Number(env.UPLOADS_PER_MINUTE ?? 60),
    uploadConcurrency,
    uploadQueue: env.UPLOAD_QUEUE ? Number(env.UPLOAD_QUEUE) : uploadConcurrency * 10,
    metricsPort: env.METRICS_PORT ? Number(env.METRICS_PORT) : undefined,
    metricsHost: env.METRICS_HOST ?? '127.0.0.1',
    smsLogFile: path.resolve(env.SMS_LOG_FILE ?? path.join(dataDir, 'sms.log')),
    handoffKey: env.HANDOFF_KEY || undefined,
  };
}
