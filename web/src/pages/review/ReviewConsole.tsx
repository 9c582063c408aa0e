import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Alert, App, Badge, Button, Empty, Grid, Input, Select, Space, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { AuditOutlined, BarChartOutlined, BellOutlined, CopyOutlined, PlayCircleOutlined, ReloadOutlined, UserOutlined } from '@ant-design/icons';
import { signalText } from './signal-text';
import { adminText } from '../admin/admin-messages';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { formatDateTime } from '../../lib/format';
import { useAuth } from '../../auth/AuthProvider';
import { StatusTag } from '../../components/StatusTag';
import { useI18n } from '../../i18n/I18nProvider';
import { nameInLanguage } from '../../lib/catalog-text';
import type { MessageKey } from '../../i18n/messages';
import { reviewApi } from './api';
import { prefetchCandidate } from './prefetch';
import { clearVisited, filtersFromSearch, filtersToSearch, nextQuery, pickNext, queueQuery, saveFilters, REVIEWER_TABS, STATUS_TABS, type QueueFilters } from './queue';
import { formatWaiting } from './review-messages';
import type { FilterOptions, QueueCounts, QueueItem } from './types';
import { useReviewText, type ReviewT } from './useReviewText';
import './review.css';

const PAGE_SIZE = 50;

