import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { KeyOutlined, PlusOutlined, StopOutlined, CheckCircleOutlined } from '@ant-design/icons';
import { useAuth } from '../../auth/AuthProvider';
import { useLoad } from '../useLoad';
import { adminApi } from './api';
import { FormModal } from './FormModal';
import { chinaTime, ROLE_LABELS } from './labels';
import type { AdminKey } from './admin-messages';
import type { Account, AccountRole, NewAccount } from './types';
import { useAdminAction } from './useAdminAction';
import { useAdminText } from './useAdminText';
import { confirmWithHistory } from '../../lib/confirm-with-history';
import { HistoryPopconfirm } from '../../components/HistoryPopconfirm';

const ROLE_FILTERS: Array<{ value: string; label: AdminKey }> = [
  { value: '', label: 'accounts.filter.all' },
  { value: 'site_reviewer', label: 'role.site_reviewer' },
  { value: 'region_reviewer', label: 'role.region_reviewer' },
  { value: 'admin', label: 'role.admin' },
  { value: 'candidate', label: 'accounts.filter.candidate' },
];

/** A one-time password shown once: the administrator hands it over in person. */
function PasswordNotice({ username, password, hint }: { username: string; password: string | null; hint: string }) {
  const t = useAdminText();
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="password-notice">
      <Typography.Text>{t('accounts.notice.username')}<b>{username}</b></Typography.Text>
      {password ? (
        <>
          <Typography.Text>{t('accounts.notice.password')}</Typography.Text>
          <Typography.Text copyable className="admin-temp-password" data-testid="temporary-password">{password}</Typography.Text>
        </>
      ) : null}
      <Alert type="info" showIcon message={hint} />
    </Space>
  );
}

