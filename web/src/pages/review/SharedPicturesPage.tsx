import { useState } from 'react';
import { Button, Card, Checkbox, Empty, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { request } from '../../api/client';
import { PageError, PageLoading } from '../../components/PageState';
import { useI18n } from '../../i18n/I18nProvider';
import { formatDateTime } from '../../lib/format';
import { useLoad } from '../useLoad';
import { signalText } from './signal-text';
import type { SharedPicturesPage as Page } from './types';
import './review.css';

/** The page's shapes: the review contract's (src/contracts/review.ts). */
type SharedPicture = Page['items'][number];
type Side = SharedPicture['upload'];

const load = (crossSite: boolean, cursor?: string) =>
  request<Page>('GET', `/api/v1/review/shared-pictures?crossSite=${crossSite}${cursor ? `&cursor=${cursor}` : ''}`, { retry: true });

/** /review/shared-pictures — the region's list of candidates sharing a picture, for follow-up (region reviewers, admins). */
export default function SharedPicturesPage() {
  const { lang } = useI18n();
  const [crossSite, setCrossSite] = useState(true);
  const [more, setMore] = useState<SharedPicture[]>([]);
  const [cursor, setCursor] = useState<string | null | undefined>(undefined);
  const { data, error, loading, reload } = useLoad(async () => {
    setMore([]);
    setCursor(undefined);
    return load(crossSite);
  }, [crossSite]);

  if (loading && !data) return <PageLoading />;
  if (!data) return <PageError message={error ?? undefined} onRetry={() => void reload()} />;
  const next = cursor === undefined ? data.nextCursor : cursor;
  const rows = [...data.items, ...more];

  const side = (s: Side) =>
    s.inScope && s.registrationNo ? (
      <span>
        <Link to={`/review/${encodeURIComponent(s.registrationNo)}`} data-testid="shared-link">
          {s.registrationNo}
        </Link>{' '}
        {s.name}
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
          {s.site?.name} · {s.categoryName}
        </Typography.Text>
      </span>
    ) : (
      <Typography.Text type="secondary">{signalText('otherCandidate', lang)}</Typography.Text>
    );

  const columns: ColumnsType<SharedPicture> = [
    { key: 'at', title: signalText('detectedAt', lang), width: 150, render: (_, r) => formatDateTime(r.detectedAt) },
    { key: 'upload', title: signalText('upload', lang), render: (_, r) => side(r.upload) },
    { key: 'earlier', title: signalText('earlier', lang), render: (_, r) => side(r.earlier) },
  ];

  return (
    <Card
      title={signalText('sharedTitle', lang)}
      extra={
        <Link to="/review">
          <Button icon={<ArrowLeftOutlined />}>{signalText('back', lang)}</Button>
        </Link>
      }
      data-testid="shared-pictures"
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {signalText('sharedIntro', lang)}
        </Typography.Paragraph>
        <Checkbox checked={!crossSite} onChange={(e) => setCrossSite(!e.target.checked)}>
          {signalText('sameSiteToo', lang)}
        </Checkbox>
        <Table
          rowKey={(r) => `${r.upload.imageId}-${r.earlier.imageId}`}
          columns={columns}
          dataSource={rows}
          pagination={false}
          scroll={rows.length > 0 ? { x: 520 } : undefined /* an empty scroll box cannot take keyboard focus */}
          size="small"
          locale={{ emptyText: <Empty description={signalText('empty', lang)} /> }}
        />
        {next ? (
          <Button
            onClick={async () => {
              const page = await load(crossSite, next);
              setMore((m) => [...m, ...page.items]);
              setCursor(page.nextCursor);
            }}
          >
            {signalText('more', lang)}
          </Button>
        ) : null}
      </Space>
    </Card>
  );
}
