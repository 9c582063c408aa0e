import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { api, ApiError } from '../api/client';
import { homeFor, useAuth } from '../auth/AuthProvider';
import { useI18n } from '../i18n/I18nProvider';

interface PasswordForm {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** 修改密码: required while user.mustChangePassword (imported candidates, new staff). */
export default function ChangePasswordPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { user, refresh } = useAuth();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const onFinish = async (v: PasswordForm) => {
    setBusy(true);
    setError(null);
    try {
      await api.changePassword(v.currentPassword, v.newPassword);
      message.success(t('password.done'));
      await refresh();
      navigate(user ? homeFor({ ...user, mustChangePassword: false }) : '/', { replace: true });
    } catch (e) {
      if (e instanceof ApiError && e.handled) return;
      setError(e instanceof ApiError ? e.message : t('common.unknownError'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="narrow-page">
      <Card title={t('password.title')}>
        {user?.mustChangePassword ? (
          <Alert type="warning" showIcon message={t('password.intro')} style={{ marginBottom: 16 }} />
        ) : null}
        {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} /> : null}
        <Form<PasswordForm> layout="vertical" onFinish={onFinish} requiredMark={false}>
          <Form.Item name="currentPassword" label={t('password.current')} rules={[{ required: true, message: t('password.currentRequired') }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item
            name="newPassword"
            label={t('password.new')}
            extra={t('password.rule')}
            rules={[
              { required: true, message: t('password.newRequired') },
              { min: 8, message: t('password.tooShort') },
              { pattern: /^(?=.*[A-Za-z])(?=.*\d).+$/, message: t('password.needMix') },
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            name="confirm"
            label={t('password.confirm')}
            dependencies={['newPassword']}
            rules={[
              { required: true, message: t('password.newRequired') },
              ({ getFieldValue }) => ({
                validator: (_r, value) =>
                  !value || getFieldValue('newPassword') === value ? Promise.resolve() : Promise.reject(new Error(t('password.mismatch'))),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={busy}>
            {t('password.submit')}
          </Button>
        </Form>
        <Typography.Paragraph type="secondary" style={{ margin: '12px 0 0', fontSize: 13 }}>
          {t('staff.username')}：{user?.username}
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
