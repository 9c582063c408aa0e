/**
 * Staff accounts (reviewers and administrators): user names, and the scope each role
 * needs. Pure; used by the admin API and its form.
 */
import type { Role, StaffRole } from './roles.js';

export type { StaffRole };
export const STAFF_ROLES: readonly StaffRole[] = ['site_reviewer', 'region_reviewer', 'admin'];

export const ROLE_LABELS: Record<Role, string> = {
  candidate: '考生',
  site_reviewer: '考点审核员',
  region_reviewer: '考区审核员',
  admin: '管理员',
};

/**
 * The longest display name (姓名/名称) of an account: what the account form allows and what a
 * candidate's 姓名 may have on import, so a candidate's name always fits too.
 */
export const DISPLAY_NAME_MAX = 50;

/** A display name (already trimmed) of 1 to DISPLAY_NAME_MAX characters. */
export function displayNameProblem(displayName: string): string | null {
  if (displayName.length < 1 || displayName.length > DISPLAY_NAME_MAX) return `姓名/名称须为 1–${DISPLAY_NAME_MAX} 个字`;
  return null;
}

/**
 * 3–32 letters, digits, "_", "-" or ".", with at least one letter: a candidate's user name
 * is the 报名号, so a staff name never looks like one.
 */
export function usernameProblem(username: string): string | null {
  if (!/^[A-Za-z0-9_.-]{3,32}$/.test(username)) return '用户名须为 3–32 位字母、数字或 _ - .';
  if (!/[A-Za-z]/.test(username)) return '用户名须至少含一个字母（纯数字是考生报名号的格式）';
  return null;
}

/** The scope a role needs: a site reviewer a site, a region reviewer a region, an admin optionally a region. */
export function scopeProblem(role: StaffRole, regionCode: string | null, siteCode: string | null): string | null {
  if (role === 'site_reviewer' && !siteCode) return '考点审核员须指定考点';
  if (role === 'region_reviewer' && !regionCode) return '考区审核员须指定考区';
  if (role !== 'site_reviewer' && siteCode) return '只有考点审核员属于某个考点，请清空考点';
  return null;
}
