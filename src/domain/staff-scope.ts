import type { Role } from './roles.js';

/**
 * The registrations a staff member may see and act on: a site reviewer one site, a region
 * reviewer or regional admin one region, a national admin everything, anyone else nothing.
 * Every staff query carries it (the repositories turn it into the WHERE).
 */
export type StaffScope =
  | { kind: 'site'; siteCode: string }
  | { kind: 'region'; regionCode: string }
  | { kind: 'all' }
  | { kind: 'none' };

export function staffScopeOf(who: { role: Role; regionCode: string | null; siteCode: string | null }): StaffScope {
  // A reviewer account without its site or region sees nothing, not everything.
  if (who.role === 'site_reviewer') return who.siteCode ? { kind: 'site', siteCode: who.siteCode } : { kind: 'none' };
  if (who.role === 'region_reviewer') return who.regionCode ? { kind: 'region', regionCode: who.regionCode } : { kind: 'none' };
  if (who.role === 'admin') return who.regionCode ? { kind: 'region', regionCode: who.regionCode } : { kind: 'all' };
  return { kind: 'none' };
}
