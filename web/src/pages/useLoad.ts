import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/client';
import { useI18n } from '../i18n/I18nProvider';

export interface Loaded<T> {
  data: T | null;
  error: string | null;
  /** The HTTP status of that error (429: too many requests), when the server answered. */
  errorStatus: number | null;
  loading: boolean;
  reload: () => Promise<T | null>;
  setData: (update: T | ((prev: T | null) => T | null)) => void;
}

/**
 * Runs an API call on mount, on reload, and when the language changes (the server words
 * some fields and every error in the request's language); errors the client already
 * handled (redirects) stay silent.
 */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[] = []): Loaded<T> {
  const { lang } = useI18n();
  const [data, setDataState] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [errorStatus, setErrorStatus] = useState<number | null>(null);
  const [loading, setLoading] = useState(true);
  const seq = useRef(0);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const run = useCallback(load, [...deps, lang]);
  const reload = useCallback(async () => {
    const mine = ++seq.current;
    setLoading(true);
    try {
      const value = await run();
      if (mine === seq.current) {
        setDataState(value);
        setError(null);
        setErrorStatus(null);
      }
      return value;
    } catch (e) {
      if (mine === seq.current && !(e instanceof ApiError && e.handled)) {
        setError(e instanceof Error ? e.message : String(e));
        setErrorStatus(e instanceof ApiError && e.status > 0 ? e.status : null);
      }
      return null;
    } finally {
      if (mine === seq.current) setLoading(false);
    }
  }, [run]);
  useEffect(() => {
    void reload();
  }, [reload]);
  const setData = useCallback((update: T | ((prev: T | null) => T | null)) => {
    setDataState((prev) => (typeof update === 'function' ? (update as (p: T | null) => T | null)(prev) : update));
  }, []);
  return { data, error, errorStatus, loading, reload, setData };
}
