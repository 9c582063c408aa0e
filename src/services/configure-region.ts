import type { Actor, Deps } from './deps.js';
import { AppError } from '../domain/errors.js';
import { isWithin, REGION_CODE_PATTERN, SITE_CODE_PATTERN, siteBelongsTo, windowProblem, type RegionWindows } from '../domain/region-settings.js';
import type { Region, RegionSettings } from '../ports/repositories/regions.js';
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

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function settingsView(r: Region, now: Date) {
  return {
    code: r.code,
    name: r.name,
    uploadEnabled: r.uploadEnabled,
    uploadOpensAt: iso(r.uploadOpensAt),
    uploadClosesAt: iso(r.uploadClosesAt),
    reviewOpensAt: iso(r.reviewOpensAt),
    reviewClosesAt: iso(r.reviewClosesAt),
    /** What candidates see now: switched on and inside the window. */
    uploadOpenNow: r.uploadEnabled && isWithin(r.uploadOpensAt, r.uploadClosesAt, now),
    reviewOpenNow: isWithin(r.reviewOpensAt, r.reviewClosesAt, now),
  };
}

export async function listRegions(deps: Deps, actor: Actor) {
  const scope = adminRegion(actor);
  const regions = await deps.store.regions.list(scope);
  const sites = await deps.store.regions.sites(scope);
  const bySite = await deps.store.regions.candidatesPerSite(scope);
  const now = deps.clock.now();
  return {
    items: regions.map((r) => {
      const own = sites.filter((s) => s.regionCode === r.code);
      return {
        ...settingsView(r, now),
        candidateCount: own.reduce((n, s) => n + (bySite.get(s.code) ?? 0), 0),
        sites: own.map((s) => ({ code: s.code, name: s.name, candidateCount: bySite.get(s.code) ?? 0 })),
      };
    }),
    canCreateRegion: isNationalAdmin(actor),
  };
}

function regionInScope(deps: Deps, actor: Actor, regionCode: string): Promise<Region | undefined> {
  return deps.store.regions.find(regionCode, adminRegion(actor));
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
  const result = await deps.store.transaction(async (tx) => {
    const before = await tx.regions.find(regionCode, scope);
    if (!before) return null;
    const pick = (v: Date | null | undefined, current: Date | null) => (v === undefined ? current : v);
    const merged: RegionWindows = {
      uploadOpensAt: pick(times.uploadOpensAt, before.uploadOpensAt),
      uploadClosesAt: pick(times.uploadClosesAt, before.uploadClosesAt),
      reviewOpensAt: pick(times.reviewOpensAt, before.reviewOpensAt),
      reviewClosesAt: pick(times.reviewClosesAt, before.reviewClosesAt),
    };
    const problem = windowProblem(merged);
    if (problem) throw new AppError('VALIDATION_FAILED', { reason: problem });
    const settings: RegionSettings = { uploadEnabled: input.uploadEnabled ?? before.uploadEnabled, ...merged };
    if (!(await tx.regions.updateSettings(regionCode, settings, scope))) return null;
    const after: Region = { ...before, ...settings };
    await auditAdmin(tx, deps, actor, 'admin.region_settings_changed', {
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
  await deps.store.transaction(async (tx) => {
    if (await tx.regions.exists(code)) throw new AppError('CODE_TAKEN', { code });
    await tx.regions.insert({ code, name, uploadEnabled: false, uploadOpensAt: null, uploadClosesAt: null, reviewOpensAt: null, reviewClosesAt: null });
    await auditAdmin(tx, deps, actor, 'admin.region_created', { regionCode: code, name });
  });
  return getRegionSettings(deps, actor, code);
}

export async function renameRegion(deps: Deps, actor: Actor, regionCode: string, input: { name: string }) {
  const scope = adminRegion(actor);
  const name = input.name.trim();
  const np = nameProblem(name);
  if (np) throw new AppError('VALIDATION_FAILED', { reason: np });
  const done = await deps.store.transaction(async (tx) => {
    if (!(await tx.regions.rename(regionCode, name, scope))) return false;
    await auditAdmin(tx, deps, actor, 'admin.region_renamed', { regionCode, name });
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
  await deps.store.transaction(async (tx) => {
    if (await tx.regions.findSite(code)) throw new AppError('CODE_TAKEN', { code });
    await tx.regions.insertSites([{ code, regionCode, name }]);
    await auditAdmin(tx, deps, actor, 'admin.site_created', { regionCode, siteCode: code, name });
  });
  return { code, name, regionCode, candidateCount: 0 };
}

export async function renameSite(deps: Deps, actor: Actor, siteCode: string, input: { name: string }) {
  const scope = adminRegion(actor);
  const name = input.name.trim();
  const np = nameProblem(name);
  if (np) throw new AppError('VALIDATION_FAILED', { reason: np });
  const site = await deps.store.transaction(async (tx) => {
    if (!(await tx.regions.renameSite(siteCode, name, scope))) return null;
    await auditAdmin(tx, deps, actor, 'admin.site_renamed', { siteCode, name });
    return tx.regions.findSite(siteCode);
  });
  if (!site) return outOfScope(deps, actor, { siteCode, what: 'rename_site' });
  return { code: site.code, name: site.name, regionCode: site.regionCode };
}
