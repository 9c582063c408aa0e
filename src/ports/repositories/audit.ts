/** One row of the append-only audit trail (who did what to which file, from where). */
export interface AuditEntry {
  at: Date;
  actorAccountId: string | null;
  actorRole: string | null;
  action: string;
  registrationId?: string | null;
  imageId?: string | null;
  details?: Record<string, unknown>;
  ip?: string | null | undefined;
}

/** Append-only: staff actions are recorded, never changed or removed. */
export interface AuditRepository {
  append(entry: AuditEntry): Promise<void>;
  /** Many rows in few statements (bulk imports, rule refreshes). */
  appendMany(entries: readonly AuditEntry[]): Promise<void>;
}
