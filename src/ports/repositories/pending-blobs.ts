/** A blob written before its image row commits: the orphan sweep removes it if the row never comes. */
export interface PendingBlob {
  key: string;
  createdAt: Date;
}

export interface PendingBlobsRepository {
  add(keys: readonly string[], at: Date): Promise<void>;
  /** Deletes the records of `keys`; how many were still there (the upload commits only if all). */
  claim(keys: readonly string[]): Promise<number>;
  /** Claims one record if it is still older than `cutoff`; false when another node (or the upload) took it. */
  claimStale(key: string, cutoff: Date): Promise<boolean>;
  olderThan(cutoff: Date, limit: number): Promise<PendingBlob[]>;
  /** Puts a claimed record back (its blob could not be deleted now). */
  restore(record: PendingBlob): Promise<void>;
  /** Those of `keys` that have a record. */
  pendingAmong(keys: readonly string[]): Promise<Set<string>>;
}
