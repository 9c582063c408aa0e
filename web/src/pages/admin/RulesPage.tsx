import { useEffect, useMemo, useState } from 'react';
import { Button, Card, Checkbox, Col, Empty, Form, Input, InputNumber, Radio, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { DeleteOutlined, EditOutlined, EyeOutlined, PlusOutlined } from '@ant-design/icons';
import { useAuth } from '../../auth/AuthProvider';
import { PageError, PageLoading } from '../../components/PageState';
import { useLoad } from '../useLoad';
import { adminApi } from './api';
import { FormModal } from './FormModal';
import { SiteRulesPanel } from './SiteRulesPanel';
import { REQUIREMENT_COLORS, REQUIREMENT_LABELS } from './labels';
import type { PreviewItem, RequirementKind, Rule, RuleInput } from './types';
import { useAdminAction } from './useAdminAction';
import { useAdminText } from './useAdminText';
import { HistoryPopconfirm } from '../../components/HistoryPopconfirm';

const NATIONAL = '__national__';
interface RuleForm {
  materialCode: string;
  examCategoryCode?: string;
  situation?: string;
  requirement: RequirementKind;
  maxCount?: number | null;
  extraText?: string;
  extraTextEn?: string;
}

/**
 * 材料要求规则: the national default per exam category and situation, and a region's
 * overrides (required, optional or hidden; a maximum count; extra requirement text), and a
 * site's own additions (SiteRulesPanel). Candidates' material lists follow at once; the
 * preview shows what a candidate gets. A site's 考点审核员 sees its site's panel only.
 */
export default function RulesPage() {
  const { user } = useAuth();
  if (user?.role === 'site_reviewer') return user.siteCode ? <SiteRulesPanel siteCode={user.siteCode} /> : <Empty />;
  return <AdminRulesPage />;
}

const WHOLE_REGION = '';

function AdminRulesPage() {
  const { user } = useAuth();
  const t = useAdminText();
  const regional = user?.regionCode ?? null;
  const catalog = useLoad(() => adminApi.catalog());
  const regions = useLoad(() => adminApi.regions());
  const [scope, setScope] = useState<string>(regional ?? NATIONAL);
  const [site, setSite] = useState<string>(WHOLE_REGION);
  const rules = useLoad(() => adminApi.rules(scope === NATIONAL ? null : scope), [scope]);
  const [editing, setEditing] = useState<Rule | 'new' | null>(null);
  const { busy, run } = useAdminAction(rules.reload);
  const [form] = Form.useForm<RuleForm>();
  const [previewExam, setPreviewExam] = useState<string | undefined>();
  const [previewSituations, setPreviewSituations] = useState<string[]>([]);
  const [preview, setPreview] = useState<{ items: PreviewItem[]; hidden: Array<{ code: string; name: string }> } | null>(null);

  const names = useMemo(() => {
    const c = catalog.data;
    return {
      material: new Map(c?.materials.map((m) => [m.code, m.name]) ?? []),
      exam: new Map(c?.examCategories.map((e) => [e.code, e.name]) ?? []),
    };
  }, [catalog.data]);
  const previewRegion = scope === NATIONAL ? regions.data?.items[0]?.code : scope;

  useEffect(() => {
    if (!previewExam && catalog.data?.examCategories[0]) setPreviewExam(catalog.data.examCategories[0].code);
  }, [catalog.data, previewExam]);
  useEffect(() => {
    if (!previewRegion || !previewExam) return;
    let live = true;
    adminApi.preview(previewRegion, previewExam, previewSituations).then((p) => live && setPreview(p), () => live && setPreview(null));
    return () => {
      live = false;
    };
  }, [previewRegion, previewExam, previewSituations, rules.data]);

  if ((catalog.loading && !catalog.data) || (regions.loading && !regions.data)) return <PageLoading />;
  if (!catalog.data || !regions.data) return <PageError message={catalog.error ?? regions.error ?? undefined} onRetry={() => { void catalog.reload(); void regions.reload(); }} />;
  const c = catalog.data;

  const openNew = () => {
    form.resetFields();
    form.setFieldsValue({ requirement: 'required' });
    setEditing('new');
  };
  const openEdit = (r: Rule) => {
    form.setFieldsValue({ materialCode: r.materialCode, examCategoryCode: r.examCategoryCode ?? undefined, situation: r.situation ?? undefined, requirement: r.requirement, maxCount: r.maxCount, extraText: r.extraText ?? '', extraTextEn: r.extraTextEn ?? '' });
    setEditing(r);
  };
  const save = (v: RuleForm) =>
    run('save', async () => {
      if (editing === 'new') {
        const input: RuleInput = {
          regionCode: scope === NATIONAL ? null : scope,
          examCategoryCode: v.examCategoryCode ?? null,
          situation: v.situation ?? null,
          materialCode: v.materialCode,
          requirement: v.requirement,
          maxCount: v.maxCount ?? null,
          extraText: v.extraText?.trim() || null,
          extraTextEn: v.extraTextEn?.trim() || null,
        };
        await adminApi.createRule(input);
      } else if (editing) {
        await adminApi.updateRule(editing.id, { requirement: v.requirement, maxCount: v.maxCount ?? null, extraText: v.extraText?.trim() || null, extraTextEn: v.extraTextEn?.trim() || null });
      }
    }, t('rules.saved'));
  const remove = (r: Rule) => run(`delete-${r.id}`, () => adminApi.deleteRule(r.id), t('rules.deleted'));

  const scopeOptions = [
    ...(regional ? [] : [{ value: NATIONAL, label: t('rules.scope.national') }]),
    ...regions.data.items.map((r) => ({ value: r.code, label: t('rules.scope.region', { name: r.name, code: r.code }) })),
  ];
  const canAdd = regional === null || scope === regional;
  const sites = regions.data.items.find((r) => r.code === scope)?.sites ?? [];
  const siteOptions = [{ value: WHOLE_REGION, label: t('siteRules.wholeRegion') }, ...sites.map((s) => ({ value: s.code, label: t('siteRules.siteOption', { name: s.name, code: s.code }) }))];
  const scopeBar = (
    <Space wrap>
      <Select value={scope} onChange={(v) => { setScope(v); setSite(WHOLE_REGION); }} options={scopeOptions} style={{ minWidth: 240, maxWidth: '100%' }} data-testid="rule-scope" aria-label={t('rules.scopeLabel')} />
      {scope !== NATIONAL ? (
        <Select value={site} onChange={setSite} options={siteOptions} style={{ minWidth: 240, maxWidth: '100%' }} aria-label={t('siteRules.pickSite')} data-testid="rule-site" />
      ) : null}
    </Space>
  );
  if (scope !== NATIONAL && site !== WHOLE_REGION) {
    return (
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Card title={t('nav.rules')}>{scopeBar}</Card>
        <SiteRulesPanel siteCode={site} />
      </Space>
    );
  }

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card title={t('nav.rules')}>
        <div className="admin-toolbar">
          <Space wrap>
            {scopeBar}
            <Typography.Text type="secondary">
              {scope === NATIONAL ? t('rules.help.national') : t('rules.help.region')}
            </Typography.Text>
          </Space>
          {canAdd ? <Button type="primary" icon={<PlusOutlined />} onClick={openNew} data-testid="rule-add">{t('rules.add')}</Button> : null}
        </div>
        <Table<Rule>
          rowKey="id"
          size="small"
          loading={rules.loading}
          dataSource={rules.data?.items ?? []}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          scroll={{ x: 900 }}
          rowClassName={(r) => ((scope === NATIONAL ? r.regionCode === null : r.regionCode === scope) ? '' : 'admin-row-readonly')}
          columns={[
            { title: t('rules.col.material'), key: 'm', render: (_, r) => names.material.get(r.materialCode) ?? r.materialCode },
            { title: t('rules.col.examCategory'), key: 'e', render: (_, r) => (r.examCategoryCode ? names.exam.get(r.examCategoryCode) ?? r.examCategoryCode : <Typography.Text type="secondary">{t('rules.all')}</Typography.Text>) },
            { title: t('rules.col.situation'), key: 's', render: (_, r) => r.situationName ?? <Typography.Text type="secondary">{t('rules.allCandidates')}</Typography.Text> },
            { title: t('rules.col.requirement'), key: 'q', width: 120, render: (_, r) => <Tag color={REQUIREMENT_COLORS[r.requirement]}>{t(REQUIREMENT_LABELS[r.requirement])}</Tag> },
            { title: t('rules.col.maxCount'), dataIndex: 'maxCount', width: 90, render: (v: number | null) => v ?? '—' },
            { title: t('rules.col.extraText'), dataIndex: 'extraText', ellipsis: true, render: (v: string | null) => v ?? '' },
            { title: t('rules.col.source'), key: 'src', width: 110, render: (_, r) => (r.regionCode ? <Tag color="geekblue">{t('scope.region', { code: r.regionCode })}</Tag> : <Tag>{t('rules.source.national')}</Tag>) },
            {
              title: t('common.actions'), key: 'a', width: 140,
              render: (_, r) =>
                r.editable && (scope === NATIONAL ? r.regionCode === null : r.regionCode === scope) ? (
                  <Space size={0}>
                    <Button type="link" size="small" icon={<EditOutlined />} onClick={() => openEdit(r)}>{t('common.edit')}</Button>
                    <HistoryPopconfirm title={t('rules.deleteConfirm')} description={t('rules.deleteHelp')} okText={t('common.delete')} cancelText={t('common.cancel')} onConfirm={() => remove(r)}>
                      <Button type="link" size="small" danger icon={<DeleteOutlined />}>{t('common.delete')}</Button>
                    </HistoryPopconfirm>
                  </Space>
                ) : null,
            },
          ]}
        />
      </Card>

      <Card title={<span><EyeOutlined /> {t('rules.preview')}</span>}>
        {previewRegion ? (
          <>
            <Row gutter={[16, 8]} style={{ marginBottom: 12 }}>
              <Col xs={24} md={8}>
                <Select value={previewExam} onChange={setPreviewExam} aria-label={t('rules.previewExamLabel')} style={{ width: '100%' }} options={c.examCategories.map((e) => ({ value: e.code, label: e.name }))} />
              </Col>
              <Col xs={24} md={16}>
                <Checkbox.Group value={previewSituations} onChange={(v) => setPreviewSituations(v as string[])} options={c.situations.map((s) => ({ value: s.code, label: s.name }))} />
              </Col>
            </Row>
            <Typography.Paragraph type="secondary">{t('rules.previewRegion', { name: regions.data.items.find((r) => r.code === previewRegion)?.name ?? '' })}</Typography.Paragraph>
            <Table<PreviewItem>
              rowKey="code"
              size="small"
              pagination={false}
              dataSource={preview?.items ?? []}
              columns={[
                { title: t('rules.col.material'), dataIndex: 'name' },
                { title: t('rules.col.requirement'), key: 'r', width: 120, render: (_, p) => <Tag color={REQUIREMENT_COLORS[p.requirement]}>{t(REQUIREMENT_LABELS[p.requirement])}</Tag> },
                { title: t('rules.col.count'), key: 'n', width: 110, render: (_, p) => (p.minCount ? `${p.minCount}–${p.maxCount}` : t('rules.upTo', { count: p.maxCount })) },
                { title: t('rules.col.extraText'), dataIndex: 'extraText', render: (v: string | null) => v ?? '' },
              ]}
            />
            {preview?.hidden.length ? <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>{t('rules.hidden', { names: preview.hidden.map((h) => h.name).join(t('common.enumSep')) })}</Typography.Paragraph> : null}
          </>
        ) : (
          <Empty description={t('rules.noRegion')} />
        )}
      </Card>

      <FormModal form={form} title={editing === 'new' ? t('rules.add') : t('rules.edit')} open={editing !== null} onClose={() => setEditing(null)} onSubmit={save} confirmLoading={busy === 'save'}>
        <Form.Item name="materialCode" label={t('rules.col.material')} rules={[{ required: true, message: t('rules.pickMaterial') }]}>
          <Select disabled={editing !== 'new'} showSearch optionFilterProp="label" options={c.materials.map((m) => ({ value: m.code, label: m.name }))} />
        </Form.Item>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="examCategoryCode" label={t('rules.col.examCategory')} extra={t('rules.examHelp')}>
              <Select allowClear disabled={editing !== 'new'} options={c.examCategories.map((e) => ({ value: e.code, label: e.name }))} placeholder={t('rules.all')} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="situation" label={t('rules.col.situation')} extra={t('rules.situationHelp')}>
              <Select allowClear disabled={editing !== 'new'} options={c.situations.map((s) => ({ value: s.code, label: s.name }))} placeholder={t('rules.allCandidates')} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="requirement" label={t('rules.col.requirement')} rules={[{ required: true }]}>
          <Radio.Group optionType="button" buttonStyle="solid" options={(['required', 'optional', 'hidden'] as const).map((k) => ({ value: k, label: t(REQUIREMENT_LABELS[k]) }))} />
        </Form.Item>
        <Form.Item name="maxCount" label={t('rules.col.maxCount')} extra={t('rules.maxHelp')}>
          <InputNumber min={1} max={20} precision={0} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="extraText" label={t('rules.col.extraText')} extra={t('rules.extraHelp')} rules={[{ max: 500 }]}>
          <Input.TextArea rows={3} showCount maxLength={500} />
        </Form.Item>
        <Form.Item name="extraTextEn" label={t('rules.field.extraTextEn')} extra={t('catalog.englishHelp')} rules={[{ max: 1000 }]}>
          <Input.TextArea rows={2} showCount maxLength={1000} />
        </Form.Item>
      </FormModal>
    </Space>
  );
}
