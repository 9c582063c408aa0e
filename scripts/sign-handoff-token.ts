/**
 * Sample signer for the hand-off link from the registration system (docs/HANDOFF.md).
 *
 *   npx tsx scripts/sign-handoff-token.ts <报名号> [--ttl 300] [--base http://localhost:3000]
 *
 * The key comes from HANDOFF_KEY, else from <DATA_DIR or ./data>/handoff.key (the key a
 * development server generates for itself). Prints the URL to open. Deliberately free of
 * project imports: it is the reference for integrators writing their own signer.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export function signHandoffToken(key: string, registrationNo: string, ttlSeconds = 300, now = Date.now()): string {
  const payload = {
    registrationNo,
    exp: Math.floor(now / 1000) + ttlSeconds, // seconds since 1970-01-01T00:00:00Z; at most 600 s ahead
    jti: crypto.randomBytes(16).toString('base64url'), // unique per link: a link works once
  };
  const body = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
  const sig = crypto.createHmac('sha256', Buffer.from(key, 'utf8')).update(body).digest('base64url');
  return `${body}.${sig}`;
}

export function handoffUrl(base: string, token: string): string {
  return `${base.replace(/\/+$/, '')}/sso?token=${encodeURIComponent(token)}`;
}

function main(argv: string[]) {
  const args = [...argv];
  const opt = (name: string) => {
    const i = args.indexOf(name);
    if (i === -1) return undefined;
    const v = args[i + 1];
    args.splice(i, 2);
    return v;
  };
  const ttl = Number(opt('--ttl') ?? 300);
  const base = opt('--base') ?? `http://localhost:${process.env.PORT ?? 3000}`;
  const registrationNo = args[0];
  if (!registrationNo || !Number.isInteger(ttl) || ttl < 1 || ttl > 600) {
    console.error('usage: npx tsx scripts/sign-handoff-token.ts <报名号> [--ttl 1..600] [--base http://localhost:3000]');
    process.exit(2);
  }
  const keyFile = path.join(path.resolve(process.env.DATA_DIR ?? './data'), 'handoff.key');
  const key = process.env.HANDOFF_KEY || (fs.existsSync(keyFile) ? fs.readFileSync(keyFile, 'utf8').trim() : '');
  if (!key) {
    console.error(`No key: set HANDOFF_KEY, or start the server once so it writes ${keyFile}.`);
    process.exit(2);
  }
  console.log(handoffUrl(base, signHandoffToken(key, registrationNo, ttl)));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main(process.argv.slice(2));
