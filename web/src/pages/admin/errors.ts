import { ApiError } from '../../api/client';
import type { Lang } from '../../i18n/messages';
import { adminText } from './admin-messages';

/** The server's message (it says what to do), or a generic one; null when the client already acted. */
export function errorText(e: unknown, lang: Lang): string | null {
  if (e instanceof ApiError) return e.handled ? null : e.message;
  return adminText(lang, 'common.failed');
}
