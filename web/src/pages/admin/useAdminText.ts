import { useCallback } from 'react';
import { useI18n } from '../../i18n/I18nProvider';
import { adminText, type AdminKey, type AdminParams } from './admin-messages';

/** The administration console's words in the app's current language. */
export function useAdminText() {
  const { lang } = useI18n();
  return useCallback((key: AdminKey, params?: AdminParams) => adminText(lang, key, params), [lang]);
}
export type AdminT = ReturnType<typeof useAdminText>;
