import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import type { CatalogRepository } from '../../../ports/repositories/catalog.js';
import { loadCatalog, loadRules } from './catalog-repository.js';
import { cachedCatalog, cachedRules } from './catalog-cache.js';

/**
 * The catalog repository over `db`; `cacheOf` is the handle the per-process cache is kept for
 * (the pool's, also inside a transaction: one cache for every request).
 */
export const createCatalogRepository = (db: Kysely<DB>, cacheOf: Kysely<DB> = db): CatalogRepository => ({
  categories: (opts = {}) => (opts.cached ? cachedCatalog(cacheOf) : loadCatalog(db)),
  rulesFor: (regionCode, siteCode, opts = {}) => (opts.cached ? cachedRules(cacheOf, regionCode, siteCode) : loadRules(db, regionCode, siteCode)),
  rulesOfRegion: (regionCode) => loadRules(db, regionCode, '*'),
});
