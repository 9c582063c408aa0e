import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import type { MaterialCategory, RequirementRule } from '../../../domain/catalog.js';

/**
 * The catalog and requirement rules as the upload path reads them: kept for a few seconds per
 * database, so a burst of uploads does not read two tables per request. Writes through the
 * catalog repository call catalogChanged() (this process sees them at once); other processes see
 * a change within TTL_MS, which only matters for an upload in those seconds, and the database's
 * live-slot index still holds every category's maximum.
 */
const TTL_MS = 5_000;

interface Entry<T> {
  at: number;
  value: Promise<T>;
}

const caches = new WeakMap<Kysely<DB>, { catalog?: Entry<MaterialCategory[]>; rules: Map<string, Entry<RequirementRule[]>> }>();

function cacheOf(db: Kysely<DB>) {
  let c = caches.get(db);
  if (!c) caches.set(db, (c = { rules: new Map() }));
  return c;
}

function fresh<T>(entry: Entry<T> | undefined, load: () => Promise<T>): Entry<T> {
  if (entry && Date.now() - entry.at < TTL_MS) return entry;
  const value = load();
  const next = { at: Date.now(), value };
  // A failed read is not kept.
  value.catch(() => (next.at = 0));
  return next;
}

/** `load` reads the table when the cached answer is missing or old (catalog-repository.ts). */
export function cachedCatalog(db: Kysely<DB>, load: () => Promise<MaterialCategory[]>): Promise<MaterialCategory[]> {
  const c = cacheOf(db);
  c.catalog = fresh(c.catalog, load);
  return c.catalog.value;
}

/** The national, region and (with siteCode) that 考点's rules. */
export function cachedRules(db: Kysely<DB>, regionCode: string, siteCode: string | undefined, load: () => Promise<RequirementRule[]>): Promise<RequirementRule[]> {
  const c = cacheOf(db);
  const key = `${regionCode}|${siteCode ?? ''}`;
  const entry = fresh(c.rules.get(key), load);
  c.rules.set(key, entry);
  return entry.value;
}

/** Forget what was read: call after any write to material_categories or requirement_rules. */
export function catalogChanged(db: Kysely<DB>): void {
  caches.delete(db);
}
