/**
 * Encryption of personal data at rest (ID and phone numbers) and the keyed hash used to find a
 * registration by ID number without decrypting every row.
 */
export interface PersonalDataCipher {
  encrypt(plain: string): string;
  /** Throws when the value was not encrypted with this key. */
  decrypt(token: string): string;
  searchHash(normalised: string): string;
}
