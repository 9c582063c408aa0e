import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Card, Checkbox, Col, Collapse, Empty, Form, Input, InputNumber, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { DeleteOutlined, EyeOutlined, PlusOutlined } from '@ant-design/icons';
import { PageError, PageLoading } from '../../components/PageState';
import { useLoad } from '../useLoad';
import { adminApi } from './api';
import { FormModal } from './FormModal';
import { REQUIREMENT_COLORS, REQUIREMENT_LABELS } from './labels';
import type { Preview, PreviewItem, Rule } from './types';
import { useAdminAction } from './useAdminAction';
import { useAdminText } from './useAdminText';
import { HistoryPopconfirm } from '../../components/HistoryPopconfirm';

interface SiteRuleForm {
  materialCode: string;
  examCategoryCode?: string;
  situation?: string;
  maxCount?: number | null;
  extraText?: string;
  extraTextEn?: string;
}

/**
 * 考点材料规则: one site's own rules on top of its region's. A site rule only makes a material
 * required (with a higher maximum or a note); the server refuses anything that relaxes
 * (SITE_RULE_RELAXES). Used by administrators on the rules page (a region, then a site) and
 * by the site's own 考点审核员 at /review/site-rules.
 */
export function SiteRulesPanel({ siteCode }: { siteCode: string }) {
  const t = useAdminText();
  const list = useLoad(() => adminApi.siteRules(siteCode), [siteCode]);
  const { busy, run } = useAdminAction(list.reload);
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<SiteRuleForm>();
  const [previewExam, setPreviewExam] = useState<string | undefined>();
  const [previewSituations, setPreviewSituations] = useState<string[]>([]);
  const [preview, setPreview] = useState<Preview | null>(null);

  const choices = list.data?.choices;
  const names = useMemo(
    () => ({
      material: new Map(choices?.materials.map((m) => [m.code, m.name]) ?? []),
      exam: new Map(choices?.examCategories.map((e) => [e.code, e.name]) ?? []),
    }),
    [choices],
  );
  useEffect(() => {
    if (!previewExam && choices?.examCategories[0]) setPreviewExam(choices.examCategories[0].code);
  }, [choices, previewExam]);
  useEffect(() => {
    if (!previewExam) return;
    let live = true;
    adminApi.sitePreview(siteCode, previewExam, previewSituations).then((p) => live && setPreview(p), () => live && setPreview(null));
    return () => {
      live = false;
    };
  }, [siteCode, previewExam, previewSituations, list.data]);

  if (list.loading && !list.data) return <PageLoading />;
  if (!list.data || !choices) return <PageError message={list.error ?? undefined} onRetry={() => void list.reload()} />;
  const { site } = list.data;

  // Each change says how many candidates it reached (the server counts them).
  const save = (v: SiteRuleForm) =>
    run(
      'save',
      () => adminApi.createSiteRule(siteCode, { materialCode: v.materialCode, examCategoryCode: v.examCategoryCode ?? null, situation: v.situation ?? null, maxCount: v.maxCount ?? null, extraText: v.extraText?.trim() || null, extraTextEn: v.extraTextEn?.trim() || null }),
      ({ affected: { candidates: count, backToDraft: reset } }) => (reset ? t('siteRules.savedReset', { count, reset }) : t('siteRules.saved', { count })),
    );
  const remove = (r: Rule) => run(`delete-${r.id}`, () => adminApi.deleteSiteRule(siteCode, r.id), ({ affected }) => t('siteRules.deleted', { count: affected.candidates }));
  const scopeText = (r: Rule) =>
    [r.examCategoryCode ? names.exam.get(r.examCategoryCode) ?? r.examCategoryCode : null, r.situationName].filter(Boolean).join(' · ');

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="site-rules">
      <Card
        title={t('siteRules.title')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => { form.resetFields(); setAdding(true); }} data-testid="site-rule-add">
            {t('siteRules.add')}
          </Button>
        }
      >
        <Typography.Paragraph>
          <Tag color="cyan">{t('siteRules.scope', { site: site.name, code: site.code, region: `${site.regionName}（${site.regionCode}）` })}</Tag>
        </Typography.Paragraph>
        <Typography.Paragraph type="secondary">{t('siteRules.help')}</Typography.Paragraph>
        <Table<Rule>
          rowKey="id"
          size="small"
          loading={list.loading}
          dataSource={list.data.items}
          pagination={false}
          scroll={{ x: 640 }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('siteRules.empty')} /> }}
          columns={[
            { title: t('rules.col.material'), key: 'm', render: (_, r) => <Space size={4} wrap><span>{names.material.get(r.materialCode) ?? r.materialCode}</span><Tag color={REQUIREMENT_COLORS.required}>{t(REQUIREMENT_LABELS.required)}</Tag></Space> },
            { title: t('rules.col.examCategory'), key: 'e', render: (_, r) => (r.examCategoryCode ? names.exam.get(r.examCategoryCode) ?? r.examCategoryCode : <Typography.Text type="secondary">{t('rules.all')}</Typography.Text>) },
            { title: t('rules.col.situation'), key: 's', render: (_, r) => r.situationName ?? <Typography.Text type="secondary">{t('rules.allCandidates')}</Typography.Text> },
            { title: t('rules.col.maxCount'), dataIndex: 'maxCount', width: 90, render: (v: number | null) => v ?? '—' },
            { title: t('rules.col.extraText'), dataIndex: 'extraText', ellipsis: true, render: (v: string | null) => v ?? '' },
            {
              title: t('common.actions'), key: 'a', width: 90, fixed: 'right',
              render: (_, r) => (
                <HistoryPopconfirm title={t('siteRules.deleteConfirm')} description={t('siteRules.deleteHelp')} okText={t('common.delete')} cancelText={t('common.cancel')} onConfirm={() => remove(r)}>
                  <Button type="link" size="small" danger icon={<DeleteOutlined />} loading={busy === `delete-${r.id}`} data-testid="site-rule-delete">{t('common.delete')}</Button>
                </HistoryPopconfirm>
              ),
            },
          ]}
        />
        {/* What the site adds to, folded: the list is long and read-only. */}
        <Collapse
          ghost
          size="small"
          style={{ marginTop: 12 }}
          items={[
            {
              key: 'inherited',
              label: `${t('siteRules.inherited')}（${list.data.inherited.length}）`,
              children: (
                <Space size={[4, 4]} wrap>
                  {list.data.inherited.map((r) => (
                    <Tag key={r.id} color={r.regionCode ? 'geekblue' : undefined} title={r.regionCode ? t('siteRules.source.region') : t('siteRules.source.national')} style={{ whiteSpace: 'normal', maxWidth: '100%' }}>
                      {names.material.get(r.materialCode) ?? r.materialCode}
                      {scopeText(r) ? `（${scopeText(r)}）` : ''}
                    </Tag>
                  ))}
                </Space>
              ),
            },
          ]}
        />
      </Card>

      <Card title={<span><EyeOutlined /> {t('rules.preview')}</span>}>
        <Row gutter={[16, 8]} style={{ marginBottom: 12 }}>
          <Col xs={24} md={8}>
            <Select value={previewExam} onChange={setPreviewExam} style={{ width: '100%' }} options={choices.examCategories.map((e) => ({ value: e.code, label: e.name }))} />
          </Col>
          <Col xs={24} md={16}>
            <Checkbox.Group value={previewSituations} onChange={(v) => setPreviewSituations(v as string[])} options={choices.situations.map((s) => ({ value: s.code, label: s.name }))} />
          </Col>
        </Row>
        <Typography.Paragraph type="secondary">{t('siteRules.previewSite', { name: site.name })}</Typography.Paragraph>
        <Table<PreviewItem>
          rowKey="code"
          size="small"
          pagination={false}
          dataSource={preview?.items ?? []}
          data-testid="site-rule-preview"
          columns={[
            { title: t('rules.col.material'), dataIndex: 'name' },
            { title: t('rules.col.requirement'), key: 'r', width: 100, render: (_, p) => <Tag color={REQUIREMENT_COLORS[p.requirement]}>{t(REQUIREMENT_LABELS[p.requirement])}</Tag> },
            { title: t('rules.col.count'), key: 'n', width: 90, render: (_, p) => (p.minCount ? `${p.minCount}–${p.maxCount}` : t('rules.upTo', { count: p.maxCount })) },
          ]}
        />
      </Card>

      <FormModal form={form} title={t('siteRules.add')} open={adding} onClose={() => setAdding(false)} onSubmit={save} confirmLoading={busy === 'save'}>
        <Alert type="info" showIcon message={t('siteRules.addConfirm')} style={{ marginBottom: 16 }} />
        <Form.Item name="materialCode" label={t('rules.col.material')} rules={[{ required: true, message: t('rules.pickMaterial') }]} extra={t('siteRules.requirementFixed')}>
          <Select showSearch optionFilterProp="label" options={choices.materials.map((m) => ({ value: m.code, label: m.name }))} data-testid="site-rule-material" />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="examCategoryCode" label={t('rules.col.examCategory')} extra={t('rules.examHelp')}>
              <Select allowClear options={choices.examCategories.map((e) => ({ value: e.code, label: e.name }))} placeholder={t('rules.all')} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="situation" label={t('rules.col.situation')} extra={t('rules.situationHelp')}>
              <Select allowClear options={choices.situations.map((s) => ({ value: s.code, label: s.name }))} placeholder={t('rules.allCandidates')} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="maxCount" label={t('rules.col.maxCount')} extra={t('siteRules.maxHelp')}>
          <InputNumber min={1} max={20} precision={0} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="extraText" label={t('rules.col.extraText')} extra={t('siteRules.extraHelp')} rules={[{ max: 500 }]}>
          <Input.TextArea rows={3} showCount maxLength={500} data-testid="site-rule-text" />
        </Form.Item>
        <Form.Item name="extraTextEn" label={t('rules.field.extraTextEn')} extra={t('catalog.englishHelp')} rules={[{ max: 1000 }]}>
          <Input.TextArea rows={2} showCount maxLength={1000} />
        </Form.Item>
      </FormModal>
    </Space>
  );
}
