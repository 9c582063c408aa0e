import type { Store } from '../ports/store.js';
import type { PersonalDataCipher } from '../ports/personal-data-cipher.js';
import { normaliseIdNumber } from '../domain/id-number.js';

export interface RotationCount {
  /** Rows whose personal data was re-encrypted (and search hash recomputed) now. */
  rotated: number;
  /** Rows already on the new key (an earlier, possibly interrupted, run did them). */
  alreadyNew: number;
  /** Ids of rows that neither key opens: left as they are. */
  unreadable: string[];
}

export interface RotationResult {
  registrations: RotationCount;
  importReports: RotationCount;
}

type Outcome = { value: string; changed: boolean } | null;

/** One ciphertext under the new key: untouched when the new key already opens it; null when no key does. */
function reencrypt(value: string, from: PersonalDataCipher, to: PersonalDataCipher): Outcome {
  try {
    to.decrypt(value);
    return { value, changed: false };
  } catch {
    // not (yet) under the new key
  }
  try {
    return { value: to.encrypt(from.decrypt(value)), changed: true };
  } catch {
    return null;
  }
}

const newCount = (): RotationCount => ({ rotated: 0, alreadyNew: 0, unreadable: [] });

/**
 * Moves every piece of personal data from one DATA_KEY to another: ID and phone numbers
 * (AES-GCM) with the ID search hash (HMAC) of each registration, and the encrypted import
 * error reports. Works in batches, one transaction each, so it can be stopped and run
 * again: rows the new key already opens are left as they are (their hash is checked).
 * Run it while no server uses the database (the servers would not read rotated rows).
 */
export async function rotateDataKey(
  store: Pick<Store, 'encryptedData' | 'transaction'>,
  from: PersonalDataCipher,
  to: PersonalDataCipher,
  opts: { batchSize?: number; onProgress?: (done: number) => void } = {},
): Promise<RotationResult> {
  const batchSize = opts.batchSize ?? 500;
  const result: RotationResult = { registrations: newCount(), importReports: newCount() };

  let after = '';
  let done = 0;
  for (;;) {
    const rows = await store.encryptedData.registrationSecretsAfter(after, batchSize);
    if (rows.length === 0) break;
    await store.transaction(async (tx) => {
      for (const r of rows) {
        const id = reencrypt(r.idNumberCipher, from, to);
        const phone = reencrypt(r.phoneCipher, from, to);
        if (!id || !phone) {
          result.registrations.unreadable.push(r.id);
          continue;
        }
        const hash = to.searchHash(normaliseIdNumber(to.decrypt(id.value)));
        if (!id.changed && !phone.changed && hash === r.idNumberHash) {
          result.registrations.alreadyNew++;
          continue;
        }
        await tx.encryptedData.replaceRegistrationSecrets(r.id, { idNumberCipher: id.value, phoneCipher: phone.value, idNumberHash: hash });
        result.registrations.rotated++;
      }
    });
    after = rows.at(-1)!.id;
    done += rows.length;
    opts.onProgress?.(done);
  }

  after = '';
  for (;;) {
    const rows = await store.encryptedData.importReportSecretsAfter(after, batchSize);
    if (rows.length === 0) break;
    await store.transaction(async (tx) => {
      for (const r of rows) {
        const report = reencrypt(r.reportCipher, from, to);
        if (!report) result.importReports.unreadable.push(r.id);
        else if (!report.changed) result.importReports.alreadyNew++;
        else {
          await tx.encryptedData.replaceImportReportSecret(r.id, report.value);
          result.importReports.rotated++;
        }
      }
    });
    after = rows.at(-1)!.id;
  }
  return result;
}
