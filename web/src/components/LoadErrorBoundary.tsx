import { Component, useEffect, useState, type ErrorInfo, type ReactNode } from 'react';
import { Button, Result } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n/I18nProvider';

/**
 * A script or style of a page that did not arrive (the network dropped, or a deploy replaced
 * the hashed files the open page still refers to): what the browsers say when a dynamic
 * import or vite's preload fails.
 */
export function isChunkLoadError(error: unknown): boolean {
  const text = error instanceof Error ? `${error.name} ${error.message}` : String(error);
  return /dynamically imported module|Importing a module script failed|error loading dynamically imported|Unable to preload CSS|ChunkLoadError|Loading chunk|Failed to load module script/i.test(text);
}

/** The friendly screen instead of a white page: what happened and a 重新加载 button. */
export function LoadFailed({ chunk }: { chunk: boolean }) {
  const { t } = useI18n();
  return (
    <div data-testid="load-failed">
      <Result
        status="warning"
        title={t(chunk ? 'load.failedTitle' : 'load.crashedTitle')}
        subTitle={t(chunk ? 'load.failedBody' : 'load.crashedBody')}
        extra={
          <Button type="primary" size="large" icon={<ReloadOutlined />} onClick={() => window.location.reload()} data-testid="reload">
            {t('load.reload')}
          </Button>
        }
      />
    </div>
  );
}

interface State { error: unknown }

/**
 * Catches what a page throws while loading or rendering (a lazy route's chunk that failed to
 * download above all) and shows LoadFailed in its place; the header stays, so the person can
 * still switch language or log out. `resetKey` (the path) clears it on navigation.
 */
export class LoadErrorBoundary extends Component<{ children: ReactNode; resetKey?: string }, State> {
  override state: State = { error: null };
  static getDerivedStateFromError(error: unknown): State {
    return { error };
  }
  override componentDidUpdate(prev: { resetKey?: string }) {
    if (prev.resetKey !== this.props.resetKey && this.state.error) this.setState({ error: null });
  }
  override componentDidCatch(error: unknown, info: ErrorInfo) {
    console.error('page failed', error, info.componentStack);
  }
  override render() {
    if (this.state.error) return <LoadFailed chunk={isChunkLoadError(this.state.error)} />;
    return this.props.children;
  }
}

/**
 * vite reports a failed preload of a chunk's dependencies (a style or a shared chunk) with the
 * `vite:preloadError` event; the import then fails and LoadErrorBoundary shows the screen. This
 * also covers one that fails outside any page's render (an import started by a click).
 */
export function usePreloadFailure(): boolean {
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    const on = () => setFailed(true);
    window.addEventListener('vite:preloadError', on);
    return () => window.removeEventListener('vite:preloadError', on);
  }, []);
  return failed;
}
