import type { Actor, Deps } from './deps.js';
import { AppError } from '../domain/errors.js';
import { isWithin, REGION_CODE_PATTERN, SITE_CODE_PATTERN, siteBelongsTo, windowProblem, type RegionWindows } from '../domain/region-settings.js';
import { fromBool, fromDbTimeOrNull, toBool, toDbTime, toInt } from '../adapters/db/time.js';
import type { RegionTable } from '../adapters/db/schema.js';
import { adminRegion, auditAdmin, isNationalAdmin, outOfScope } from './admin-scope.js';

/**
 * 考区配置: regions and their sites, the material-upload switch and the upload and review
 * windows. A regional administrator sees and changes only its own region; the scope is in
 * the WHERE of every query and UPDATE.
 */
export interface RegionSettingsInput {
  uploadEnabled?: boolean | undefined;
  uploadOpensAt?: string | null | undefined;
  uploadClosesAt?: string | null | undefined;
  reviewOpensAt?: string | null | undefined;
  reviewClosesAt?: string | null | undefined;
}

const iso = (v: string | null) => fromDbTimeOrNull(v)?.toISOString() ?? null;

export function settingsView(r: RegionTable, now: Date) {
  const uploadOpensAt = fromDbTimeOrNull(r.upload_opens_at);
  const uploadClosesAt = fromDbTimeOrNull(r.upload_closes_at);
  return {
    code: r.code,
    name: r.name,
    uploadEnabled: toBool(r.upload_enabled),
    uploadOpensAt: iso(r.upload_opens_at),
    uploadClosesAt: iso(r.upload_closes_at),
    reviewOpensAt: iso(r.review_opens_at),
    reviewClosesAt: iso(r.review_closes_at),
    /** What candidates see now: switched on and inside the window. */
    uploadOpenNow: toBool(r.upload_enabled) && isWithin(uploadOpensAt, uploadClosesAt, now),
    reviewOpenNow: isWithin(fromDbTimeOrNull(r.review_opens_at), fromDbTimeOrNull(r.review_closes_at), now),
  };
}

export async function listRegions(deps: Deps, actor: Actor) {
  const scope = adminRegion(actor);
  const regions = await deps.db
    .selectFrom('regions')
    .selectAll()
    .$if(scope !== null, (q) => q.where('code', '=', scope!))
    .orderBy('code')
    .execute();
  const sites = await deps.db
    .selectFrom('sites')
    .selectAll()
    .$if(scope !== null, (q) => q.where('region_code', '=', scope!))
    .orderBy('code')
    .execute();
  const counts = await deps.db
    .selectFrom('registrations')
    .select(['site_code', (eb) => eb.fn.countAll<number>().as('n')])
    .$if(scope !== null, (q) => q.where('region_code', '=', scope!))
    .groupBy('site_code')
    .execute();
  const bySite = new Map(counts.map((c) => [c.site_code, toInt(c.n)]));
  const now = deps.clock.now();
  return {
    items: regions.map((r) => {
      const own = sites.filter((s) => s.region_code === r.code);
      return {
        ...settingsView(r, now),
        candidateCount: own.reduce((n, s) => n + (bySite.get(s.code) ?? 0), 0),
        sites: own.map((s) => ({ code: s.code, name: s.name, candidateCount: bySite.get(s.code) ?? 0 })),
      };
    }),
    canCreateRegion: isNationalAdmin(actor),
  };
}

async function regionInScope(deps: Deps, actor: Actor, regionCode: string): Promise<RegionTable | undefined> {
  const scope = adminRegion(actor);
  return deps.db
    .selectFrom('regions')
    .selectAll()
    .where('code', '=', regionCode)
    .$if(scope !== null, (q) => q.where('code', '=', scope!))
    .executeTakeFirst();
}

function parseTime(label: string, v: string | null | undefined): Date | null | undefined {
  if (v === undefined || v === null) return v;
  const d = new Date(v);
  if (Number.isNaN(d.getTime())) throw new AppError('VALIDATION_FAILED', { reason: `${label}不是有效的日期时间，请重新选择` });
  return d;
}

/** PUT /admin/regions/{code}/settings: only the fields sent change; null clears a time. */
export async function updateRegionSettings(deps: Deps, actor: Actor, regionCode: string, input: RegionSettingsInput) {
  const scope = adminRegion(actor);
  const times = {
    uploadOpensAt: parseTime('上传开放时间', input.uploadOpensAt),
    uploadClosesAt: parseTime('上传截止时间', input.uploadClosesAt),
    reviewOpensAt: parseTime('审核开始时间', input.reviewOpensAt),
    reviewClosesAt: parseTime('审核截止时间', input.reviewClosesAt),
  };
  const now = deps.clock.now();
  const result = await deps.db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('regions')
      .selectAll()
      .where('code', '=', regionCode)
      .$if(scope !== null, (q) => q.where('code', '=', scope!))
      .executeTakeFirst();
    if (!before) return null;
    const pick = (v: Date | null | undefined, current: string | null) => (v === undefined ? fromDbTimeOrNull(current) : v);
    const merged: RegionWindows = {
      uploadOpensAt: pick(times.uploadOpensAt, before.upload_opens_at),
      uploadClosesAt: pick(times.uploadClosesAt, before.upload_closes_at),
      reviewOpensAt: pick(times.reviewOpensAt, before.review_opens_at),
      reviewClosesAt: pick(times.reviewClosesAt, before.review_closes_at),
    };
    const problem = windowProblem(merged);
    if (problem) throw new AppError('VALIDATION_FAILED', { reason: problem });
    const dbTime = (d: Date | null) => (d ? toDbTime(d) : null);
    const set = {
      upload_enabled: input.uploadEnabled === undefined ? before.upload_enabled : fromBool(input.uploadEnabled),
      upload_opens_at: dbTime(merged.uploadOpensAt),
      upload_closes_at: dbTime(merged.uploadClosesAt),
      review_opens_at: dbTime(merged.reviewOpensAt),
      review_closes_at: dbTime(merged.reviewClosesAt),
    };
    const res = await trx
      .updateTable('regions')
      .set(set)
      .where('code', '=', regionCode)
      .$if(scope !== null, (q) => q.where('code', '=', scope!))
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) return null;
    const after: RegionTable = { ...before, ...set };
    await auditAdmin(trx, deps, actor, 'admin.region_settings_changed', {
      regionCode,
      before: settingsView(before, now),
      after: settingsView(after, now),
    });
    return after;
  });
  if (!result) return outOfScope(deps, actor, { regionCode, what: 'region_settings' });
  return settingsView(result, now);
}

