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
  /** HMAC-SHA256 key shared with the registration system for /sso hand-off links (32+ characters). */
  handoffKey: string | undefined;
  /** Final results are POSTed here, signed with resultWebhookKey (HMAC-SHA256, 32+ characters). */
  resultWebhookUrl: string | undefined;
  resultWebhookKey: string | undefined;
  /** Bearer token of the registration system's pull API for results (GET /api/v1/results/events). */
  resultsApiToken: string | undefined;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const production = env.NODE_ENV === 'production';
  const dataDir = path.resolve(env.DATA_DIR ?? './data');
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
    smsLogFile: path.resolve(env.SMS_LOG_FILE ?? path.join(dataDir, 'sms.log')),
    handoffKey: env.HANDOFF_KEY || undefined,
    resultWebhookUrl: env.RESULT_WEBHOOK_URL || undefined,
    resultWebhookKey: env.RESULT_WEBHOOK_KEY || undefined,
    resultsApiToken: env.RESULTS_API_TOKEN || undefined,
  };
}
