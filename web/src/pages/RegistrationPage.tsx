import { useEffect, useState } from 'react';
import { Alert, Button, Card, Descriptions, Typography } from 'antd';
import { CloudUploadOutlined, FileSearchOutlined } from '@ant-design/icons';
import type { Materials, Registration } from '../api/types';
import { TodoList } from './materials/TodoList';
import { Link, Navigate } from 'react-router-dom';
import { useUnreadMessages } from '../components/useUnreadMessages';
import { RegionAnnouncementCard } from '../components/RegionAnnouncementCard';
import { api } from '../api/client';
import { PageError, PageLoading } from '../components/PageState';
import { StatusTag } from '../components/StatusTag';
import { useI18n } from '../i18n/I18nProvider';
import { nameInLanguage } from '../lib/catalog-text';
import type { MessageKey } from '../i18n/messages';
import { formatDateTime } from '../lib/format';
import { useLoad } from './useLoad';

/** 报名信息: the registration with its review status at the top right and 上传相关材料. */
export default function RegistrationPage() {
  const { t, lang } = useI18n();
  const { data: reg, error, errorStatus, loading, reload } = useLoad(() => api.registration());
  const unread = useUnreadMessages(!!reg?.activated);
  // The to-do on the card: what is left, each item leading to its card on the materials page.
  const [materials, setMaterials] = useState<Materials | null>(null);
  useEffect(() => {
    if (!reg?.activated) return;
    let live = true;
    api.materials().then((m) => live && setMaterials(m), () => undefined);
    return () => {
      live = false;
    };
  }, [reg?.activated, reg?.status]);

  if (loading && !reg) return <PageLoading />;
  if (!reg) return <PageError message={error ?? undefined} status={errorStatus} onRetry={() => void reload()} />;
  if (!reg.activated) return <Navigate to="/activate" replace />;

  const help = `reg.statusHelp.${reg.status}` as MessageKey;
  return (
    <div className="stack">
    {unread ? (
      <Alert
        type="warning"
        showIcon
        data-testid="unread-alert"
        message={t('messages.unreadAlert', { count: unread })}
        action={
          <Link to="/messages">
            <Button size="small">{t('messages.view')}</Button>
          </Link>
        }
      />
    ) : null}
    <RegionAnnouncementCard />
    <Card
      title={t('reg.title')}
      extra={<StatusTag status={reg.status} label={reg.statusLabel} />}
      data-testid="registration-card"
    >
      <Descriptions
        className="descriptions-wrap"
        bordered
        size="small"
        styles={{ label: { whiteSpace: 'nowrap' } }}
        column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 2 }}
        items={[
          { key: 'no', label: t('reg.registrationNo'), children: reg.registrationNo },
          { key: 'name', label: t('reg.name'), children: reg.name },
          { key: 'id', label: t('reg.idNumber'), children: reg.idNumberMasked },
          { key: 'phone', label: t('reg.phone'), children: reg.phoneMasked },
          { key: 'year', label: t('reg.year'), children: reg.year },
          { key: 'cat', label: t('reg.examCategory'), children: reg.examCategory ? nameInLanguage(reg.examCategory, lang) : null },
          { key: 'region', label: t('reg.region'), children: reg.region?.name },
          { key: 'site', label: t('reg.site'), children: reg.site?.name },
          { key: 'act', label: t('reg.activated'), children: reg.activated ? t('reg.activatedYes') : t('reg.activatedNo') },
          ...(reg.uploadOpensAt || reg.uploadClosesAt
            ? [{ key: 'window', label: t('reg.uploadWindow'), children: windowText(reg.uploadOpensAt, reg.uploadClosesAt, t) }]
            : []),
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ margin: '16px 0' }}>
        {t(help)}
      </Typography.Paragraph>
      {materials && (reg.uploadEnabled || reg.lateFixesOpen || materials.todo.length > 0 || reg.status === 'returned') ? (
        <div style={{ marginBottom: 16 }}>
          <TodoList materials={materials} testId="registration-todo" />
        </div>
      ) : null}
      {reg.lateFixesOpen && reg.uploadClosesAt ? (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={t('reg.uploadEnded', { time: formatDateTime(reg.uploadClosesAt) })} data-testid="upload-ended" />
      ) : null}
      {reg.uploadEnabled || reg.lateFixesOpen ? (
        <Link to="/materials">
          <Button type="primary" size="large" icon={<CloudUploadOutlined />} data-testid="go-materials">
            {reg.uploadEnabled ? t('reg.upload') : t('reg.fixMaterials')}
          </Button>
        </Link>
      ) : (
        <>
          <Alert type="info" showIcon message={closedText(reg, t)} data-testid="upload-disabled" data-state={reg.uploadWindowState} />
          {reg.status !== 'draft' ? (
            <Link to="/materials">
              <Button style={{ marginTop: 12 }} icon={<FileSearchOutlined />} data-testid="view-materials">
                {t('reg.viewMaterials')}
              </Button>
            </Link>
          ) : null}
        </>
      )}
    </Card>
    </div>
  );
}

/** 未开放 with its opening time, 已截止 with its closing time, or switched off by the region. */
function closedText(reg: Registration, t: ReturnType<typeof useI18n>['t']): string {
  if (reg.uploadWindowState === 'not_open' && reg.uploadOpensAt) return t('reg.uploadNotOpen', { time: formatDateTime(reg.uploadOpensAt) });
  if (reg.uploadWindowState === 'closed' && reg.uploadClosesAt) return t('reg.uploadEnded', { time: formatDateTime(reg.uploadClosesAt) });
  return t('reg.uploadDisabled');
}

/** "2026-03-01 08:00 至 2026-03-15 18:00", each time kept on one line. */
function windowText(from: string | null | undefined, to: string | null | undefined, t: ReturnType<typeof useI18n>['t']) {
  const SEP = '\u0000';
  const text =
    from && to
      ? t('reg.windowRange', { from: SEP + formatDateTime(from) + SEP, to: SEP + formatDateTime(to) + SEP })
      : from
        ? t('reg.windowFrom', { from: SEP + formatDateTime(from) + SEP })
        : t('reg.windowUntil', { to: SEP + formatDateTime(to ?? '') + SEP });
  return (
    <span>
      {text.split(SEP).map((part, i) => (i % 2 === 1 ? <span key={i} style={{ whiteSpace: 'nowrap' }}>{part}</span> : part))}
    </span>
  );
}
