import { describe, expect, it } from 'vitest';
import { isReviewOpen, windowProblem } from '../../src/domain/region-settings.js';
import { checkHandoffClaims } from '../../src/domain/handoff.js';
import { openHandoffToken, signHandoffToken } from '../../src/domain/handoff-token.js';
import { signHandoffToken as sampleSigner } from '../../scripts/sign-handoff-token.js';
import { initialPasswordFromIdNumber, normaliseTypedInitialPassword } from '../../src/domain/initial-password.js';
import { scopeProblem, usernameProblem } from '../../src/domain/staff-accounts.js';

const d = (s: string) => new Date(s);
const none = { uploadOpensAt: null, uploadClosesAt: null, reviewOpensAt: null, reviewClosesAt: null };

describe('region windows', () => {
  it('wants every window to close after it opens', () => {
    expect(windowProblem(none)).toBeNull();
    expect(windowProblem({ ...none, uploadOpensAt: d('2026-03-01T00:00:00Z'), uploadClosesAt: d('2026-03-10T00:00:00Z') })).toBeNull();
    expect(windowProblem({ ...none, uploadOpensAt: d('2026-03-10T00:00:00Z'), uploadClosesAt: d('2026-03-01T00:00:00Z') })).toContain('上传');
    expect(windowProblem({ ...none, reviewOpensAt: d('2026-03-10T00:00:00Z'), reviewClosesAt: d('2026-03-10T00:00:00Z') })).toContain('审核');
    expect(windowProblem({ ...none, uploadOpensAt: d('2026-03-10T00:00:00Z'), reviewClosesAt: d('2026-03-01T00:00:00Z') })).toContain('审核截止');
  });
  it('treats a missing end as open', () => {
    expect(isReviewOpen({ reviewOpensAt: null, reviewClosesAt: null }, d('2026-01-01T00:00:00Z'))).toBe(true);
    expect(isReviewOpen({ reviewOpensAt: d('2026-02-01T00:00:00Z'), reviewClosesAt: null }, d('2026-01-01T00:00:00Z'))).toBe(false);
    expect(isReviewOpen({ reviewOpensAt: null, reviewClosesAt: d('2026-01-01T00:00:00Z') }, d('2026-01-01T00:00:00Z'))).toBe(false);
  });
});

describe('hand-off tokens', () => {
  const key = 'k'.repeat(40);
  const now = d('2026-03-01T08:00:00Z');
  const exp = now.getTime() / 1000 + 300;
  const claims = { registrationNo: '2026990100001', exp, jti: 'a'.repeat(22) };
  it('open only with the key they were signed with, and only unaltered', () => {
    const token = signHandoffToken(key, claims);
    expect(openHandoffToken(key, token)).toEqual(claims);
    expect(openHandoffToken('x'.repeat(40), token)).toBeNull();
    const [body, sig] = token.split('.');
    expect(openHandoffToken(key, `${body}x.${sig}`)).toBeNull();
    expect(openHandoffToken(key, `${body}`)).toBeNull();
    expect(openHandoffToken(key, `${body}.${sig}.x`)).toBeNull();
  });
  it('are what the sample signer for integrators produces', () => {
    const token = sampleSigner(key, '2026990100001', 300, now.getTime());
    const payload = openHandoffToken(key, token) as Record<string, unknown>;
    expect(payload).toMatchObject({ registrationNo: '2026990100001', exp });
    expect(checkHandoffClaims(payload, now)).toMatchObject({ ok: true });
  });
  it('are refused when expired, too long-lived or malformed', () => {
    expect(checkHandoffClaims(claims, now)).toEqual({ ok: true, claims });
    expect(checkHandoffClaims(claims, new Date((exp + 61) * 1000))).toEqual({ ok: false, problem: 'expired' });
    expect(checkHandoffClaims({ ...claims, exp: exp + 3600 }, now)).toEqual({ ok: false, problem: 'too_long' });
    expect(checkHandoffClaims({ ...claims, jti: 'short' }, now)).toEqual({ ok: false, problem: 'invalid' });
    expect(checkHandoffClaims({ ...claims, exp: String(exp) }, now)).toEqual({ ok: false, problem: 'invalid' });
    expect(checkHandoffClaims({ ...claims, registrationNo: '<script>' }, now)).toEqual({ ok: false, problem: 'invalid' });
    expect(checkHandoffClaims(null, now)).toEqual({ ok: false, problem: 'invalid' });
  });
});

describe('first passwords and staff accounts', () => {
  it('uses the last six characters of the ID number, accepting a lower-case x', () => {
    expect(initialPasswordFromIdNumber(' 11010519491231002x ')).toBe('31002X');
    expect(normaliseTypedInitialPassword('31002x')).toBe('31002X');
  });
  it('keeps staff user names apart from 报名号 and asks each role for its scope', () => {
    expect(usernameProblem('site9901-li')).toBeNull();
    expect(usernameProblem('2026990100001')).toContain('字母');
    expect(usernameProblem('a b')).not.toBeNull();
    expect(scopeProblem('site_reviewer', '99', null)).toContain('考点');
    expect(scopeProblem('region_reviewer', null, null)).toContain('考区');
    expect(scopeProblem('admin', null, null)).toBeNull();
    expect(scopeProblem('admin', '99', '9901')).not.toBeNull();
  });
});
