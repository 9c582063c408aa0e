import { ApiError } from '../../api/client';

/** The server's message (it says what to do), or a generic one; null when the client already acted. */
export function errorText(e: unknown): string | null {
  if (e instanceof ApiError) return e.handled ? null : e.message;
  return '操作失败，请稍后重试。';
}
