/** One-way password storage. */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(password: string, stored: string): Promise<boolean>;
  /** A hash to verify against when the account does not exist, so timing does not reveal it. */
  dummyHash(): Promise<string>;
}
