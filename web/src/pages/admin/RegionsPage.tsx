import { useState } from 'react';
import { App, Button, Card, DatePicker, Form, Input, Space, Switch, Table, Tag, Typography } from 'antd';
import { EditOutlined, FieldTimeOutlined, MinusSquareOutlined, NotificationOutlined, PlusOutlined, PlusSquareOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { PageError, PageLoading } from '../../components/PageState';
import { useLoad } from '../useLoad';
import { adminApi } from './api';
import { FormModal } from './FormModal';
import { beijingWallClock, fromBeijingWallClock, windowText } from './labels';
import type { RegionItem, SiteItem } from './types';
import { useAdminAction } from './useAdminAction';
import { useAdminText } from './useAdminText';
import { confirmWithHistory } from '../../lib/confirm-with-history';

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
  const t = useAdminText();
  const regions = useLoad(() => adminApi.regions());
  const { busy, run } = useAdminAction(regions.reload);
  const [windowFor, setWindowFor] = useState<RegionItem | null>(null);
  const [nameFor, setNameFor] = useState<{ kind: 'region' | 'site'; code: string; name: string } | null>(null);
  const [siteFor, setSiteFor] = useState<RegionItem | null>(null);
  const [newRegion, setNewRegion] = useState(false);
  const { modal } = App.useApp();
  const [noticeFor, setNoticeFor] = useState<RegionItem | null>(null);
  const [noticeForm] = Form.useForm<{ title: string; body: string; link?: string }>();
  const [windowForm] = Form.useForm<WindowForm>();
  const [nameForm] = Form.useForm<{ name: string }>();
  const [codeForm] = Form.useForm<{ code: string; name: string }>();

  if (regions.loading && !regions.data) return <PageLoading />;
  if (!regions.data) return <PageError message={regions.error ?? undefined} onRetry={() => void regions.reload()} />;

  const switchUpload = async (r: RegionItem, on: boolean) => {
    const apply = () => run(`switch-${r.code}`, () => adminApi.updateSettings(r.code, { uploadEnabled: on }), t(on ? 'regions.uploadOn' : 'regions.uploadOff', { name: r.name }));
    if (on) return apply();
    // Switching a whole region off is weighty: say how many candidates it touches first.
    let impact: { candidates: number; stillUploading: number };
    try {
      impact = await adminApi.uploadImpact(r.code);
    } catch {
      impact = { candidates: r.candidateCount, stillUploading: r.candidateCount };
    }
    void confirmWithHistory(modal.confirm, {
      title: t('regions.offConfirmTitle', { name: r.name }),
      content: <span data-testid="upload-off-impact">{t('regions.offConfirmBody', { name: r.name, candidates: impact.candidates, stillUploading: impact.stillUploading })}</span>,
      okText: t('regions.offConfirmOk'),
      okButtonProps: { danger: true, 'data-testid': 'upload-off-confirm' } as never,
      cancelText: t('common.cancel'),
      onOk: () => apply(),
    });
  };
  const openNotice = async (r: RegionItem) => {
    noticeForm.resetFields();
    setNoticeFor(r);
    try {
      const { announcement } = await adminApi.announcement(r.code);
      if (announcement) noticeForm.setFieldsValue({ title: announcement.title, body: announcement.body, link: announcement.link ?? '' });
    } catch {
      /* start empty */
    }
  };

  const openWindows = (r: RegionItem) => {
    windowForm.setFieldsValue({ upload: toRange(r.uploadOpensAt, r.uploadClosesAt), review: toRange(r.reviewOpensAt, r.reviewClosesAt) });
    setWindowFor(r);
  };
  const saveWindows = (v: WindowForm) =>
    run(`window-${windowFor!.code}`, () =>
      adminApi.updateSettings(windowFor!.code, {
        uploadOpensAt: iso(v.upload?.[0]), uploadClosesAt: iso(v.upload?.[1]), reviewOpensAt: iso(v.review?.[0]), reviewClosesAt: iso(v.review?.[1]),
      }), t('regions.windowsSaved'));

  const siteColumns = (region: RegionItem) => [
    { id: 'code', title: t('regions.col.siteCode'), dataIndex: 'code', width: 120 },
    { id: 'name', title: t('regions.col.siteName'), dataIndex: 'name' },
    { id: 'count', title: t('regions.col.candidates'), dataIndex: 'candidateCount', width: 100 },
    {
      id: 'actions', title: t('common.actions'), width: 100,
      render: (_: unknown, s: SiteItem) => (
        <Button size="small" type="link" icon={<EditOutlined />} onClick={() => { nameForm.setFieldsValue({ name: s.name }); setNameFor({ kind: 'site', code: s.code, name: s.name }); }}>
          {t('common.rename')}
        </Button>
      ),
    },
  ].map(({ id, ...c }) => ({ ...c, key: `${region.code}-${id}` }));

  return (
    <Card
      title={t('nav.regions')}
      extra={regions.data.canCreateRegion ? <Button icon={<PlusOutlined />} onClick={() => { codeForm.resetFields(); setNewRegion(true); }}>{t('regions.addRegion')}</Button> : null}
    >
      <Typography.Paragraph type="secondary">
        {t('regions.help')}
      </Typography.Paragraph>
      <Table<RegionItem>
        rowKey="code"
        dataSource={regions.data.items}
        pagination={false}
        scroll={{ x: 900 }}
        expandable={{
          // antd's own expand icon has no accessible name here; a labelled button says what it opens.
          expandIcon: ({ expanded, onExpand, record }) => (
            <Button
              type="text"
              size="small"
              icon={expanded ? <MinusSquareOutlined /> : <PlusSquareOutlined />}
              aria-expanded={expanded}
              aria-label={t(expanded ? 'regions.hideSites' : 'regions.showSites', { name: record.name })}
              onClick={(e) => onExpand(record, e)}
            />
          ),
          expandedRowRender: (r) => (
            <Space direction="vertical" style={{ width: '100%' }}>
              <Table<SiteItem> rowKey="code" size="small" dataSource={r.sites} columns={siteColumns(r)} pagination={false} />
              <Button size="small" icon={<PlusOutlined />} onClick={() => { codeForm.resetFields(); setSiteFor(r); }}>{t('regions.addSite')}</Button>
            </Space>
          ),
        }}
        columns={[
          { title: t('regions.col.region'), key: 'name', render: (_, r) => <span><b>{r.name}</b> <Typography.Text type="secondary">{r.code}</Typography.Text></span> },
          { title: t('regions.col.candidates'), dataIndex: 'candidateCount', width: 90 },
          {
            title: t('regions.col.upload'), key: 'upload', width: 190,
            render: (_, r) => (
              <Space>
                <Switch
                  checked={r.uploadEnabled}
                  loading={busy === `switch-${r.code}`}
                  checkedChildren={t('regions.on')}
                  unCheckedChildren={t('regions.off')}
                  data-testid={`upload-switch-${r.code}`}
                  onChange={(on) => void switchUpload(r, on)}
                />
                {r.uploadOpenNow ? <Tag color="green">{t('regions.openNow')}</Tag> : <Tag>{t('regions.closedNow')}</Tag>}
              </Space>
            ),
          },
          { title: t('regions.col.uploadWindow'), key: 'uw', render: (_, r) => windowText(t, r.uploadOpensAt, r.uploadClosesAt) },
          { title: t('regions.col.reviewWindow'), key: 'rw', render: (_, r) => windowText(t, r.reviewOpensAt, r.reviewClosesAt) },
          {
            title: t('common.actions'), key: 'actions', width: 170,
            render: (_, r) => (
              <Space size={0}>
                <Button type="link" size="small" icon={<FieldTimeOutlined />} onClick={() => openWindows(r)} data-testid={`windows-${r.code}`}>{t('regions.setWindows')}</Button>
                <Button type="link" size="small" icon={<EditOutlined />} onClick={() => { nameForm.setFieldsValue({ name: r.name }); setNameFor({ kind: 'region', code: r.code, name: r.name }); }}>{t('common.rename')}</Button>
                <Button type="link" size="small" icon={<NotificationOutlined />} onClick={() => void openNotice(r)} data-testid={`notice-${r.code}`}>{t('regions.announcement')}</Button>
              </Space>
            ),
          },
        ]}
      />

      <FormModal form={windowForm} title={windowFor ? t('regions.windowsTitle', { name: windowFor.name }) : ''} open={!!windowFor} onClose={() => setWindowFor(null)} onSubmit={saveWindows}
        confirmLoading={busy?.startsWith('window-')}>
        <Form.Item name="upload" label={t('regions.field.upload')} extra={t('regions.uploadHelp')}>
          <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" allowEmpty={[true, true]} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="review" label={t('regions.field.review')}>
          <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" allowEmpty={[true, true]} style={{ width: '100%' }} />
        </Form.Item>
      </FormModal>

      <FormModal form={noticeForm} title={noticeFor ? t('regions.announcementTitle', { name: noticeFor.name }) : ''} open={!!noticeFor} onClose={() => setNoticeFor(null)}
        confirmLoading={busy === 'notice'}
        onSubmit={(v) => run('notice', () => adminApi.publishAnnouncement(noticeFor!.code, { title: v.title.trim(), body: v.body.trim(), link: v.link?.trim() || null }), t('regions.announcementSaved'))}>
        <Typography.Paragraph type="secondary">{t('regions.announcementHelp')}</Typography.Paragraph>
        <Form.Item name="title" label={t('regions.field.title')} rules={[{ required: true, whitespace: true }, { max: 50 }]}><Input data-testid="notice-title" /></Form.Item>
        <Form.Item name="body" label={t('regions.field.body')} rules={[{ required: true, whitespace: true }, { max: 1000 }]}><Input.TextArea rows={4} data-testid="notice-body" /></Form.Item>
        <Form.Item name="link" label={t('regions.field.link')} rules={[{ pattern: /^https:\/\/\S+$/, message: t('regions.linkInvalid') }, { max: 500 }]}><Input data-testid="notice-link" /></Form.Item>
        <Button danger size="small" onClick={() => void run('notice', () => adminApi.withdrawAnnouncement(noticeFor!.code), t('regions.announcementWithdrawn')).then((ok) => ok && setNoticeFor(null))}>
          {t('regions.announcementWithdraw')}
        </Button>
      </FormModal>

      <FormModal form={nameForm} title={nameFor?.kind === 'site' ? t('regions.renameSite', { code: nameFor.code }) : t('regions.renameRegion', { code: nameFor?.code ?? '' })} open={!!nameFor} onClose={() => setNameFor(null)}
        onSubmit={({ name }) => {
          const target = nameFor!;
          return run('rename', () => (target.kind === 'site' ? adminApi.renameSite(target.code, name) : adminApi.renameRegion(target.code, name)), t('common.renamed'));
        }}>
        <Form.Item name="name" label={t('common.name')} rules={[{ required: true, whitespace: true, message: t('common.nameRequired') }, { max: 50 }]}><Input /></Form.Item>
      </FormModal>

      <FormModal form={codeForm} title={newRegion ? t('regions.addRegion') : t('regions.addSiteIn', { name: siteFor?.name ?? '' })} open={newRegion || !!siteFor} okText={t('common.add')}
        onClose={() => { setNewRegion(false); setSiteFor(null); }}
        onSubmit={(v) =>
          newRegion
            ? run('create', () => adminApi.createRegion(v.code.trim(), v.name.trim()), t('regions.regionAdded'))
            : run('create', () => adminApi.createSite(siteFor!.code, v.code.trim(), v.name.trim()), t('regions.siteAdded'))
        }>
        <Form.Item name="code" label={newRegion ? t('regions.field.regionCode') : t('regions.field.siteCode', { code: siteFor?.code ?? '' })}
          rules={[{ required: true, message: t('common.codeRequired') }, { pattern: newRegion ? /^\d{2}$/ : /^\d{4}$/, message: newRegion ? t('regions.regionCodePattern') : t('regions.siteCodePattern') }]}>
          <Input inputMode="numeric" />
        </Form.Item>
        <Form.Item name="name" label={t('common.name')} rules={[{ required: true, whitespace: true, message: t('common.nameRequired') }, { max: 50 }]}><Input /></Form.Item>
      </FormModal>
    </Card>
  );
}
