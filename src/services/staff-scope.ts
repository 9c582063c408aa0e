import type { ExpressionBuilder, Expression, SqlBool } from 'kysely';
import type { DB } from '../adapters/db/schema.js';
import type { Actor } from './deps.js';

/**
 * The staff member's scope as a WHERE condition on registrations aliased `r`:
 * a site reviewer sees one site, a region reviewer or regional admin one region,
 * a national admin everything. Every staff query and UPDATE includes it.
 */
export function inScope(actor: Actor) {
  return (eb: ExpressionBuilder<DB & { r: DB['registrations'] }, 'r'>): Expression<SqlBool> => {
    if (actor.role === 'site_reviewer') return eb('r.site_code', '=', actor.siteCode ?? '\u0000');
    if (actor.role === 'region_reviewer') return eb('r.region_code', '=', actor.regionCode ?? '\u0000');
    if (actor.role === 'admin') return actor.regionCode ? eb('r.region_code', '=', actor.regionCode) : eb.lit(true);
    return eb.lit(false);
  };
}

/** The same scope for an UPDATE of registrations (no alias). */
export function scopeColumns(actor: Actor): { site_code?: string; region_code?: string } | null {
  if (actor.role === 'site_reviewer') return { site_code: actor.siteCode ?? '\u0000' };
  if (actor.role === 'region_reviewer') return { region_code: actor.regionCode ?? '\u0000' };
  if (actor.role === 'admin') return actor.regionCode ? { region_code: actor.regionCode } : {};
  return null;
}
