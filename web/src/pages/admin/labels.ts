/** Labels and formats of the administration console; the words are in admin-messages.ts. */
import { formatChinaMinute } from '../../../../src/domain/china-time.js';
import { formatDateTime } from '../../lib/format';
import type { AdminKey } from './admin-messages';
import type { AccountRole, RequirementKind } from './types';
import type { AdminT } from './useAdminText';

export const REQUIREMENT_LABELS: Record<RequirementKind, AdminKey> = { required: 'requirement.required', optional: 'requirement.optional', hidden: 'requirement.hidden' };
export const REQUIREMENT_COLORS: Record<RequirementKind, string> = { required: 'red', optional: 'blue', hidden: 'default' };
export const ROLE_LABELS: Record<AccountRole, AdminKey> = { candidate: 'role.candidate', site_reviewer: 'role.site_reviewer', region_reviewer: 'role.region_reviewer', admin: 'role.admin' };

/** An ISO time as China time (the exam's clock), "2026-03-05 14:23" as everywhere (lib/format), or a dash. */
export function chinaTime(iso: string | null | undefined): string {
  return iso ? formatDateTime(iso) : '—';
}

export function windowText(t: AdminT, opensAt: string | null, closesAt: string | null): string {
  if (!opensAt && !closesAt) return t('window.any');
  if (!opensAt) return t('window.until', { to: chinaTime(closesAt) });
  if (!closesAt) return t('window.from', { from: chinaTime(opensAt) });
  return t('window.range', { from: chinaTime(opensAt), to: chinaTime(closesAt) });
}

// The pickers show Beijing wall-clock time whatever the browser's time zone.
/** "YYYY-MM-DDTHH:mm" in Beijing time, for a date picker. */
export const beijingWallClock = (iso: string): string => formatChinaMinute(new Date(iso)).replace(' ', 'T');
/** A Beijing wall-clock "YYYY-MM-DDTHH:mm" as an ISO instant. */
export const fromBeijingWallClock = (wall: string): string => new Date(`${wall}:00+08:00`).toISOString();
