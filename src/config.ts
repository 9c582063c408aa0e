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
  /** Absolute session lifetime from sign-in (SESSION_MAX_HOURS); the idle timeout slides within it. */
  sessionMaxHours: number;
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
    trustProxy: env.TRUST_PROXY === 'true',
    smsGatewayUrl: env.SMS_GATEWAY_URL || undefined,
    smsGatewayToken: env.SMS_GATEWAY_TOKEN || undefined,
    uploadsPerMinute: Number(env.UPLOADS_PER_MINUTE ?? 60),
    smsLogFile: path.resolve(env.SMS_LOG_FILE ?? path.join(dataDir, 'sms.log')),
    handoffKey: env.HANDOFF_KEY || undefined,
  };
}
