import type { MaterialCategory, RequirementRule } from '../../domain/catalog.js';

/**
 * The material catalog and the requirement rules. `cached` reads through a per-process cache of
 * a few seconds (the upload path); without it, the tables (inside the caller's transaction).
 */
export interface CatalogRepository {
  categories(opts?: { cached?: boolean }): Promise<MaterialCategory[]>;
  /** The national and region rules, and with `siteCode` that 考点's. */
  rulesFor(regionCode: string, siteCode?: string, opts?: { cached?: boolean }): Promise<RequirementRule[]>;
  /** The national and region rules with those of every 考点 of the region (batch work). */
  rulesOfRegion(regionCode: string): Promise<RequirementRule[]>;
}
