import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';

describe('DATA_KEY in production', () => {
  it('refuses a key shorter than 32 characters with a message that says what to set', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', DATA_KEY: 'x' })).toThrow(/DATA_KEY is too short \(1 characters\).*32 or more/);
    expect(() => loadConfig({ NODE_ENV: 'production', DATA_KEY: 'a'.repeat(31) })).toThrow(/DATA_KEY is too short/);
  });

  it('accepts 32 characters, and any key outside production', () => {
    expect(loadConfig({ NODE_ENV: 'production', DATA_KEY: 'k'.repeat(32) }).dataKey).toBe('k'.repeat(32));
    expect(loadConfig({ DATA_KEY: 'x' }).dataKey).toBe('x');
  });
});

describe('session lifetime', () => {
  it('ends sessions 12 hours after sign-in unless SESSION_MAX_HOURS says otherwise', () => {
    expect(loadConfig({}).sessionMaxHours).toBe(12);
    expect(loadConfig({ SESSION_MAX_HOURS: '8' }).sessionMaxHours).toBe(8);
  });
});