/** 账号管理: reviewers and administrators of the caller's scope; candidates found by 报名号. */
export default function AccountsPage() {
  const { message, modal } = App.useApp();
  const { user } = useAuth();
  const t = useAdminText();
  const [role, setRole] = useState('');
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const accounts = useLoad(() => adminApi.accounts({ role, q, page, pageSize: 20 }), [role, q, page]);
  const regions = useLoad(() => adminApi.regions());
  const [creating, setCreating] = useState(false);
  const { busy, run: act } = useAdminAction(accounts.reload);
  const [form] = Form.useForm<NewAccount>();
  const newRole = Form.useWatch('role', form);
  const newRegion = Form.useWatch('regionCode', form);

  const sites = useMemo(
    () => (regions.data?.items ?? []).filter((r) => !newRegion || r.code === newRegion).flatMap((r) => r.sites.map((s) => ({ value: s.code, label: t('common.nameCode', { name: s.name, code: s.code }) }))),
    [regions.data, newRegion, t],
  );

  const create = (v: NewAccount) =>
    act('create', async () => {
      const r = await adminApi.createAccount({ ...v, regionCode: v.regionCode || null, siteCode: v.siteCode || null });
      setCreating(false);
      void confirmWithHistory(modal.success, {
        title: t('accounts.created'),
        content: <PasswordNotice username={r.account.username} password={r.temporaryPassword} hint={t('accounts.createdHint')} />,
        okText: t('accounts.noted'),
      });
    });

  const reset = (a: Account) =>
    act(`reset-${a.id}`, async () => {
      const r = await adminApi.resetPassword(a.id);
      void confirmWithHistory(modal.success, { title: t('accounts.resetDone'), content: <PasswordNotice username={a.username} password={r.temporaryPassword} hint={r.passwordHint} />, okText: t('accounts.noted') });
    });

  const scopeText = (a: Account) => [a.regionCode ? t('scope.region', { code: a.regionCode }) : t('scope.national'), a.siteCode ? t('scope.site', { code: a.siteCode }) : ''].filter(Boolean).join(' · ');

  return (
    <Card title={t('nav.accounts')} extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => { form.resetFields(); form.setFieldsValue({ role: 'site_reviewer', regionCode: user?.regionCode ?? undefined }); setCreating(true); }} data-testid="account-add">{t('accounts.add')}</Button>}>
      <div className="admin-toolbar">
        <Space wrap>
          <Select value={role} aria-label={t('accounts.roleFilter')} onChange={(v) => { setRole(v); setPage(1); }} options={ROLE_FILTERS.map((f) => ({ value: f.value, label: t(f.label) }))} style={{ width: 200 }} />
          <Input.Search allowClear placeholder={role === 'candidate' ? t('accounts.search.candidate') : t('accounts.search.staff')} onSearch={(v) => { setQ(v.trim()); setPage(1); }} style={{ width: 260 }} />
        </Space>
        {user?.regionCode ? <Typography.Text type="secondary">{t('accounts.regionOnly', { code: user.regionCode })}</Typography.Text> : null}
      </div>
      {accounts.error ? <Alert type="error" showIcon message={accounts.error} style={{ marginBottom: 12 }} /> : null}
      <Table<Account>
        rowKey="id"
        loading={accounts.loading}
        dataSource={accounts.data?.items ?? []}
        scroll={{ x: 900 }}
        pagination={{ current: page, pageSize: 20, total: accounts.data?.total ?? 0, onChange: setPage, showTotal: (n) => t('accounts.total', { count: n }) }}
        columns={[
          { title: t('accounts.col.username'), dataIndex: 'username' },
          { title: t('accounts.col.displayName'), dataIndex: 'displayName' },
          { title: t('accounts.col.role'), key: 'role', render: (_, a) => t(ROLE_LABELS[a.role as AccountRole]) },
          { title: t('accounts.col.scope'), key: 'scope', render: (_, a) => scopeText(a) },
          {
            title: t('accounts.col.status'), key: 'st',
            render: (_, a) => (
              <Space size={4}>
                {a.disabled ? <Tag color="red">{t('accounts.disabled')}</Tag> : <Tag color="green">{t('accounts.active')}</Tag>}
                {a.mustChangePassword ? <Tag color="orange">{t('accounts.mustChange')}</Tag> : null}
              </Space>
            ),
          },
          { title: t('accounts.col.createdAt'), key: 'c', render: (_, a) => chinaTime(a.createdAt) },
          {
            title: t('common.actions'), key: 'a', width: 200,
            render: (_, a) =>
              a.id === user?.id ? <Typography.Text type="secondary">{t('accounts.self')}</Typography.Text> : (
                <Space size={0}>
                  {a.disabled ? (
                    <Button type="link" size="small" icon={<CheckCircleOutlined />} loading={busy === `en-${a.id}`}
                      onClick={() => void act(`en-${a.id}`, async () => { await adminApi.setDisabled(a.id, false); message.success(t('accounts.enabledDone', { username: a.username })); })}>{t('accounts.enable')}</Button>
                  ) : (
                    <HistoryPopconfirm title={t('accounts.disableConfirm', { username: a.username })} description={t('accounts.disableHelp')} okText={t('accounts.disable')} cancelText={t('common.cancel')}
                      onConfirm={() => act(`dis-${a.id}`, async () => { await adminApi.setDisabled(a.id, true); message.success(t('accounts.disabledDone', { username: a.username })); })}>
                      <Button type="link" size="small" danger icon={<StopOutlined />} loading={busy === `dis-${a.id}`}>{t('accounts.disable')}</Button>
                    </HistoryPopconfirm>
                  )}
                  <HistoryPopconfirm title={t('accounts.resetConfirm', { username: a.username })} description={a.role === 'candidate' ? t('accounts.resetHelp.candidate') : t('accounts.resetHelp.staff')} okText={t('accounts.reset')} cancelText={t('common.cancel')} onConfirm={() => reset(a)}>
                    <Button type="link" size="small" icon={<KeyOutlined />} loading={busy === `reset-${a.id}`}>{t('accounts.resetPassword')}</Button>
                  </HistoryPopconfirm>
                </Space>
              ),
          },
        ]}
      />

      <FormModal form={form} title={t('accounts.add')} open={creating} onClose={() => setCreating(false)} onSubmit={create} confirmLoading={busy === 'create'} okText={t('accounts.create')}>
        <Form.Item name="role" label={t('accounts.col.role')} rules={[{ required: true }]}>
          <Select options={(['site_reviewer', 'region_reviewer', 'admin'] as const).map((r) => ({ value: r, label: t(ROLE_LABELS[r]) }))} />
        </Form.Item>
        <Form.Item name="regionCode" label={t('accounts.field.region')} extra={newRole === 'admin' && !user?.regionCode ? t('accounts.nationalAdmin') : undefined}
          rules={[{ required: newRole !== 'admin' || !!user?.regionCode, message: t('accounts.pickRegion') }]}>
          <Select allowClear disabled={!!user?.regionCode} options={(regions.data?.items ?? []).map((r) => ({ value: r.code, label: t('common.nameCode', { name: r.name, code: r.code }) }))}
            onChange={() => form.setFieldValue('siteCode', undefined)} />
        </Form.Item>
        {newRole === 'site_reviewer' ? (
          <Form.Item name="siteCode" label={t('accounts.field.site')} rules={[{ required: true, message: t('accounts.pickSite') }]}>
            <Select options={sites} showSearch optionFilterProp="label" />
          </Form.Item>
        ) : null}
        <Form.Item name="username" label={t('accounts.col.username')} extra={t('accounts.usernameHelp')}
          rules={[{ required: true, message: t('accounts.usernameRequired') }, { pattern: /^(?=.*[A-Za-z])[A-Za-z0-9_.-]{3,32}$/, message: t('accounts.usernamePattern') }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="displayName" label={t('accounts.col.displayName')} rules={[{ required: true, whitespace: true, message: t('accounts.nameRequired') }, { max: 50 }]}><Input /></Form.Item>
      </FormModal>
    </Card>
  );
}
