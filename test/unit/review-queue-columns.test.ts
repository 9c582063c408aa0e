import { describe, expect, it } from 'vitest';
import { queueColumnsOf } from '../../src/domain/review-queue.js';
import { staffScopeOf } from '../../src/domain/staff-scope.js';

const now = new Date('2026-03-01T02:00:00Z');
const base = { status: 'draft' as const, changedSinceReturn: false, reviewQueue: null, missingRequired: 0, openRequest: false, flagged: false, imageCount: 5 };

describe('the queue columns of a registration', () => {
  it('puts a draft in the site queue, complete only when nothing required is missing and nothing asked is open', () => {
    expect(queueColumnsOf(base, now)).toEqual({ reviewQueue: 'site', materialsComplete: true, imageCount: 5, waitingSince: now });
    expect(queueColumnsOf({ ...base, missingRequired: 1 }, now).materialsComplete).toBe(false);
    expect(queueColumnsOf({ ...base, openRequest: true }, now).materialsComplete).toBe(false);
  });

  it('keeps the waiting time of a file that stays in its queue, and restarts it on a new status', () => {
    expect(queueColumnsOf({ ...base, reviewQueue: 'site' }, now).waitingSince).toBeUndefined();
    expect(queueColumnsOf({ ...base, reviewQueue: 'site' }, now, { statusChanged: true }).waitingSince).toBe(now);
  });

  it('sends a returned file back to the site queue once nothing is left on the candidate\'s to-do', () => {
    const returned = { ...base, status: 'returned' as const };
    expect(queueColumnsOf({ ...returned, flagged: true }, now)).toEqual({ reviewQueue: null, materialsComplete: true, changedSinceReturn: false, imageCount: 5 });
    expect(queueColumnsOf({ ...returned, missingRequired: 1 }, now).reviewQueue).toBeNull();
    expect(queueColumnsOf(returned, now)).toEqual({ reviewQueue: 'site', materialsComplete: true, changedSinceReturn: true, imageCount: 5, waitingSince: now });
    // Once resubmitted it stays in the queue until the next decision, even if a new request opens.
    expect(queueColumnsOf({ ...returned, changedSinceReturn: true, reviewQueue: 'site', openRequest: true }, now)).toMatchObject({ reviewQueue: 'site', changedSinceReturn: true });
  });

  it('waits for the region after a site pass, and leaves every queue when final', () => {
    expect(queueColumnsOf({ ...base, status: 'site_approved', reviewQueue: 'site' }, now, { statusChanged: true })).toMatchObject({ reviewQueue: 'region', waitingSince: now });
    expect(queueColumnsOf({ ...base, status: 'approved', reviewQueue: 'region' }, now, { statusChanged: true })).toEqual({ reviewQueue: null, materialsComplete: true, imageCount: 5 });
  });
});

describe('the scope of a staff member', () => {
  it('is one site, one region or everything by role, and nothing without the site or region the role needs', () => {
    expect(staffScopeOf({ role: 'site_reviewer', regionCode: '99', siteCode: '9901' })).toEqual({ kind: 'site', siteCode: '9901' });
    expect(staffScopeOf({ role: 'region_reviewer', regionCode: '99', siteCode: null })).toEqual({ kind: 'region', regionCode: '99' });
    expect(staffScopeOf({ role: 'admin', regionCode: '99', siteCode: null })).toEqual({ kind: 'region', regionCode: '99' });
    expect(staffScopeOf({ role: 'admin', regionCode: null, siteCode: null })).toEqual({ kind: 'all' });
    expect(staffScopeOf({ role: 'site_reviewer', regionCode: '99', siteCode: null })).toEqual({ kind: 'none' });
    expect(staffScopeOf({ role: 'candidate', regionCode: '99', siteCode: '9901' })).toEqual({ kind: 'none' });
  });
});
