import { candidateMayEdit, isFinal, type RegistrationStatus } from './registration-status.js';

export type ImageState = 'pending' | 'approved' | 'replace_requested';

export interface LockContext {
  status: RegistrationStatus;
  /** A reviewer holds a live claim on the registration. */
  claimed: boolean;
  /** Upload switched on and inside its window. */
  uploadOpen: boolean;
}

export type LockReason = 'approved' | 'under_review' | 'final' | 'upload_closed';

/**
 * Why the candidate may not change this image now, or null when it is unlocked.
 * Seed §三: approved images stay locked; not-yet-reviewed and replace-requested ones are open.
 */
export function imageLockReason(state: ImageState, ctx: LockContext): LockReason | null {
  if (state === 'approved') return 'approved';
  if (isFinal(ctx.status)) return 'final';
  if (ctx.claimed || !candidateMayEdit(ctx.status)) return 'under_review';
  if (!ctx.uploadOpen) return 'upload_closed';
  return null;
}

/** Why the candidate may not add an image now, or null. */
export function uploadBlockReason(ctx: LockContext): 'final' | 'under_review' | 'upload_closed' | null {
  if (isFinal(ctx.status)) return 'final';
  if (ctx.claimed || !candidateMayEdit(ctx.status)) return 'under_review';
  if (!ctx.uploadOpen) return 'upload_closed';
  return null;
}

export interface UploadWindow {
  uploadEnabled: boolean;
  opensAt: Date | null;
  closesAt: Date | null;
}

export function isUploadOpen(w: UploadWindow, now: Date): boolean {
  if (!w.uploadEnabled) return false;
  if (w.opensAt && now < w.opensAt) return false;
  if (w.closesAt && now >= w.closesAt) return false;
  return true;
}

export const isClaimLive = (expiresAt: Date | null, now: Date): boolean => expiresAt != null && expiresAt > now;
