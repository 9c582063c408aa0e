import { useEffect, useState } from 'react';
import { useLocation } from 'react-router-dom';
import { api } from '../api/client';

const EVENT = 'messages-changed';

/** Tell every badge to re-count (after messages were read). */
export function notifyMessagesChanged(): void {
  window.dispatchEvent(new Event(EVENT));
}

/** Unread in-app notices of the candidate; null while unknown. Refreshes on navigation. */
export function useUnreadMessages(enabled: boolean): number | null {
  const [unread, setUnread] = useState<number | null>(null);
  const { pathname } = useLocation();
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const bump = () => setTick((n) => n + 1);
    window.addEventListener(EVENT, bump);
    return () => window.removeEventListener(EVENT, bump);
  }, []);
  useEffect(() => {
    if (!enabled) {
      setUnread(null);
      return;
    }
    let live = true;
    api
      .messages(true)
      .then((m) => live && setUnread(m.unread))
      .catch(() => live && setUnread(null)); // not activated yet, or offline: no badge
    return () => {
      live = false;
    };
  }, [enabled, pathname, tick]);
  return unread;
}
