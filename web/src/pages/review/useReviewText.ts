import { useCallback } from 'react';
import { useI18n } from '../../i18n/I18nProvider';
import { reviewText, type ReviewKey } from './review-messages';

/** The review pages' words in the app's current language. */
export function useReviewText() {
  const { lang } = useI18n();
  return useCallback((key: ReviewKey, params?: Record<string, string | number>) => reviewText(lang, key, params), [lang]);
}
export type ReviewT = ReturnType<typeof useReviewText>;