export async function getRegionSettings(deps: Deps, actor: Actor, regionCode: string) {
  const r = await regionInScope(deps, actor, regionCode);
  if (!r) return outOfScope(deps, actor, { regionCode, what: 'region_settings' });
  return settingsView(r, deps.clock.now());
}

const nameProblem = (name: string) => (name.length < 1 || name.length > 50 ? '名称须为 1–50 个字' : null);

/** A new 考区 (national administrators). */
export async function createRegion(deps: Deps, actor: Actor, input: { code: string; name: string }) {
  if (!isNationalAdmin(actor)) return outOfScope(deps, actor, { regionCode: input.code, what: 'create_region' });
  const code = input.code.trim();
  const name = input.name.trim();
  if (!REGION_CODE_PATTERN.test(code)) throw new AppError('VALIDATION_FAILED', { reason: '考区代码须为 2 位数字（如 11 北京）' });
  const np = nameProblem(name);
  if (np) throw new AppError('VALIDATION_FAILED', { reason: np });
  await deps.db.transaction().execute(async (trx) => {
    const taken = await trx.selectFrom('regions').select('code').where('code', '=', code).executeTakeFirst();
    if (taken) throw new AppError('CODE_TAKEN', { code });
    await trx
      .insertInto('regions')
      .values({ code, name, upload_enabled: 0, upload_opens_at: null, upload_closes_at: null, review_opens_at: null, review_closes_at: null })
      .execute();
    await auditAdmin(trx, deps, actor, 'admin.region_created', { regionCode: code, name });
  });
  return getRegionSettings(deps, actor, code);
}

export async function renameRegion(deps: Deps, actor: Actor, regionCode: string, input: { name: string }) {
  const scope = adminRegion(actor);
  const name = input.name.trim();
  const np = nameProblem(name);
  if (np) throw new AppError('VALIDATION_FAILED', { reason: np });
  const done = await deps.db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable('regions')
      .set({ name })
      .where('code', '=', regionCode)
      .$if(scope !== null, (q) => q.where('code', '=', scope!))
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) return false;
    await auditAdmin(trx, deps, actor, 'admin.region_renamed', { regionCode, name });
    return true;
  });
  if (!done) return outOfScope(deps, actor, { regionCode, what: 'rename_region' });
  return getRegionSettings(deps, actor, regionCode);
}

/** A new 考点 in a region of the caller's scope. */
export async function createSite(deps: Deps, actor: Actor, regionCode: string, input: { code: string; name: string }) {
  const region = await regionInScope(deps, actor, regionCode);
  if (!region) return outOfScope(deps, actor, { regionCode, siteCode: input.code, what: 'create_site' });
  const code = input.code.trim();
  const name = input.name.trim();
  if (!SITE_CODE_PATTERN.test(code) || !siteBelongsTo(code, regionCode)) {
    throw new AppError('VALIDATION_FAILED', { reason: `考点代码须为 4 位数字，且以考区代码 ${regionCode} 开头（如 ${regionCode}01）` });
  }
  const np = nameProblem(name);
  if (np) throw new AppError('VALIDATION_FAILED', { reason: np });
  await deps.db.transaction().execute(async (trx) => {
    const taken = await trx.selectFrom('sites').select('code').where('code', '=', code).executeTakeFirst();
    if (taken) throw new AppError('CODE_TAKEN', { code });
    await trx.insertInto('sites').values({ code, region_code: regionCode, name }).execute();
    await auditAdmin(trx, deps, actor, 'admin.site_created', { regionCode, siteCode: code, name });
  });
  return { code, name, regionCode, candidateCount: 0 };
}

export async function renameSite(deps: Deps, actor: Actor, siteCode: string, input: { name: string }) {
  const scope = adminRegion(actor);
  const name = input.name.trim();
  const np = nameProblem(name);
  if (np) throw new AppError('VALIDATION_FAILED', { reason: np });
  const site = await deps.db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable('sites')
      .set({ name })
      .where('code', '=', siteCode)
      .$if(scope !== null, (q) => q.where('region_code', '=', scope!))
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) return null;
    await auditAdmin(trx, deps, actor, 'admin.site_renamed', { siteCode, name });
    return trx.selectFrom('sites').selectAll().where('code', '=', siteCode).executeTakeFirstOrThrow();
  });
  if (!site) return outOfScope(deps, actor, { siteCode, what: 'rename_site' });
  return { code: site.code, name: site.name, regionCode: site.region_code };
}
