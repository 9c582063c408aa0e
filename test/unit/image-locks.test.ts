import { describe, expect, it } from 'vitest';
import { imageLockReason, isUploadOpen, uploadBlockReason } from '../../src/domain/image-state.js';
import { loginDelay } from '../../src/domain/login-throttle.js';
import { passwordWeakness } from '../../src/domain/password-policy.js';

const open = { status: 'draft' as const, claimed: false, uploadOpen: true };

describe('image locks (seed §三)', () => {
  it('leaves not-yet-reviewed and replace-requested images open to the candidate', () => {
    expect(imageLockReason('pending', open)).toBeNull();
    expect(imageLockReason('replace_requested', { ...open, status: 'returned' })).toBeNull();
  });
  it('locks approved images for good, and everything during a review claim or after a final decision', () => {
    expect(imageLockReason('approved', { ...open, status: 'returned' })).toBe('approved');
    expect(imageLockReason('pending', { ...open, claimed: true })).toBe('under_review');
    expect(imageLockReason('pending', { ...open, status: 'site_approved' })).toBe('under_review');
    expect(imageLockReason('pending', { ...open, status: 'rejected' })).toBe('final');
    expect(imageLockReason('pending', { ...open, uploadOpen: false })).toBe('upload_closed');
    expect(uploadBlockReason({ ...open, status: 'approved' })).toBe('final');
  });
  it('opens uploads only when switched on and inside the window', () => {
    const now = new Date('2026-03-10T00:00:00Z');
    expect(isUploadOpen({ uploadEnabled: true, opensAt: new Date('2026-03-01'), closesAt: new Date('2026-03-15') }, now)).toBe(true);
    expect(isUploadOpen({ uploadEnabled: false, opensAt: null, closesAt: null }, now)).toBe(false);
    expect(isUploadOpen({ uploadEnabled: true, opensAt: new Date('2026-03-11'), closesAt: null }, now)).toBe(false);
    expect(isUploadOpen({ uploadEnabled: true, opensAt: null, closesAt: now }, now)).toBe(false);
  });
});

describe('login throttling and passwords', () => {
  it('lets a few mistakes pass, then waits longer each time, never forever', () => {
    expect(loginDelay(4)).toBe(0);
    expect(loginDelay(5)).toBe(30_000);
    expect(loginDelay(6)).toBe(60_000);
    expect(loginDelay(1000)).toBe(15 * 60_000);
  });
  it('refuses short, letter-only and username-based passwords', () => {
    expect(passwordWeakness('abc123', 'u')).toBe('too_short');
    expect(passwordWeakness('abcdefghij', 'u')).toBe('needs_letters_and_digits');
    expect(passwordWeakness('2026990100001a', '2026990100001')).toBe('contains_username');
    expect(passwordWeakness('Demo#2026', 'admin')).toBeNull();
  });
});
