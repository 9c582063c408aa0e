/** Words and formats of the administration console (zh-CN, the administrators' language). */
import { formatChinaMinute } from '../../../../src/domain/china-time.js';
import type { AccountRole, RequirementKind } from './types';

export const REQUIREMENT_LABELS: Record<RequirementKind, string> = { required: '必传', optional: '按需上传', hidden: '不显示' };
export const REQUIREMENT_COLORS: Record<RequirementKind, string> = { required: 'red', optional: 'blue', hidden: 'default' };
export const ROLE_LABELS: Record<AccountRole, string> = { candidate: '考生', site_reviewer: '考点审核员', region_reviewer: '考区审核员', admin: '管理员' };

/** An ISO time as China time (the exam's clock), "2026/03/05 14:23", or a dash. */
export function chinaTime(iso: string | null | undefined): string {
  return iso ? formatChinaMinute(new Date(iso), '/') : '—';
}

export function windowText(opensAt: string | null, closesAt: string | null): string {
  if (!opensAt && !closesAt) return '不限时间';
  if (!opensAt) return `至 ${chinaTime(closesAt)}`;
  if (!closesAt) return `${chinaTime(opensAt)} 起`;
  return `${chinaTime(opensAt)} 至 ${chinaTime(closesAt)}`;
}

// The pickers show Beijing wall-clock time whatever the browser's time zone.
/** "YYYY-MM-DDTHH:mm" in Beijing time, for a date picker. */
export const beijingWallClock = (iso: string): string => formatChinaMinute(new Date(iso)).replace(' ', 'T');
/** A Beijing wall-clock "YYYY-MM-DDTHH:mm" as an ISO instant. */
export const fromBeijingWallClock = (wall: string): string => new Date(`${wall}:00+08:00`).toISOString();
