import { useEffect } from 'react';
import { Alert, Card, Empty, List, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { api } from '../api/client';
import { PageError, PageLoading } from '../components/PageState';
import { notifyMessagesChanged } from '../components/useUnreadMessages';
import { useI18n } from '../i18n/I18nProvider';
import { formatDateTime } from '../lib/format';
import { useLoad } from './useLoad';

/** 审核通知: the in-app notices of review outcomes, newest first; opening marks them read. */
export default function MessagesPage() {
  const { t } = useI18n();
  const { data, error, loading, reload } = useLoad(() => api.messages());

  useEffect(() => {
    const unread = data?.items.filter((m) => !m.readAt) ?? [];
    if (unread.length === 0) return;
    void Promise.allSettled(unread.map((m) => api.markMessageRead(m.id))).then(() => notifyMessagesChanged());
  }, [data]);

  if (loading && !data) return <PageLoading />;
  if (!data) return <PageError message={error ?? undefined} onRetry={() => void reload()} />;

  return (
    <Card title={t('messages.title')} data-testid="messages-page">
      <Alert type="info" showIcon message={t('messages.hint')} style={{ marginBottom: 12 }} />
      {data.items.length === 0 ? (
        <Empty description={t('messages.empty')} />
      ) : (
        <List
          itemLayout="vertical"
          dataSource={data.items}
          renderItem={(m) => (
            <List.Item
              key={m.id}
              data-testid="message-item"
              actions={[
                // The comments and the images to replace are at the top of 上传相关材料.
                <Link key="materials" to="/materials" data-testid="message-materials-link">
                  {t('reg.upload')}
                </Link>,
              ]}
            >
              <List.Item.Meta
                title={
                  <span>
                    {m.title} {!m.readAt ? <Tag color="red">{t('messages.new')}</Tag> : null}
                  </span>
                }
                description={formatDateTime(m.createdAt)}
              />
              <Typography.Paragraph style={{ whiteSpace: 'pre-line', marginBottom: 0 }}>{m.body}</Typography.Paragraph>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
