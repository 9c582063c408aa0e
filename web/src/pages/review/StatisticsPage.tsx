import { useState } from 'react';
import { Button, Card, Select, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { ArrowLeftOutlined, DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import type { RegistrationStatus } from '../../api/types';
import { PageError, PageLoading } from '../../components/PageState';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/messages';
import { formatDateTime } from '../../lib/format';
import { useLoad } from '../useLoad';
import { reviewApi } from './api';
import { formatWaiting } from './review-messages';
import type { SiteStatistics } from './types';
import { useReviewText } from './useReviewText';
import './review.css';

const STATUSES: RegistrationStatus[] = ['draft', 'returned', 'site_approved', 'approved', 'rejected'];

/** /review/statistics — each site's counts by status, what waits where, totals; export to xlsx. */
export default function StatisticsPage() {
  const { t, lang } = useI18n();
  const rt = useReviewText();
  const { data, error, loading, reload } = useLoad(() => reviewApi.statistics());
  const [exportStatus, setExportStatus] = useState<string>('all');

  if (loading && !data) return <PageLoading />;
  if (!data) return <PageError message={error ?? undefined} onRetry={() => void reload()} />;

  const queueLink = (site: string | null, status: string, n: number) => {
    const p = new URLSearchParams();
    if (status !== 'all') p.set('status', status);
    if (site) p.set('site', site);
    return n > 0 ? (
      <Link to={`/review?${p.toString()}`} className="stat-link">
        {n}
      </Link>
    ) : (
      <span className="stat-zero">0</span>
    );
  };

  const columns: ColumnsType<SiteStatistics> = [
    {
      key: 'site',
      title: rt('stats.site'),
      fixed: 'left',
      render: (_, r) => (
        <span>
          {r.site.name}
          <Typography.Text type="secondary" className="stat-code">
            {r.site.code}
          </Typography.Text>
        </span>
      ),
    },
    ...STATUSES.map((s) => ({
      key: s,
      title: t(`status.${s}` as MessageKey),
      align: 'right' as const,
      render: (_: unknown, r: SiteStatistics) => queueLink(r.site.code, s, r.counts[s] ?? 0),
    })),
    { key: 'total', title: rt('stats.total'), align: 'right', render: (_, r) => <strong>{queueLink(r.site.code, 'all', r.total)}</strong> },
    { key: 'ps', title: rt('stats.pendingSite'), align: 'right', render: (_, r) => <span className={r.pendingSite ? 'stat-pending' : 'stat-zero'}>{r.pendingSite}</span> },
    { key: 'pr', title: rt('stats.pendingRegion'), align: 'right', render: (_, r) => <span className={r.pendingRegion ? 'stat-pending' : 'stat-zero'}>{r.pendingRegion}</span> },
    {
      key: 'oldest',
      title: rt('stats.oldest'),
      align: 'right',
      render: (_, r) => (r.oldestWaitingMinutes === null ? <span className="stat-zero">—</span> : formatWaiting(r.oldestWaitingMinutes, lang)),
    },
  ];

  const sum = (f: (r: SiteStatistics) => number) => data.sites.reduce((a, r) => a + f(r), 0);
  const oldest = data.sites.reduce<number | null>((m, r) => (r.oldestWaitingMinutes === null ? m : Math.max(m ?? 0, r.oldestWaitingMinutes)), null);
  const grand = STATUSES.reduce((a, s) => a + (data.totals[s] ?? 0), 0);

  return (
    <div className="review-stats" data-testid="statistics-page">
      <div className="page-title-row">
        <Space size={8} wrap>
          <Link to="/review" aria-label={rt('stats.backToQueue')}>
            <Button type="text" icon={<ArrowLeftOutlined />} />
          </Link>
          <h2>{rt('stats.title')}</h2>
          <Typography.Text type="secondary">{rt('stats.generatedAt', { time: formatDateTime(data.generatedAt) })}</Typography.Text>
        </Space>
        <Button icon={<ReloadOutlined />} onClick={() => void reload()} loading={loading}>
          {rt('console.refresh')}
        </Button>
      </div>

      <Card size="small" className="export-card">
        <Space wrap size={8}>
          <Typography.Text strong>{rt('stats.exportStatus')}</Typography.Text>
          <Select
            value={exportStatus}
            onChange={setExportStatus}
            aria-label={rt('stats.exportStatus')}
            style={{ minWidth: 140 }}
            options={[{ value: 'all', label: rt('stats.exportAll') }, ...STATUSES.map((s) => ({ value: s, label: t(`status.${s}` as MessageKey) }))]}
            data-testid="export-status"
          />
          <Button type="primary" icon={<DownloadOutlined />} href={reviewApi.exportUrl(exportStatus)} download data-testid="export-xlsx">
            {rt('stats.export')}
          </Button>
          <Typography.Text type="secondary">{rt('stats.exportHelp')}</Typography.Text>
        </Space>
      </Card>

      <Table<SiteStatistics>
        rowKey={(r) => r.site.code}
        size="middle"
        columns={columns}
        dataSource={data.sites}
        pagination={false}
        scroll={{ x: 'max-content' }}
        data-testid="statistics-table"
        summary={() => (
          <Table.Summary fixed>
            <Table.Summary.Row className="stat-total-row" data-testid="statistics-total">
              <Table.Summary.Cell index={0}>
                <strong>{rt('stats.totalRow')}</strong>
                <Typography.Text type="secondary" className="stat-code">
                  {rt('stats.sites', { count: data.sites.length })}
                </Typography.Text>
              </Table.Summary.Cell>
              {STATUSES.map((s, i) => (
                <Table.Summary.Cell key={s} index={i + 1} align="right">
                  {queueLink(null, s, data.totals[s] ?? 0)}
                </Table.Summary.Cell>
              ))}
              <Table.Summary.Cell index={6} align="right">
                <strong>{queueLink(null, 'all', grand)}</strong>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={7} align="right">
                {sum((r) => r.pendingSite)}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={8} align="right">
                {sum((r) => r.pendingRegion)}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={9} align="right">
                {oldest === null ? '—' : formatWaiting(oldest, lang)}
              </Table.Summary.Cell>
            </Table.Summary.Row>
          </Table.Summary>
        )}
      />
    </div>
  );
}
