import { describe, expect, it } from 'vitest';
import { decisionProblemCode, isReviewableBy, levelOf, nextStatus, reviewQueueOf, type DecisionInput, type Outcome } from '../../src/domain/review-rules.js';
import { decisionProblemText } from '../../src/domain/messages/index.js';
import type { Role } from '../../src/domain/roles.js';
import { REGISTRATION_STATUSES } from '../../src/domain/registration-status.js';

const roles: Role[] = ['site_reviewer', 'region_reviewer', 'admin', 'candidate'];
const outcomes: Outcome[] = ['pass', 'return', 'reject'];

describe('who may review what (every role × status)', () => {
  const expected: Record<string, string[]> = {
    site_reviewer: ['draft', 'returned+changed'],
    region_reviewer: ['site_approved'],
    admin: [],
    candidate: [],
  };
  for (const role of roles) {
    for (const status of REGISTRATION_STATUSES) {
      for (const changed of [false, true]) {
        const key = status === 'returned' && changed ? 'returned+changed' : status;
        const want = expected[role]!.includes(key) && !(status === 'returned' && !changed);
        it(`${role} ${want ? 'may' : 'may not'} review ${status}${changed ? ' (changed since return)' : ''}`, () => {
          expect(isReviewableBy(levelOf(role), status, changed)).toBe(want);
        });
      }
    }
  }
  it('puts a returned registration back in the site queue only after the candidate changed it', () => {
    expect(reviewQueueOf('returned', false)).toBeNull();
    expect(reviewQueueOf('returned', true)).toBe('site');
    expect(reviewQueueOf('site_approved', false)).toBe('region');
    expect(reviewQueueOf('approved', true)).toBeNull();
  });
});

describe('status after each (level × outcome)', () => {
  const table: Record<string, string> = {
    'site/pass': 'site_approved', 'site/return': 'returned', 'site/reject': 'rejected',
    'region/pass': 'approved', 'region/return': 'returned', 'region/reject': 'rejected',
  };
  for (const level of ['site', 'region'] as const) {
    for (const outcome of outcomes) {
      it(`${level} ${outcome} → ${table[`${level}/${outcome}`]}`, () => expect(nextStatus(level, outcome)).toBe(table[`${level}/${outcome}`]));
    }
  }
});

describe('what makes a decision complete', () => {
  // The refusal as the reviewer reads it (Chinese): the rule's code in the catalogue's words.
  const decisionProblem = (d: DecisionInput, missing: string[]) => {
    const code = decisionProblemCode(d, { missingRequired: missing });
    return code ? decisionProblemText(code, missing) : null;
  };
  const ok = [{ id: 'a', verdict: 'approve' as const }];
  const replace = [{ id: 'a', verdict: 'replace' as const, reason: '图片不清晰' }];
  it('passes only when every image is approved and nothing required is missing', () => {
    expect(decisionProblem({ outcome: 'pass', images: ok }, [])).toBeNull();
    expect(decisionProblem({ outcome: 'pass', images: replace }, [])).toMatch(/所有图片/);
    expect(decisionProblem({ outcome: 'pass', images: ok }, ['身份证明'])).toMatch(/身份证明/);
  });
  it('returns only with a comment and something to fix', () => {
    expect(decisionProblem({ outcome: 'return', images: replace }, [])).toMatch(/审核意见/);
    expect(decisionProblem({ outcome: 'return', comment: '请重拍', images: ok }, [])).toMatch(/至少/);
    expect(decisionProblem({ outcome: 'return', comment: '请补传', images: ok }, ['身份证明'])).toBeNull();
    expect(decisionProblem({ outcome: 'return', comment: '请重拍', images: replace }, [])).toBeNull();
    expect(decisionProblem({ outcome: 'return', comment: '请重拍', images: [{ id: 'a', verdict: 'replace' }] }, [])).toMatch(/原因/);
  });
  it('rejects only with a comment', () => {
    expect(decisionProblem({ outcome: 'reject', images: ok }, [])).toMatch(/审核意见/);
    expect(decisionProblem({ outcome: 'reject', comment: '不符合报考条件', images: ok }, [])).toBeNull();
  });
});
