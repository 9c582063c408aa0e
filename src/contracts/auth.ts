import { z } from 'zod';
import { errors, NoContent } from './common.js';
import { named } from './registry.js';

/** /api/v1/auth: log in and out, the current user, password change. */
export const Role = z.enum(['candidate', 'site_reviewer', 'region_reviewer', 'admin']);
export type Role = z.infer<typeof Role>;

export const User = named(
  'User',
  z.object({
    id: z.string(),
    username: z.string(),
    role: Role,
    displayName: z.string(),
    regionCode: z.string().optional(),
    siteCode: z.string().optional(),
    mustChangePassword: z.boolean(),
  }),
);
export type User = z.infer<typeof User>;

export const Session = named('Session', z.object({ user: User, csrfToken: z.string() }));
export type Session = z.infer<typeof Session>;

export const LoginBody = z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) });
export const PasswordBody = z.object({ currentPassword: z.string().min(1).max(256), newPassword: z.string().min(1).max(256) });

const tags = ['auth'];
export const authContracts = {
  login: {
    tags, summary: 'Log in (candidates with their 报名号); sets the httpOnly session cookie', security: [],
    body: LoginBody,
    response: { 200: Session, ...errors({ 401: 'INVALID_CREDENTIALS', 422: 'VALIDATION_FAILED', 429: 'TOO_MANY_ATTEMPTS' }) },
  },
  logout: { tags, summary: 'Log out', response: { 204: NoContent('Logged out') } },
  me: { tags, summary: 'The current user and its CSRF token', response: { 200: Session, ...errors({ 401: 'UNAUTHENTICATED' }) } },
  password: {
    tags, summary: 'Change password',
    body: PasswordBody,
    response: { 204: NoContent('Changed'), ...errors({ 401: 'INVALID_CREDENTIALS / UNAUTHENTICATED', 422: 'WEAK_PASSWORD / VALIDATION_FAILED', 429: 'TOO_MANY_ATTEMPTS' }) },
  },
};
