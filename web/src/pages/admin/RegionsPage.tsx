import { useState } from 'react';
import { Button, Card, DatePicker, Form, Input, Space, Switch, Table, Tag, Typography } from 'antd';
import { EditOutlined, FieldTimeOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { PageError, PageLoading } from '../../components/PageState';
import { useLoad } from '../useLoad';
import { adminApi } from './api';
import { FormModal } from './FormModal';
import { beijingWallClock, fromBeijingWallClock, windowText } from './labels';
import type { RegionItem, SiteItem } from './types';
import { useAdminAction } from './useAdminAction';

type Range = [Dayjs | null, Dayjs | null] | undefined;
interface WindowForm {
  upload: Range;
  review: Range;
}
const picked = (v: string | null) => (v ? dayjs(beijingWallClock(v)) : null);
const toRange = (a: string | null, b: string | null): Range => (a || b ? [picked(a), picked(b)] : undefined);
const iso = (d: Dayjs | null | undefined) => (d ? fromBeijingWallClock(d.format('YYYY-MM-DDTHH:mm')) : null);

/** 考区与考点: the upload switch (上传相关材料 button), the upload and review windows, and the sites. */
export default function RegionsPage() {
  const regions = useLoad(() => adminApi.regions());
  const { busy, run } = useAdminAction(regions.reload);
  const [windowFor, setWindowFor] = useState<RegionItem | null>(null);
  const [nameFor, setNameFor] = useState<{ kind: 'region' | 'site'; code: string; name: string } | null>(null);
  const [siteFor, setSiteFor] = useState<RegionItem | null>(null);
  const [newRegion, setNewRegion] = useState(false);
  const [windowForm] = Form.useForm<WindowForm>();
  const [nameForm] = Form.useForm<{ name: string }>();
  const [codeForm] = Form.useForm<{ code: string; name: string }>();

  if (regions.loading && !regions.data) return <PageLoading />;
  if (!regions.data) return <PageError message={regions.error ?? undefined} onRetry={() => void regions.reload()} />;

  const openWindows = (r: RegionItem) => {
    windowForm.setFieldsValue({ upload: toRange(r.uploadOpensAt, r.uploadClosesAt), review: toRange(r.reviewOpensAt, r.reviewClosesAt) });
    setWindowFor(r);
  };
  const saveWindows = (v: WindowForm) =>
    run(`window-${windowFor!.code}`, () =>
      adminApi.updateSettings(windowFor!.code, {
        uploadOpensAt: iso(v.upload?.[0]), uploadClosesAt: iso(v.upload?.[1]), reviewOpensAt: iso(v.review?.[0]), reviewClosesAt: iso(v.review?.[1]),
      }), '时间已保存，考生下次打开页面即生效');

  const siteColumns = (region: RegionItem) => [
    { title: '考点代码', dataIndex: 'code', width: 120 },
    { title: '考点名称', dataIndex: 'name' },
    { title: '考生数', dataIndex: 'candidateCount', width: 100 },
    {
      title: '操作', width: 100,
      render: (_: unknown, s: SiteItem) => (
        <Button size="small" type="link" icon={<EditOutlined />} onClick={() => { nameForm.setFieldsValue({ name: s.name }); setNameFor({ kind: 'site', code: s.code, name: s.name }); }}>
          改名
        </Button>
      ),
    },
  ].map((c) => ({ ...c, key: `${region.code}-${c.title}` }));

  return (
    <Card
      title="考区与考点"
      extra={regions.data.canCreateRegion ? <Button icon={<PlusOutlined />} onClick={() => { codeForm.resetFields(); setNewRegion(true); }}>新增考区</Button> : null}
    >
      <Typography.Paragraph type="secondary">
        “材料上传”关闭或不在上传时间内时，考生看不到“上传相关材料”按钮，上传一律被拒绝，已传图片全部锁定；修改后考生下次打开页面即生效。
      </Typography.Paragraph>
      <Table<RegionItem>
        rowKey="code"
        dataSource={regions.data.items}
        pagination={false}
        scroll={{ x: 900 }}
        expandable={{
          expandedRowRender: (r) => (
            <Space direction="vertical" style={{ width: '100%' }}>
              <Table<SiteItem> rowKey="code" size="small" dataSource={r.sites} columns={siteColumns(r)} pagination={false} />
              <Button size="small" icon={<PlusOutlined />} onClick={() => { codeForm.resetFields(); setSiteFor(r); }}>新增考点</Button>
            </Space>
          ),
        }}
        columns={[
          { title: '考区', key: 'name', render: (_, r) => <span><b>{r.name}</b> <Typography.Text type="secondary">{r.code}</Typography.Text></span> },
          { title: '考生数', dataIndex: 'candidateCount', width: 90 },
          {
            title: '材料上传', key: 'upload', width: 190,
            render: (_, r) => (
              <Space>
                <Switch
                  checked={r.uploadEnabled}
                  loading={busy === `switch-${r.code}`}
                  checkedChildren="开启"
                  unCheckedChildren="关闭"
                  data-testid={`upload-switch-${r.code}`}
                  onChange={(on) => void run(`switch-${r.code}`, () => adminApi.updateSettings(r.code, { uploadEnabled: on }), on ? `${r.name}：材料上传已开启` : `${r.name}：材料上传已关闭`)}
                />
                {r.uploadOpenNow ? <Tag color="green">考生可上传</Tag> : <Tag>考生不可上传</Tag>}
              </Space>
            ),
          },
          { title: '上传时间', key: 'uw', render: (_, r) => windowText(r.uploadOpensAt, r.uploadClosesAt) },
          { title: '审核时间', key: 'rw', render: (_, r) => windowText(r.reviewOpensAt, r.reviewClosesAt) },
          {
            title: '操作', key: 'actions', width: 170,
            render: (_, r) => (
              <Space size={0}>
                <Button type="link" size="small" icon={<FieldTimeOutlined />} onClick={() => openWindows(r)} data-testid={`windows-${r.code}`}>设置时间</Button>
                <Button type="link" size="small" icon={<EditOutlined />} onClick={() => { nameForm.setFieldsValue({ name: r.name }); setNameFor({ kind: 'region', code: r.code, name: r.name }); }}>改名</Button>
              </Space>
            ),
          },
        ]}
      />

      <FormModal form={windowForm} title={windowFor ? `${windowFor.name}：上传与审核时间` : ''} open={!!windowFor} onClose={() => setWindowFor(null)} onSubmit={saveWindows}
        confirmLoading={busy?.startsWith('window-')}>
        <Form.Item name="upload" label="材料上传时间（北京时间；可只填一端，空为不限）" extra="截止后考生不能再上传、删除图片，页面提示截止时间。">
          <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" allowEmpty={[true, true]} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="review" label="审核时间（考点、考区审核）">
          <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" allowEmpty={[true, true]} style={{ width: '100%' }} />
        </Form.Item>
      </FormModal>

      <FormModal form={nameForm} title={nameFor?.kind === 'site' ? `考点 ${nameFor.code} 改名` : `考区 ${nameFor?.code ?? ''} 改名`} open={!!nameFor} onClose={() => setNameFor(null)}
        onSubmit={({ name }) => {
          const target = nameFor!;
          return run('rename', () => (target.kind === 'site' ? adminApi.renameSite(target.code, name) : adminApi.renameRegion(target.code, name)), '已改名');
        }}>
        <Form.Item name="name" label="名称" rules={[{ required: true, whitespace: true, message: '请填写名称' }, { max: 50 }]}><Input /></Form.Item>
      </FormModal>

      <FormModal form={codeForm} title={newRegion ? '新增考区' : `在${siteFor?.name ?? ''}新增考点`} open={newRegion || !!siteFor} okText="新增"
        onClose={() => { setNewRegion(false); setSiteFor(null); }}
        onSubmit={(v) =>
          newRegion
            ? run('create', () => adminApi.createRegion(v.code.trim(), v.name.trim()), '考区已新增（材料上传默认关闭）')
            : run('create', () => adminApi.createSite(siteFor!.code, v.code.trim(), v.name.trim()), '考点已新增')
        }>
        <Form.Item name="code" label={newRegion ? '考区代码（2 位数字）' : `考点代码（4 位数字，以 ${siteFor?.code ?? ''} 开头）`}
          rules={[{ required: true, message: '请填写代码' }, { pattern: newRegion ? /^\d{2}$/ : /^\d{4}$/, message: newRegion ? '考区代码为 2 位数字' : '考点代码为 4 位数字' }]}>
          <Input inputMode="numeric" />
        </Form.Item>
        <Form.Item name="name" label="名称" rules={[{ required: true, whitespace: true, message: '请填写名称' }, { max: 50 }]}><Input /></Form.Item>
      </FormModal>
    </Card>
  );
}
