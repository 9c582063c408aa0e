import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { api, ApiError } from '../api/client';
import { PageError, PageLoading } from '../components/PageState';
import { useI18n } from '../i18n/I18nProvider';
import { CONSENT } from '../i18n/messages';
import { useLoad } from './useLoad';

/** 激活用户: the one-time consent (授权说明) before the upload pages open. */
export default function ActivatePage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const reg = useLoad(() => api.registration());
  const [agree, setAgree] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (reg.data?.activated) navigate('/', { replace: true });
  }, [reg.data, navigate]);

  if (reg.loading && !reg.data) return <PageLoading />;
  if (reg.error && !reg.data) return <PageError message={reg.error} onRetry={() => void reg.reload()} />;

  const onActivate = async () => {
    if (!agree) {
      setError(t('activate.mustAgree'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api.activate();
      message.success(t('activate.done'));
      navigate(reg.data?.uploadEnabled ? '/materials' : '/', { replace: true });
    } catch (e) {
      if (e instanceof ApiError && e.handled) return;
      setError(e instanceof ApiError ? e.message : t('common.unknownError'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="wide-page">
      <Card title={t('activate.title')}>
        <Typography.Paragraph>{t('activate.intro')}</Typography.Paragraph>
        {reg.data ? (
          <Typography.Paragraph type="secondary">
            {t('reg.name')}：{reg.data.name}　{t('reg.registrationNo')}：{reg.data.registrationNo}
          </Typography.Paragraph>
        ) : null}
        <Typography.Title level={5}>{t('activate.consentTitle')}</Typography.Title>
        <div className="consent-box" data-testid="consent" tabIndex={0}>
          {CONSENT[lang].map((p) => (
            <div key={p.heading}>
              <h4>{p.heading}</h4>
              <p>{p.body}</p>
            </div>
          ))}
        </div>
        {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} /> : null}
        <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', justifyContent: 'space-between', gap: 12 }}>
          <Checkbox checked={agree} onChange={(e) => { setAgree(e.target.checked); setError(null); }} data-testid="consent-agree">
            {t('activate.agree')}
          </Checkbox>
          <Button type="primary" size="large" disabled={!agree} loading={busy} onClick={onActivate} style={{ minWidth: 140 }} data-testid="activate-submit">
            {t('activate.submit')}
          </Button>
        </div>
      </Card>
    </div>
  );
}
