/**
 * Where login sends a person back to: the page they asked for before logging in (a deep link,
 * or the page whose session ran out), carried as `/login?next=…`. It comes from the address
 * bar, so anyone can write a link with it: only a path of this site is followed, never another
 * origin (`//evil.example`, `/\evil.example`, `https://…`, `javascript:`), and only a page of
 * the person's own side (a candidate never lands in /review or /admin, staff never on the
 * candidate's pages). Pure: unit-tested.
 */
import type { Role } from '../api/types.js';

const BASE = 'https://this-site.invalid';
/** Pages anyone may be sent back to. */
const SHARED = ['/help', '/tools/photo-check', '/messages'];

function startsWithSegment(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}/`);
}

/** A same-origin path (with its query and hash) as written by this app, or null. */
export function sameOriginPath(requested: unknown): string | null {
  if (typeof requested !== 'string' || requested.length === 0 || requested.length > 2000) return null;
  // One leading slash, then not a second one or a backslash (browsers read both as "another host").
  if (!requested.startsWith('/') || requested.startsWith('//') || requested.includes('\\')) return null;
  // Control characters and spaces: browsers strip some of them, which can turn "/\t/evil" into "//evil".
  if (/[\u0000-\u0020\u007f]/.test(requested)) return null;
  let url: URL;
  try {
    url = new URL(requested, BASE);
  } catch {
    return null;
  }
  if (url.origin !== BASE) return null;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** The page to go back to after this person logged in, or null for their home page. */
export function returnPathAfterLogin(requested: unknown, user: { role: Role; mustChangePassword: boolean }): string | null {
  if (user.mustChangePassword) return null;
  const path = sameOriginPath(requested);
  if (!path) return null;
  const pathname = path.replace(/[?#].*$/, '');
  if (pathname === '/login') return null;
  if (SHARED.some((p) => startsWithSegment(pathname, p)) && (pathname !== '/messages' || user.role === 'candidate')) return path;
  if (startsWithSegment(pathname, '/admin')) return user.role === 'admin' ? path : null;
  if (startsWithSegment(pathname, '/review')) return user.role === 'candidate' ? null : path;
  return user.role === 'candidate' ? path : null;
}

/** The login page's address that brings the person back to `current` (path, query and hash). */
export function loginPathFor(current: string): string {
  const path = sameOriginPath(current);
  if (!path || path === '/' || path.startsWith('/login')) return '/login';
  return `/login?next=${encodeURIComponent(path)}`;
}
