import crypto from 'node:crypto';
import type { Deps } from './deps.js';
import type { Account } from '../ports/repositories/accounts.js';
import { INITIAL_PASSWORD_MARKER, initialPasswordFromIdNumber, normaliseTypedInitialPassword } from '../domain/initial-password.js';

/**
 * Whether `password` opens the account. An imported candidate who has not yet changed the
 * first password has no hash but the marker of domain/initial-password.ts: the password is
 * then the last six characters of the registration's ID number (decrypted here). That check
 * also runs a dummy scrypt, so its timing does not tell which kind of account it was.
 */
export async function checkAccountPassword(
  deps: Pick<Deps, 'store' | 'cipher' | 'passwords'>,
  account: Pick<Account, 'passwordHash' | 'registrationId'>,
  password: string,
): Promise<boolean> {
  if (account.passwordHash !== INITIAL_PASSWORD_MARKER) return deps.passwords.verify(password, account.passwordHash);
  const sameCost = deps.passwords.dummyHash().then((h) => deps.passwords.verify(password, h));
  let ok = false;
  if (account.registrationId) {
    const idNumberCipher = await deps.store.accounts.initialPasswordCipher(account.registrationId);
    if (idNumberCipher) {
      const expected = Buffer.from(initialPasswordFromIdNumber(deps.cipher.decrypt(idNumberCipher)));
      const typed = Buffer.from(normaliseTypedInitialPassword(password));
      ok = expected.length === 6 && typed.length === expected.length && crypto.timingSafeEqual(typed, expected);
    }
  }
  await sameCost;
  return ok;
}
