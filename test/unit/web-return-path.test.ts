import { describe, expect, it } from 'vitest';
import { loginPathFor, returnPathAfterLogin, sameOriginPath } from '../../web/src/lib/return-path.js';

const candidate = { role: 'candidate' as const, mustChangePassword: false };
const site = { role: 'site_reviewer' as const, mustChangePassword: false };
const admin = { role: 'admin' as const, mustChangePassword: false };

describe('where login sends a person back to', () => {
  it('brings a candidate back to the deep link they opened, with its query and hash', () => {
    expect(returnPathAfterLogin('/materials#cat-id_card', candidate)).toBe('/materials#cat-id_card');
    expect(returnPathAfterLogin('/messages?page=2', candidate)).toBe('/messages?page=2');
    expect(returnPathAfterLogin('/help', candidate)).toBe('/help');
  });

  it('brings staff back to their review page', () => {
    expect(returnPathAfterLogin('/review/registrations/2026990100001', site)).toBe('/review/registrations/2026990100001');
    expect(returnPathAfterLogin('/admin/catalog', admin)).toBe('/admin/catalog');
  });

  it('never follows a link to another site', () => {
    for (const evil of [
      'https://evil.example/phish',
      '//evil.example/login',
      '/\\evil.example',
      '\\\\evil.example',
      '/\t/evil.example',
      ' //evil.example',
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'evil.example',
      '',
      null,
      42,
      { toString: () => '/materials' },
    ]) {
      expect(sameOriginPath(evil), String(evil)).toBeNull();
      expect(returnPathAfterLogin(evil, candidate), String(evil)).toBeNull();
    }
  });

  it('normalises the path so dot segments cannot climb out of it', () => {
    expect(sameOriginPath('/materials/../review')).toBe('/review');
    expect(returnPathAfterLogin('/materials/../review', candidate)).toBeNull();
    expect(returnPathAfterLogin('/help/../admin', site)).toBeNull();
  });

  it('sends nobody to the other side, to login again, or anywhere before a forced password change', () => {
    expect(returnPathAfterLogin('/review', candidate)).toBeNull();
    expect(returnPathAfterLogin('/admin', candidate)).toBeNull();
    expect(returnPathAfterLogin('/admin/accounts', site)).toBeNull();
    expect(returnPathAfterLogin('/materials', site)).toBeNull();
    expect(returnPathAfterLogin('/messages', site)).toBeNull();
    expect(returnPathAfterLogin('/login?next=/materials', candidate)).toBeNull();
    expect(returnPathAfterLogin('/materials', { role: 'candidate', mustChangePassword: true })).toBeNull();
    // A prefix that only looks like a staff area is a candidate page (here: not found).
    expect(returnPathAfterLogin('/reviewer-notes', candidate)).toBe('/reviewer-notes');
  });

  it('writes the login address that comes back to the current page', () => {
    expect(loginPathFor('/materials#cat-other')).toBe(`/login?next=${encodeURIComponent('/materials#cat-other')}`);
    expect(loginPathFor('/')).toBe('/login');
    expect(loginPathFor('/login?next=/x')).toBe('/login');
    expect(loginPathFor('//evil.example')).toBe('/login');
  });
});
