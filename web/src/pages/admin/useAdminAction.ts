import { useState } from 'react';
import { App } from 'antd';
import { useI18n } from '../../i18n/I18nProvider';
import { errorText } from './errors';

/**
 * One change made from an administration page: `run(key, action, done)` marks `key` busy
 * (for a button's or dialog's loading state), runs the action, says `done` when given (a
 * function of the answer when the words depend on it, e.g. how many candidates a change
 * reached), reloads the page's data and answers true; on failure it shows the server's
 * message and answers false.
 */
export function useAdminAction(reload: () => Promise<unknown>) {
  const { message } = App.useApp();
  const { lang } = useI18n();
  const [busy, setBusy] = useState<string | null>(null);
  const run = async <A extends () => Promise<unknown>>(key: string, action: A, done?: string | ((answer: Awaited<ReturnType<A>>) => string)): Promise<boolean> => {
    setBusy(key);
    try {
      const answer = (await action()) as Awaited<ReturnType<A>>;
      const text = typeof done === 'function' ? done(answer) : done;
      if (text) message.success(text);
      await reload();
      return true;
    } catch (e) {
      const text = errorText(e, lang);
      if (text) message.error(text);
      return false;
    } finally {
      setBusy(null);
    }
  };
  return { busy, run };
}
