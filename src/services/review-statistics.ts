import type { Actor, Deps } from './deps.js';
import { REGISTRATION_STATUSES } from '../domain/registration-status.js';
import { staffScopeOf } from '../domain/staff-scope.js';

/** Counts by status per site in the caller's scope, and how long the oldest has waited. */
export async function reviewStatistics(deps: Deps, actor: Actor) {
  const now = deps.clock.now();
  const { byStatus, waiting, sites } = await deps.store.reviewQueue.statistics(staffScopeOf(actor));
  const empty = () => Object.fromEntries(REGISTRATION_STATUSES.map((s) => [s, 0])) as Record<string, number>;
  const rows = sites.map((s) => {
    const counts = empty();
    for (const r of byStatus) if (r.siteCode === s.code) counts[r.status] = r.n;
    const w = waiting.filter((x) => x.siteCode === s.code);
    const pendingSite = w.find((x) => x.queue === 'site');
    const pendingRegion = w.find((x) => x.queue === 'region');
    const oldest = w.map((x) => x.oldest).filter((d): d is Date => d !== null).sort((a, b) => a.getTime() - b.getTime())[0];
    return {
      site: { code: s.code, name: s.name },
      region: s.region,
      counts,
      total: Object.values(counts).reduce((a, b) => a + b, 0),
      pendingSite: pendingSite?.n ?? 0,
      pendingRegion: pendingRegion?.n ?? 0,
      oldestWaitingSince: oldest?.toISOString() ?? null,
      oldestWaitingMinutes: oldest ? Math.floor((now.getTime() - oldest.getTime()) / 60_000) : null,
    };
  });
  const totals = empty();
  for (const r of rows) for (const s of REGISTRATION_STATUSES) totals[s]! += r.counts[s]!;
  return { sites: rows, totals, generatedAt: now.toISOString() };
}
