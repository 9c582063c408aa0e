import crypto from 'node:crypto';
import type { PersonalDataCipher } from '../../ports/personal-data-cipher.js';

/**
 * Encrypts ID and phone numbers at rest (AES-256-GCM) and derives a keyed hash
 * (HMAC-SHA256) so an ID number can be searched for without storing it in plain text.
 */
export class AesGcmPersonalDataCipher implements PersonalDataCipher {
  private readonly encKey: Buffer;
  private readonly macKey: Buffer;

  constructor(secret: string) {
    const master = crypto.createHash('sha256').update(secret).digest();
    this.encKey = Buffer.from(crypto.hkdfSync('sha256', master, Buffer.alloc(0), 'pii-encryption', 32));
    this.macKey = Buffer.from(crypto.hkdfSync('sha256', master, Buffer.alloc(0), 'pii-search-hash', 32));
  }

  encrypt(plain: string): string {
    const iv = crypto.randomBytes(12);
    const c = crypto.createCipheriv('aes-256-gcm', this.encKey, iv);
    const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
    return `v1.${iv.toString('base64')}.${c.getAuthTag().toString('base64')}.${body.toString('base64')}`;
  }

  decrypt(token: string): string {
    const [v, iv, tag, body] = token.split('.');
    if (v !== 'v1' || !iv || !tag || body === undefined) throw new Error('Unknown ciphertext format');
    const d = crypto.createDecipheriv('aes-256-gcm', this.encKey, Buffer.from(iv, 'base64'));
    d.setAuthTag(Buffer.from(tag, 'base64'));
    return Buffer.concat([d.update(Buffer.from(body, 'base64')), d.final()]).toString('utf8');
  }

  searchHash(normalised: string): string {
    return crypto.createHmac('sha256', this.macKey).update(normalised).digest('base64url');
  }
}
