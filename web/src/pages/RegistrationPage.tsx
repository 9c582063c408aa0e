import { Alert, Button, Card, Descriptions, Typography } from 'antd';
import { CloudUploadOutlined } from '@ant-design/icons';
import { Link, Navigate } from 'react-router-dom';
import { useUnreadMessages } from '../components/useUnreadMessages';
import { RegionAnnouncementCard } from '../components/RegionAnnouncementCard';
import { api } from '../api/client';
import { PageError, PageLoading } from '../components/PageState';
import { StatusTag } from '../components/StatusTag';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/messages';
import { formatDateTime } from '../lib/format';
import { useLoad } from './useLoad';

/** 报名信息: the registration with its review status at the top right and 上传相关材料. */
export default function RegistrationPage() {
  const { t } = useI18n();
  const { data: reg, error, loading, reload } = useLoad(() => api.registration());
  const unread = useUnreadMessages(!!reg?.activated);

  if (loading && !reg) return <PageLoading />;
  if (!reg) return <PageError message={error ?? undefined} onRetry={() => void reload()} />;
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
          { key: 'cat', label: t('reg.examCategory'), children: reg.examCategory?.name },
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
      {reg.uploadEnabled ? (
        <Link to="/materials">
          <Button type="primary" size="large" icon={<CloudUploadOutlined />} data-testid="go-materials">
            {t('reg.upload')}
          </Button>
        </Link>
      ) : (
        <Alert type="info" showIcon message={t('reg.uploadDisabled')} data-testid="upload-disabled" />
      )}
    </Card>
    </div>
  );
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
