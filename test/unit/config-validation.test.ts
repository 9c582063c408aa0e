import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

function refusal(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  }
  throw new Error('the configuration was accepted');
}

describe('configuration read as one validated schema', () => {
  it('names every wrong variable in one message, with what it must be and what it was', () => {
    const message = refusal({ PORT: 'abc', PG_POOL_MAX: '0', SECURE_COOKIES: 'yes', REQUEST_TIMEOUT_SECONDS: '-1' });
    expect(message).toContain('PORT must be a whole number from 0 to 65535 (got "abc")');
    expect(message).toContain('PG_POOL_MAX must be a whole number from 1 to 1000 (got "0")');
    expect(message).toContain('SECURE_COOKIES must be true or false (got "yes")');
    expect(message).toContain('REQUEST_TIMEOUT_SECONDS must be a number of seconds (got "-1")');
  });

  it('refuses URLs of the wrong kind instead of failing later at the first query', () => {
    expect(refusal({ DATABASE_URL: 'mysql://db/app' })).toContain('DATABASE_URL must be a postgres:// URL');
    expect(refusal({ REDIS_URL: '127.0.0.1:6379' })).toContain('REDIS_URL must be a redis:// or rediss:// URL');
    expect(refusal({ LOG: 'verbose' })).toContain('LOG must be one of on, off');
  });

  it('treats an empty variable as unset and applies the documented defaults', () => {
    const config = loadConfig({ PORT: '', PG_POOL_MAX: '', CLAIM_LEASE_SECONDS: '' });
    expect(config.port).toBe(3000);
    expect(config.pgPoolMax).toBe(10);
    expect(config.claimLeaseMs).toBe(15 * 60_000);
    expect(config.logRequests).toBe(true);
  });

  it('carries the settings that used to bypass it (pool size, request log, claim lease)', () => {
    const config = loadConfig({ PG_POOL_MAX: '5', LOG: 'off', CLAIM_LEASE_SECONDS: '30', UPLOAD_CONCURRENCY: '2' });
    expect(config.pgPoolMax).toBe(5);
    expect(config.logRequests).toBe(false);
    expect(config.claimLeaseMs).toBe(30_000);
    expect(config.uploadQueue).toBe(20);
  });
});
