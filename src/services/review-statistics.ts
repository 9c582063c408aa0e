import type { Actor, Deps } from './deps.js';
import { fromDbTime } from '../adapters/db/time.js';
import { REGISTRATION_STATUSES } from '../domain/registration-status.js';
import { inScope } from './staff-scope.js';

/** Counts by status per site in the caller's scope, and how long the oldest has waited. */
export async function reviewStatistics(deps: Deps, actor: Actor) {
  const now = deps.clock.now();
  const [byStatus, waiting, sites] = await Promise.all([
    deps.db
      .selectFrom('registrations as r')
      .select(['r.site_code', 'r.status', (eb) => eb.fn.countAll<number>().as('n')])
      .where(inScope(actor))
      .groupBy(['r.site_code', 'r.status'])
      .execute(),
    deps.db
      .selectFrom('registrations as r')
      .select(['r.site_code', 'r.review_queue', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.min('r.waiting_since').as('oldest')])
      .where(inScope(actor))
      .where('r.review_queue', 'is not', null)
      .groupBy(['r.site_code', 'r.review_queue'])
      .execute(),
    deps.db
      .selectFrom('sites as s')
      .innerJoin('regions as g', 'g.code', 's.region_code')
      .select(['s.code', 's.name', 'g.code as region_code', 'g.name as region_name'])
      .where((eb) => {
        if (actor.role === 'site_reviewer') return eb('s.code', '=', actor.siteCode ?? '');
        if (actor.regionCode) return eb('s.region_code', '=', actor.regionCode);
        return eb.lit(true);
      })
      .orderBy('s.code')
      .execute(),
  ]);
  const empty = () => Object.fromEntries(REGISTRATION_STATUSES.map((s) => [s, 0])) as Record<string, number>;
  const rows = sites.map((s) => {
    const counts = empty();
    for (const r of byStatus) if (r.site_code === s.code) counts[r.status] = Number(r.n);
    const w = waiting.filter((x) => x.site_code === s.code);
    const pendingSite = w.find((x) => x.review_queue === 'site');
    const pendingRegion = w.find((x) => x.review_queue === 'region');
    const oldest = w.map((x) => (x.oldest ? fromDbTime(x.oldest) : null)).filter((d): d is Date => d !== null).sort((a, b) => a.getTime() - b.getTime())[0];
    return {
      site: { code: s.code, name: s.name },
      region: { code: s.region_code, name: s.region_name },
      counts,
      total: Object.values(counts).reduce((a, b) => a + b, 0),
      pendingSite: Number(pendingSite?.n ?? 0),
      pendingRegion: Number(pendingRegion?.n ?? 0),
      oldestWaitingSince: oldest?.toISOString() ?? null,
      oldestWaitingMinutes: oldest ? Math.floor((now.getTime() - oldest.getTime()) / 60_000) : null,
    };
  });
  const totals = empty();
  for (const r of rows) for (const s of REGISTRATION_STATUSES) totals[s]! += r.counts[s]!;
  return { sites: rows, totals, generatedAt: now.toISOString() };
}
