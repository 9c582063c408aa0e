/**
 * The one place where times and 64-bit integers cross the database boundary.
 * Times are stored as ISO-8601 UTC text on SQLite and timestamptz on PostgreSQL;
 * both are read back as ISO strings (see the pg type parsers in database.ts).
 */
export const toDbTime = (d: Date): string => d.toISOString();

export const fromDbTime = (v: unknown): Date => {
  if (v instanceof Date) return v;
  return new Date(String(v));
};

export const fromDbTimeOrNull = (v: unknown): Date | null => (v == null ? null : fromDbTime(v));

/** COUNT(*) and bigint columns come back as string (pg) or number/bigint (sqlite). */
export const toInt = (v: unknown): number => (typeof v === 'bigint' ? Number(v) : Number(v ?? 0));

export const toBool = (v: unknown): boolean => v === true || v === 1 || v === '1';
export const fromBool = (b: boolean): number => (b ? 1 : 0);
