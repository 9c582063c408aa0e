import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Shortest HANDOFF_KEY accepted: HMAC-SHA256 wants at least 256 bits of secret. */
export const MIN_HANDOFF_KEY_LENGTH = 32;

/**
 * The key the registration system signs hand-off tokens with (HANDOFF_KEY). In production
 * it must be configured, else hand-off stays off (null); elsewhere one is generated once
 * into <dataDir>/handoff.key so scripts/sign-handoff-token.ts can sign for local use.
 */
export function handoffKeyFor(config: { handoffKey: string | undefined; production: boolean; dataDir: string }): string | null {
  if (config.handoffKey) {
    if (config.handoffKey.length < MIN_HANDOFF_KEY_LENGTH) throw new Error(`HANDOFF_KEY must be at least ${MIN_HANDOFF_KEY_LENGTH} characters.`);
    return config.handoffKey;
  }
  if (config.production) return null;
  const file = handoffKeyFile(config.dataDir);
  fs.mkdirSync(config.dataDir, { recursive: true });
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    try {
      fs.writeFileSync(file, crypto.randomBytes(32).toString('base64url'), { mode: 0o600, flag: 'wx' });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    return fs.readFileSync(file, 'utf8').trim();
  }
}

export const handoffKeyFile = (dataDir: string): string => path.join(dataDir, 'handoff.key');
