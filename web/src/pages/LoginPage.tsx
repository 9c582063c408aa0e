import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Segmented, Typography } from 'antd';
import { LockOutlined, SafetyCertificateOutlined, UserOutlined } from '@ant-design/icons';
import { useLocation, useNavigate, useSearchParams } from 'react-router-dom';
import { api, ApiError } from '../api/client';
import { homeFor, useAuth } from '../auth/AuthProvider';
import { useI18n } from '../i18n/I18nProvider';
import { returnPathAfterLogin, sameOriginPath } from '../lib/return-path';

interface LoginForm {
  username: string;
  password: string;
}

type Who = 'candidate' | 'staff';

/**
 * 登录: 考生用报名号, staff their work accounts, on one page. The switch only changes the
 * words (报名号 / 用户名 and the 忘记密码 advice); the server tells the roles apart. After
 * login the person goes back to the page they asked for (?next=, checked by return-path).
 */
export default function LoginPage() {
  const { t } = useI18n();
  const { setSession } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [params] = useSearchParams();
  const state = (location.state ?? {}) as { expired?: boolean; from?: string };
  const requested = params.get('next') ?? state.from ?? null;
  const requestedPath = sameOriginPath(requested) ?? '';
  const [who, setWho] = useState<Who>(/^\/(review|admin)(\/|$|\?)/.test(requestedPath) ? 'staff' : 'candidate');
  const [forgotOpen, setForgotOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const candidate = who === 'candidate';

  const onFinish = async (v: LoginForm) => {
    setBusy(true);
    setError(null);
    try {
      const session = await api.login(v.username.trim(), v.password);
      setSession(session);
      navigate(returnPathAfterLogin(requested, session.user) ?? homeFor(session.user), { replace: true });
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
        <Segmented<Who>
          block
          value={who}
          onChange={setWho}
          aria-label={t('login.as')}
          data-testid="login-as"
          style={{ marginBottom: 16 }}
          options={[
            { value: 'candidate', label: t('login.asCandidate') },
            { value: 'staff', label: t('login.asStaff') },
          ]}
        />
        <Form<LoginForm> layout="vertical" onFinish={onFinish} requiredMark={false} autoComplete="on">
          <Form.Item
            name="username"
            label={candidate ? t('login.registrationNo') : t('login.username')}
            rules={[{ required: true, whitespace: true, message: candidate ? t('login.registrationNoRequired') : t('login.usernameRequired') }]}
          >
            <Input
              size="large"
              prefix={<UserOutlined />}
              placeholder={candidate ? t('login.registrationNoPlaceholder') : t('login.staffPlaceholder')}
              autoComplete="username"
              inputMode={candidate ? 'numeric' : 'text'}
              autoCapitalize="off"
              autoCorrect="off"
              spellCheck={false}
            />
          </Form.Item>
          <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
            <Input.Password size="large" prefix={<LockOutlined />} placeholder={t('login.passwordPlaceholder')} autoComplete="current-password" />
          </Form.Item>
          <Form.Item style={{ marginBottom: 8 }}>
            <Button type="primary" htmlType="submit" size="large" block loading={busy}>
              {t('login.submit')}
            </Button>
          </Form.Item>
        </Form>
        <div style={{ textAlign: 'right', marginBottom: 8 }}>
          <Button type="link" size="small" style={{ paddingInline: 0 }} aria-expanded={forgotOpen} onClick={() => setForgotOpen((o) => !o)} data-testid="forgot-password">
            {t('login.forgot')}
          </Button>
        </div>
        {forgotOpen ? (
          <Alert type="info" showIcon message={candidate ? t('login.forgotCandidate') : t('login.forgotStaff')} style={{ marginBottom: 12 }} data-testid="forgot-help" />
        ) : null}
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0, fontSize: 13 }}>
          {t('login.hint')}
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
