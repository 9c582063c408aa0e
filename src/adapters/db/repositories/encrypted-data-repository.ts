import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import type { EncryptedDataRepository } from '../../../ports/repositories/encrypted-data.js';

export function createEncryptedDataRepository(db: Kysely<DB>): EncryptedDataRepository {
  return {
    async registrationSecretsAfter(afterId, limit) {
      const rows = await db
        .selectFrom('registrations')
        .select(['id', 'id_number_cipher', 'id_number_hash', 'phone_cipher'])
        .where('id', '>', afterId)
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map((r) => ({ id: r.id, idNumberCipher: r.id_number_cipher, idNumberHash: r.id_number_hash, phoneCipher: r.phone_cipher }));
    },
    async replaceRegistrationSecrets(id, s) {
      await db
        .updateTable('registrations')
        .set({ id_number_cipher: s.idNumberCipher, phone_cipher: s.phoneCipher, id_number_hash: s.idNumberHash })
        .where('id', '=', id)
        .execute();
    },
    async importReportSecretsAfter(afterId, limit) {
      const rows = await db.selectFrom('import_reports').select(['id', 'report_cipher']).where('id', '>', afterId).orderBy('id').limit(limit).execute();
      return rows.map((r) => ({ id: r.id, reportCipher: r.report_cipher }));
    },
    async replaceImportReportSecret(id, reportCipher) {
      await db.updateTable('import_reports').set({ report_cipher: reportCipher }).where('id', '=', id).execute();
    },
  };
}
