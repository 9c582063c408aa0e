import { describe, expect, it } from 'vitest';
import { finalStatusOf, resultEvent, withdrawnResultEvent } from '../../src/domain/result-event.js';
import { signResult, verifyResultSignature } from '../../src/adapters/crypto/result-signature.js';

describe('final results for the registration system', () => {
  it('counts a region pass and a rejection at either level as final, nothing else', () => {
    expect(finalStatusOf('region', 'pass')).toBe('approved');
    expect(finalStatusOf('site', 'reject')).toBe('rejected');
    expect(finalStatusOf('region', 'reject')).toBe('rejected');
    expect(finalStatusOf('site', 'pass')).toBeNull();
    expect(finalStatusOf('site', 'return')).toBeNull();
    expect(finalStatusOf('region', 'return')).toBeNull();
    expect(resultEvent({ id: 'e1', registrationNo: '2026990100001', year: 2026, status: 'rejected', level: 'site', comment: '非本人材料', decidedAt: '2026-04-02T03:15:00.000Z' }).statusLabel).toBe('审核拒绝');
  });

  it('says a reopened final result is pending again, and which result it replaces', () => {
    const e = withdrawnResultEvent({ id: 'e2', registrationNo: '2026990100001', year: 2026, previousStatus: 'approved', level: 'region', comment: '复核发现证书信息有误', decidedAt: '2026-04-03T03:15:00.000Z' });
    expect(e).toMatchObject({ type: 'review.result', status: 'pending', statusLabel: '审核中', previousStatus: 'approved', level: 'region', comment: '复核发现证书信息有误' });
    expect(resultEvent({ id: 'e1', registrationNo: '2026990100001', year: 2026, status: 'approved', level: 'region', comment: null, decidedAt: '2026-04-02T03:15:00.000Z' })).not.toHaveProperty('previousStatus');
  });

  it('signs timestamp.body and verifies only the same key, body and a fresh timestamp', () => {
    const key = 'k'.repeat(40);
    const body = '{"id":"e1","status":"approved"}';
    const sig = signResult(key, 1_767_225_600, body);
    expect(sig).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(verifyResultSignature(key, '1767225600', sig, body, 1_767_225_650)).toBe(true);
    expect(verifyResultSignature(key, '1767225600', sig, body.replace('approved', 'rejected'), 1_767_225_650)).toBe(false);
    expect(verifyResultSignature('x'.repeat(40), '1767225600', sig, body, 1_767_225_650)).toBe(false);
    expect(verifyResultSignature(key, '1767225601', sig, body, 1_767_225_650)).toBe(false); // the timestamp is inside the MAC
    expect(verifyResultSignature(key, '1767225600', sig, body, 1_767_225_600 + 301)).toBe(false); // replayed too late
    expect(verifyResultSignature(key, undefined, sig, body, 1_767_225_650)).toBe(false);
  });
});
