import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { KeyOutlined, PlusOutlined, StopOutlined, CheckCircleOutlined } from '@ant-design/icons';
import { useAuth } from '../../auth/AuthProvider';
import { useLoad } from '../useLoad';
import { adminApi } from './api';
import { FormModal } from './FormModal';
import { chinaTime, ROLE_LABELS } from './labels';
import type { Account, AccountRole, NewAccount } from './types';
import { useAdminAction } from './useAdminAction';

const ROLE_FILTERS: Array<{ value: string; label: string }> = [
  { value: '', label: '全部工作人员' },
  { value: 'site_reviewer', label: '考点审核员' },
  { value: 'region_reviewer', label: '考区审核员' },
  { value: 'admin', label: '管理员' },
  { value: 'candidate', label: '考生（按报名号查找）' },
];

/** A one-time password shown once: the administrator hands it over in person. */
function PasswordNotice({ username, password, hint }: { username: string; password: string | null; hint: string }) {
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="password-notice">
      <Typography.Text>用户名：<b>{username}</b></Typography.Text>
      {password ? (
        <>
          <Typography.Text>临时密码（只显示这一次）：</Typography.Text>
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
    () => (regions.data?.items ?? []).filter((r) => !newRegion || r.code === newRegion).flatMap((r) => r.sites.map((s) => ({ value: s.code, label: `${s.name}（${s.code}）` }))),
    [regions.data, newRegion],
  );

  const create = (v: NewAccount) =>
    act('create', async () => {
      const r = await adminApi.createAccount({ ...v, regionCode: v.regionCode || null, siteCode: v.siteCode || null });
      setCreating(false);
      modal.success({
        title: '账号已创建',
        content: <PasswordNotice username={r.account.username} password={r.temporaryPassword} hint="请当面或通过安全渠道告知本人；首次登录须修改密码。" />,
        okText: '我已记下',
      });
    });

  const reset = (a: Account) =>
    act(`reset-${a.id}`, async () => {
      const r = await adminApi.resetPassword(a.id);
      modal.success({ title: '密码已重置', content: <PasswordNotice username={a.username} password={r.temporaryPassword} hint={r.passwordHint} />, okText: '我已记下' });
    });

  const scopeText = (a: Account) => [a.regionCode ? `考区 ${a.regionCode}` : '全国', a.siteCode ? `考点 ${a.siteCode}` : ''].filter(Boolean).join(' · ');

  return (
    <Card title="账号管理" extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => { form.resetFields(); form.setFieldsValue({ role: 'site_reviewer', regionCode: user?.regionCode ?? undefined }); setCreating(true); }} data-testid="account-add">新建账号</Button>}>
      <div className="admin-toolbar">
        <Space wrap>
          <Select value={role} onChange={(v) => { setRole(v); setPage(1); }} options={ROLE_FILTERS} style={{ width: 200 }} />
          <Input.Search allowClear placeholder={role === 'candidate' ? '报名号或姓名' : '用户名或姓名'} onSearch={(v) => { setQ(v.trim()); setPage(1); }} style={{ width: 260 }} />
        </Space>
        {user?.regionCode ? <Typography.Text type="secondary">只显示考区 {user.regionCode} 的账号</Typography.Text> : null}
      </div>
      {accounts.error ? <Alert type="error" showIcon message={accounts.error} style={{ marginBottom: 12 }} /> : null}
      <Table<Account>
        rowKey="id"
        loading={accounts.loading}
        dataSource={accounts.data?.items ?? []}
        scroll={{ x: 900 }}
        pagination={{ current: page, pageSize: 20, total: accounts.data?.total ?? 0, onChange: setPage, showTotal: (n) => `共 ${n} 个` }}
        columns={[
          { title: '用户名', dataIndex: 'username' },
          { title: '姓名/名称', dataIndex: 'displayName' },
          { title: '角色', key: 'role', render: (_, a) => ROLE_LABELS[a.role as AccountRole] },
          { title: '范围', key: 'scope', render: (_, a) => scopeText(a) },
          {
            title: '状态', key: 'st',
            render: (_, a) => (
              <Space size={4}>
                {a.disabled ? <Tag color="red">已停用</Tag> : <Tag color="green">正常</Tag>}
                {a.mustChangePassword ? <Tag color="orange">待改密码</Tag> : null}
              </Space>
            ),
          },
          { title: '创建时间', key: 'c', render: (_, a) => chinaTime(a.createdAt) },
          {
            title: '操作', key: 'a', width: 200,
            render: (_, a) =>
              a.id === user?.id ? <Typography.Text type="secondary">当前账号</Typography.Text> : (
                <Space size={0}>
                  {a.disabled ? (
                    <Button type="link" size="small" icon={<CheckCircleOutlined />} loading={busy === `en-${a.id}`}
                      onClick={() => void act(`en-${a.id}`, async () => { await adminApi.setDisabled(a.id, false); message.success(`${a.username} 已启用`); })}>启用</Button>
                  ) : (
                    <Popconfirm title={`停用 ${a.username}？`} description="停用后该账号立即退出登录，不能再登录。" okText="停用" cancelText="取消"
                      onConfirm={() => act(`dis-${a.id}`, async () => { await adminApi.setDisabled(a.id, true); message.success(`${a.username} 已停用`); })}>
                      <Button type="link" size="small" danger icon={<StopOutlined />} loading={busy === `dis-${a.id}`}>停用</Button>
                    </Popconfirm>
                  )}
                  <Popconfirm title={`重置 ${a.username} 的密码？`} description={a.role === 'candidate' ? '恢复为初始密码（证件号码后六位），登录后须修改。' : '生成临时密码，登录后须修改。'} okText="重置" cancelText="取消" onConfirm={() => reset(a)}>
                    <Button type="link" size="small" icon={<KeyOutlined />} loading={busy === `reset-${a.id}`}>重置密码</Button>
                  </Popconfirm>
                </Space>
              ),
          },
        ]}
      />

      <FormModal form={form} title="新建账号" open={creating} onClose={() => setCreating(false)} onSubmit={create} confirmLoading={busy === 'create'} okText="创建">
        <Form.Item name="role" label="角色" rules={[{ required: true }]}>
          <Select options={(['site_reviewer', 'region_reviewer', 'admin'] as const).map((r) => ({ value: r, label: ROLE_LABELS[r] }))} />
        </Form.Item>
        <Form.Item name="regionCode" label="考区" extra={newRole === 'admin' && !user?.regionCode ? '不选即全国管理员' : undefined}
          rules={[{ required: newRole !== 'admin' || !!user?.regionCode, message: '请选择考区' }]}>
          <Select allowClear disabled={!!user?.regionCode} options={(regions.data?.items ?? []).map((r) => ({ value: r.code, label: `${r.name}（${r.code}）` }))}
            onChange={() => form.setFieldValue('siteCode', undefined)} />
        </Form.Item>
        {newRole === 'site_reviewer' ? (
          <Form.Item name="siteCode" label="考点" rules={[{ required: true, message: '请选择考点' }]}>
            <Select options={sites} showSearch optionFilterProp="label" />
          </Form.Item>
        ) : null}
        <Form.Item name="username" label="用户名" extra="3–32 位字母、数字或 _ - .，须含字母（纯数字是考生报名号的格式）"
          rules={[{ required: true, message: '请填写用户名' }, { pattern: /^(?=.*[A-Za-z])[A-Za-z0-9_.-]{3,32}$/, message: '3–32 位字母、数字或 _ - .，须含字母' }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="displayName" label="姓名/名称" rules={[{ required: true, whitespace: true, message: '请填写姓名' }, { max: 50 }]}><Input /></Form.Item>
      </FormModal>
    </Card>
  );
}
