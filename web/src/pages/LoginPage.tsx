import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined, SafetyCertificateOutlined, UserOutlined } from '@ant-design/icons';
import { useLocation, useNavigate } from 'react-router-dom';
import { api, ApiError } from '../api/client';
import { homeFor, useAuth } from '../auth/AuthProvider';
import { useI18n } from '../i18n/I18nProvider';

interface LoginForm {
  username: string;
  password: string;
}

/** 登录: 考生用报名号; staff use their work accounts on the same page. */
export default function LoginPage() {
  const { t } = useI18n();
  const { setSession } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const state = (location.state ?? {}) as { expired?: boolean; from?: string };
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const onFinish = async (v: LoginForm) => {
    setBusy(true);
    setError(null);
    try {
      const session = await api.login(v.username.trim(), v.password);
      setSession(session);
      const home = homeFor(session.user);
      const back = state.from && state.from !== '/login' && !session.user.mustChangePassword ? state.from : null;
      // Only return to a page of the user's own side (a candidate never lands on /review).
      const ok = back && (session.user.role === 'candidate' ? !back.startsWith('/review') : back.startsWith('/review'));
      navigate(ok ? back : home, { replace: true });
    } catch (e) {
      setError(e instanceof ApiError ? e.message : t('common.unknownError'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="narrow-page">
      <Card>
        <div className="login-heading">
          <SafetyCertificateOutlined style={{ fontSize: 40, color: '#1d5fbf' }} />
          <h1>
            {t('app.name')}
            <span className="login-sub-inline">
              <span className="login-dot"> · </span>
              {t('app.subtitle')}
            </span>
          </h1>
        </div>
        <Typography.Title level={4} style={{ textAlign: 'center', margin: '4px 0 16px' }}>
          {t('login.title')}
        </Typography.Title>
        {state.expired && !error ? (
          <Alert type="info" showIcon message={t('login.sessionEnded')} style={{ marginBottom: 16 }} />
        ) : null}
        {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} data-testid="login-error" /> : null}
        <Form<LoginForm> layout="vertical" onFinish={onFinish} requiredMark={false} autoComplete="on">
          <Form.Item name="username" label={t('login.username')} rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}>
            <Input
              size="large"
              prefix={<UserOutlined />}
              placeholder={t('login.usernamePlaceholder')}
              autoComplete="username"
              inputMode="text"
              autoCapitalize="off"
              autoCorrect="off"
              spellCheck={false}
            />
          </Form.Item>
          <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
            <Input.Password size="large" prefix={<LockOutlined />} placeholder={t('login.passwordPlaceholder')} autoComplete="current-password" />
          </Form.Item>
          <Form.Item style={{ marginBottom: 12 }}>
            <Button type="primary" htmlType="submit" size="large" block loading={busy}>
              {t('login.submit')}
            </Button>
          </Form.Item>
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0, fontSize: 13 }}>
          {t('login.hint')}
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
