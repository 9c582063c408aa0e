/** The encrypted personal data of a registration: ID and phone number, and the ID search hash. */
export interface RegistrationSecrets {
  idNumberCipher: string;
  idNumberHash: string;
  phoneCipher: string;
}

/**
 * Every ciphertext under DATA_KEY, read in pages by id (after `afterId`, in id order) and
 * rewritten one row at a time: what a key rotation walks through.
 */
export interface EncryptedDataRepository {
  registrationSecretsAfter(afterId: string, limit: number): Promise<Array<{ id: string } & RegistrationSecrets>>;
  replaceRegistrationSecrets(id: string, secrets: RegistrationSecrets): Promise<void>;
  importReportSecretsAfter(afterId: string, limit: number): Promise<Array<{ id: string; reportCipher: string }>>;
  replaceImportReportSecret(id: string, reportCipher: string): Promise<void>;
}
