/**
 * The upload window as the candidate meets it (未开放 / 开放中 / 已截止 / 未开启), and what a
 * returned candidate may still do after the deadline: seed §四 has candidates follow the
 * review feedback "根据考点、考区要求的时间或通知", so until the region's review window
 * closes they may replace the images a reviewer flagged and add the categories a reviewer
 * asked for — and nothing else.
 */
import type { RegistrationStatus } from './registration-status.js';
import type { ImageState, UploadWindow } from './image-state.js';

/** off: the region switched upload off; not_open: before it opens; closed: after its end. */
export type UploadWindowState = 'open' | 'not_open' | 'closed' | 'off';

export function uploadWindowState(w: UploadWindow, now: Date): UploadWindowState {
  if (!w.uploadEnabled) return 'off';
  if (w.opensAt && now < w.opensAt) return 'not_open';
  if (w.closesAt && now >= w.closesAt) return 'closed';
  return 'open';
}

/** A returned candidate may still act on the review's requests: after the deadline, while review is open. */
export const lateFixesOpen = (status: RegistrationStatus, windowState: UploadWindowState, reviewOpen: boolean): boolean =>
  status === 'returned' && windowState === 'closed' && reviewOpen;

/** What the last return asked of one category, and what the candidate has done since. */
export interface LateCategoryState {
  /** Images of the category marked for replacement by the return (live, or deleted since). */
  flagged: number;
  /** The return asked for this category (requestedCategories). */
  requested: boolean;
  /** Live images uploaded into the category since the return. */
  uploadedSince: number;
}

/**
 * Whether one more upload into this category is a fix the return asked for: one new image
 * per flagged image, any number (up to the category's maximum) into a requested category.
 */
export function lateUploadAllowed(c: LateCategoryState): boolean {
  if (c.requested) return true;
  return c.uploadedSince < c.flagged;
}

/** After the deadline only images marked for replacement may be removed (to make room for their successor). */
export const lateDeleteAllowed = (state: ImageState): boolean => state === 'replace_requested';
