import { Button, Result, Spin } from 'antd';
import { useI18n } from '../i18n/I18nProvider';

export function PageLoading() {
  const { t } = useI18n();
  return (
    <div style={{ display: 'flex', justifyContent: 'center', padding: '64px 0' }}>
      <Spin size="large" tip={t('common.loading')}>
        <div style={{ width: 120, height: 60 }} />
      </Spin>
    </div>
  );
}

/** A page that could not load: what the server said, and 重试. `status` 429 titles it 操作过于频繁. */
export function PageError({ message, onRetry, status }: { message?: string | undefined; onRetry?: () => void; status?: number | null | undefined }) {
  const { t } = useI18n();
  return (
    <Result
      status="warning"
      title={status === 429 ? t('common.rateLimitedTitle') : t('common.loadFailed')}
      subTitle={message ?? t('common.unknownError')}
      extra={
        onRetry ? (
          <Button type="primary" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : undefined
      }
    />
  );
}
