import { useState } from 'react';
import { App } from 'antd';
import { useI18n } from '../../i18n/I18nProvider';
import { errorText } from './errors';

/**
 * One change made from an administration page: `run(key, action, done)` marks `key` busy
 * (for a button's or dialog's loading state), runs the action, says `done` when given,
 * reloads the page's data and answers true; on failure it shows the server's message and
 * answers false.
 */
export function useAdminAction(reload: () => Promise<unknown>) {
  const { message } = App.useApp();
  const { lang } = useI18n();
  const [busy, setBusy] = useState<string | null>(null);
  const run = async (key: string, action: () => Promise<unknown>, done?: string): Promise<boolean> => {
    setBusy(key);
    try {
      await action();
      if (done) message.success(done);
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