/** /review — the reviewer's queue: status tabs with counts, filters, search, oldest waiting first. */
export default function ReviewConsole() {
  const { user } = useAuth();
  const { t, lang } = useI18n();
  const rt = useReviewText();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const [search, setSearch] = useSearchParams();
  const reviewer = user?.role === 'site_reviewer' || user?.role === 'region_reviewer';
  const wide = user?.role !== 'site_reviewer';
  const filters = useMemo(() => filtersFromSearch(search, reviewer), [search, reviewer]);
  const filterKey = queueQuery(filters);

  const [items, setItems] = useState<QueueItem[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [counts, setCounts] = useState<QueueCounts>({});
  const [options, setOptions] = useState<FilterOptions>({ examCategories: [], sites: [] });
  const [query, setQuery] = useState(filters.q ?? '');
  const [now, setNow] = useState(() => Date.now());
  const seq = useRef(0);

  useEffect(() => {
    saveFilters(filters);
    setQuery(filters.q ?? '');
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [filterKey]);
  useEffect(() => clearVisited(), []);

  const loadCounts = useCallback(() => {
    reviewApi.counts().then(setCounts, () => undefined);
  }, []);
  useEffect(() => {
    loadCounts();
    reviewApi.filterOptions().then(setOptions, () => undefined);
  }, [loadCounts]);

  const load = useCallback(
    async (after: string | null) => {
      const mine = ++seq.current;
      setLoading(true);
      try {
        const page = await reviewApi.queue(queueQuery(filters, { cursor: after, limit: PAGE_SIZE }));
        if (mine !== seq.current) return;
        setItems((prev) => (after ? [...prev, ...page.items] : page.items));
        setCursor(page.nextCursor);
        setError(null);
        setNow(Date.now());
      } catch (e) {
        if (mine === seq.current && !(e instanceof ApiError && e.handled)) setError(e instanceof Error ? e.message : String(e));
      } finally {
        if (mine === seq.current) setLoading(false);
      }
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [filterKey],
  );
  useEffect(() => {
    void load(null);
  }, [load]);

  const setFilters = (patch: Partial<QueueFilters>) => {
    const next: QueueFilters = { ...filters, ...patch };
    for (const k of Object.keys(next) as (keyof QueueFilters)[]) if (next[k] === undefined || next[k] === '') delete next[k];
    setSearch(filtersToSearch(next, reviewer), { replace: true });
  };

  const refresh = () => {
    loadCounts();
    void load(null);
  };

  const open = (no: string) => navigate(`/review/${encodeURIComponent(no)}`);

  // 开始审核 (N): the longest-waiting candidate nobody holds, fetched ahead on hover.
  const startTarget = useMemo(() => pickNext(items, null, new Set()), [items]);
  const start = useCallback(async () => {
    let target = filters.status === 'pending' ? startTarget : null;
    if (!target) {
      try {
        const page = await reviewApi.queue(nextQuery({ ...filters, status: reviewer ? 'pending' : filters.status }, null));
        target = pickNext(page.items, null, new Set());
      } catch {
        target = null;
      }
    }
    if (!target) {
      message.info(rt('console.nothingToStart'));
      return;
    }
    if (filters.status !== 'pending' && reviewer) saveFilters({ ...filters, status: 'pending' });
    open(target);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [filters, startTarget, reviewer, message, rt]);

  // Fetched ahead only once the reviewer shows the intent (hover or focus on 开始审核):
  // fetching a candidate's file is a logged view.
  const prefetchStart = () => {
    if (reviewer && startTarget && filters.status === 'pending') void prefetchCandidate(startTarget);
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const el = e.target as HTMLElement | null;
      if (e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return;
      if (el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.isContentEditable)) return;
      if (reviewer && (e.key === 'n' || e.key === 'N') && !e.shiftKey) {
        e.preventDefault();
        void start();
      }
      if (e.key === '/') {
        e.preventDefault();
        document.getElementById('queue-search')?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [reviewer, start]);

  const tabs = STATUS_TABS.filter((s) => reviewer || !REVIEWER_TABS.has(s)).map((s) => {
    const label = s === 'pending' ? rt('tab.pending') : s === 'incomplete' ? rt('tab.incomplete') : s === 'all' ? rt('tab.all') : t(`status.${s}` as MessageKey);
    const n = counts[s];
    return {
      key: s,
      label: (
        <span data-testid={`tab-${s}`}>
          {label}
          {n !== undefined ? <Badge count={n} showZero overflowCount={99999} className={`tab-count${s === 'pending' ? ' pending' : ''}`} /> : null}
        </span>
      ),
    };
  });

  const byWaiting = filters.status === 'pending' || filters.status === 'incomplete';
  const waitingOf = (i: QueueItem) => (byWaiting ? i.waitingSince : i.statusChangedAt);
  const [reminded, setReminded] = useState<ReadonlySet<string>>(new Set());
  const remind = async (no: string) => {
    try {
      await reviewApi.remind(no);
      setReminded((prev) => new Set(prev).add(no));
      message.success(rt('console.remindDone'));
    } catch (e) {
      if (e instanceof ApiError && e.code === 'REMINDED_TODAY') setReminded((prev) => new Set(prev).add(no));
      if (!(e instanceof ApiError && e.handled)) message.warning(e instanceof ApiError ? e.message : String(e));
    }
  };
  const remindButton = (i: QueueItem) => {
    const done = i.remindedToday || reminded.has(i.registrationNo);
    return (
      <Button
        size="small"
        icon={<BellOutlined />}
        disabled={done}
        onClick={(e) => {
          e.stopPropagation();
          void remind(i.registrationNo);
        }}
        data-testid="remind"
      >
        {done ? rt('console.reminded') : rt('console.remind')}
      </Button>
    );
  };
  const remindColumn: ColumnsType<QueueItem> = filters.status === 'incomplete' ? [{ key: 'remind', title: '', width: 110, render: (_, i) => remindButton(i) }] : [];
  const columns: ColumnsType<QueueItem> = [
    {
      key: 'no',
      title: rt('col.registrationNo'),
      dataIndex: 'registrationNo',
      width: 150,
      render: (no: string) => (
        <Link to={`/review/${encodeURIComponent(no)}`} onClick={(e) => e.stopPropagation()} data-testid="queue-link">
          {no}
        </Link>
      ),
    },
    { key: 'name', title: rt('col.name'), dataIndex: 'name', width: 96 },
    { key: 'id', title: rt('col.idNumber'), dataIndex: 'idNumberMasked', width: 190, responsive: ['md'], className: 'mono' },
    { key: 'phone', title: rt('col.phone'), dataIndex: 'phoneMasked', width: 130, responsive: ['xl'], className: 'mono' },
    { key: 'cat', title: rt('col.examCategory'), render: (_, i) => nameInLanguage(i.examCategory, lang), responsive: ['lg'] },
    ...(wide ? [{ key: 'site', title: rt('col.site'), render: (_: unknown, i: QueueItem) => i.site.name, responsive: ['lg' as const] }] : []),
    {
      key: 'status',
      title: rt('col.status'),
      render: (_, i) => (
        <QueueTags item={i} rt={rt} />
      ),
    },
    { key: 'images', title: rt('col.images'), dataIndex: 'imageCount', width: 64, align: 'right', responsive: ['sm'] },
    {
      key: 'wait',
      title: byWaiting ? rt('col.waiting') : rt('col.sinceStatus'),
      width: 110,
      render: (_, i) => (
        <Tooltip title={formatDateTime(waitingOf(i))}>
          <span>{formatWaiting((now - new Date(waitingOf(i)).getTime()) / 60_000, lang)}</span>
        </Tooltip>
      ),
    },
    ...remindColumn,
  ];

  // On a phone one column per candidate: name and 报名号, tags, masked ID, waiting time.
  const compactColumns: ColumnsType<QueueItem> = [
    {
      key: 'candidate',
      title: rt('col.name'),
      render: (_, i) => (
        <div className="queue-compact">
          <div className="queue-compact-head">
            <strong>{i.name}</strong>
            <Link to={`/review/${encodeURIComponent(i.registrationNo)}`} onClick={(e) => e.stopPropagation()} data-testid="queue-link">
              {i.registrationNo}
            </Link>
            <span className="queue-compact-wait">{formatWaiting((now - new Date(waitingOf(i)).getTime()) / 60_000, lang)}</span>
          </div>
          <QueueTags item={i} rt={rt} />
          <div className="queue-compact-meta">
            {i.idNumberMasked} · {i.examCategory.name}
            {wide ? ` · ${i.site.name}` : ''}
          </div>
          {filters.status === 'incomplete' ? <div style={{ marginTop: 4 }}>{remindButton(i)}</div> : null}
        </div>
      ),
    },
  ];

  const total = counts[filters.status];
  const hasFilters = !!(filters.examCategory || filters.site || filters.complete || filters.changed || filters.claimed || filters.q);
  const boolSelect = (key: 'complete' | 'changed' | 'claimed', testId: string) => (
    <Select
      allowClear
      value={filters[key]}
      placeholder={rt(`filter.${key}`)}
      aria-label={rt(`filter.${key}`)}
      onChange={(v: 'true' | 'false' | undefined) => setFilters({ [key]: v })}
      options={[
        { value: 'true', label: rt(`filter.${key}.true`) },
        { value: 'false', label: rt(`filter.${key}.false`) },
      ]}
      className="filter-select"
      data-testid={testId}
      popupMatchSelectWidth={false}
    />
  );

  return (
    <div className="review-console" data-testid="review-console">
      <div className="page-title-row">
        <Space size={8} wrap>
          <h2>{rt('console.title')}</h2>
          {user ? (
            <Typography.Text type="secondary">
              {t(`staff.role.${user.role}` as MessageKey)} ·{' '}
              {user.siteCode
                ? rt('console.scope.site', { code: user.siteCode })
                : user.regionCode
                  ? rt('console.scope.region', { code: user.regionCode })
                  : rt('console.scope.national')}
            </Typography.Text>
          ) : null}
        </Space>
        <Space size={8} wrap>
          {reviewer ? (
            <Tooltip title={rt('console.startHelp')}>
              <Button
                type="primary"
                icon={<PlayCircleOutlined />}
                onClick={() => void start()}
                onMouseEnter={prefetchStart}
                onFocus={prefetchStart}
                data-testid="start-review"
              >
                {rt('console.start')} <kbd>N</kbd>
              </Button>
            </Tooltip>
          ) : null}
          <Link to="/review/statistics">
            <Button icon={<BarChartOutlined />} data-testid="go-statistics">
              {rt('console.statistics')}
            </Button>
          </Link>
          {user?.role === 'region_reviewer' || user?.role === 'admin' ? (
            <Link to="/review/shared-pictures">
              <Button icon={<CopyOutlined />} data-testid="go-shared-pictures">
                {signalText('sharedLink', lang)}
              </Button>
            </Link>
          ) : null}
          {user?.role === 'site_reviewer' ? (
            <Link to="/review/site-rules">
              <Button icon={<AuditOutlined />} data-testid="go-site-rules">
                {adminText(lang, 'siteRules.title')}
              </Button>
            </Link>
          ) : null}
          <Link to="/review/account">
            <Button icon={<UserOutlined />} aria-label={rt('console.account')} title={rt('console.account')} />
          </Link>
        </Space>
      </div>

      <div className="queue-panel">
        <Tabs
          activeKey={filters.status}
          onChange={(k) => setFilters({ status: k as QueueFilters['status'] })}
          items={tabs}
          size={screens.md ? 'middle' : 'small'}
          className="queue-tabs"
        />
        <div className="queue-filters">
          <Input.Search
            id="queue-search"
            allowClear
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            onSearch={(v) => setFilters({ q: v.trim() || undefined })}
            placeholder={rt('filter.search')}
            className="queue-search"
            data-testid="queue-search"
            enterButton
          />
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            value={filters.examCategory}
            placeholder={rt('filter.examCategory')}
            aria-label={rt('filter.examCategory')}
            onChange={(v: string | undefined) => setFilters({ examCategory: v })}
            options={options.examCategories.map((c) => ({ value: c.code, label: nameInLanguage(c, lang) }))}
            className="filter-select filter-exam"
            popupMatchSelectWidth={false}
            data-testid="filter-exam"
          />
          {wide ? (
            <Select
              allowClear
              showSearch
              optionFilterProp="label"
              value={filters.site}
              placeholder={rt('filter.site')}
              aria-label={rt('filter.site')}
              onChange={(v: string | undefined) => setFilters({ site: v })}
              options={options.sites.map((c) => ({ value: c.code, label: `${c.name}（${c.code}）` }))}
              className="filter-select filter-site"
              popupMatchSelectWidth={false}
              data-testid="filter-site"
            />
          ) : null}
          {boolSelect('complete', 'filter-complete')}
          {boolSelect('changed', 'filter-changed')}
          {boolSelect('claimed', 'filter-claimed')}
          <Space size={4}>
            {hasFilters ? (
              <Button onClick={() => setSearch(filtersToSearch({ status: filters.status }, reviewer), { replace: true })}>{rt('filter.reset')}</Button>
            ) : null}
            <Tooltip title={rt('console.refresh')}>
              <Button icon={<ReloadOutlined />} onClick={refresh} aria-label={rt('console.refresh')} data-testid="queue-refresh" />
            </Tooltip>
          </Space>
        </div>

        {error ? <Alert type="error" showIcon message={error} style={{ margin: '8px 0' }} /> : null}
        {filters.status === 'incomplete' ? <Alert type="info" showIcon message={rt('console.incompleteHelp')} style={{ margin: '8px 0' }} data-testid="incomplete-help" /> : null}

        <Table<QueueItem>
          rowKey="registrationNo"
          size="middle"
          columns={screens.md === false ? compactColumns : columns}
          showHeader={screens.md !== false}
          dataSource={items}
          loading={loading && items.length === 0}
          pagination={false}
          tableLayout="auto"
          scroll={{ x: 'max-content' }}
          onRow={(i) => ({ onClick: () => open(i.registrationNo), className: 'queue-row', 'data-testid': 'queue-row', 'data-no': i.registrationNo } as object)}
          locale={{
            emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={filters.status === 'pending' && !hasFilters ? rt('console.emptyPending') : rt('console.empty')} />,
          }}
          data-testid="queue-table"
        />
        <div className="queue-footer">
          <Typography.Text type="secondary" data-testid="queue-shown">
            {hasFilters || total === undefined ? rt('console.shownNoTotal', { shown: items.length }) : rt('console.shown', { shown: items.length, total })}
          </Typography.Text>
          {cursor ? (
            <Button onClick={() => void load(cursor)} loading={loading && items.length > 0} data-testid="load-more">
              {rt('console.loadMore')}
            </Button>
          ) : items.length > 0 ? (
            <Typography.Text type="secondary">{rt('console.end')}</Typography.Text>
          ) : null}
        </div>
      </div>
    </div>
  );
}

/** A queue row's status and the tags a reviewer scans for: 已修改, 材料不齐, who holds it. */
function QueueTags({ item: i, rt }: { item: QueueItem; rt: ReviewT }) {
  return (
    <Space size={[4, 4]} wrap>
      <StatusTag status={i.status} label={i.statusLabel} />
      {i.changedSinceReturn ? <Tag color="orange">{rt('tag.changed')}</Tag> : null}
      {!i.materialsComplete ? <Tag color="error">{rt('tag.incomplete')}</Tag> : null}
      {i.claimed && !i.claimedByMe ? <Tag color="processing">{rt('tag.claimedOther')}</Tag> : null}
      {i.claimedByMe ? <Tag color="cyan">{rt('tag.claimedMe')}</Tag> : null}
    </Space>
  );
}
