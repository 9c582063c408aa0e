import { useEffect, useMemo, useState } from 'react';
import { Button, Card, Checkbox, Col, Empty, Form, Input, InputNumber, Popconfirm, Radio, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { DeleteOutlined, EditOutlined, EyeOutlined, PlusOutlined } from '@ant-design/icons';
import { useAuth } from '../../auth/AuthProvider';
import { PageError, PageLoading } from '../../components/PageState';
import { useLoad } from '../useLoad';
import { adminApi } from './api';
import { FormModal } from './FormModal';
import { REQUIREMENT_COLORS, REQUIREMENT_LABELS } from './labels';
import type { PreviewItem, RequirementKind, Rule, RuleInput } from './types';
import { useAdminAction } from './useAdminAction';

const NATIONAL = '__national__';
interface RuleForm {
  materialCode: string;
  examCategoryCode?: string;
  situation?: string;
  requirement: RequirementKind;
  maxCount?: number | null;
  extraText?: string;
}

/**
 * 材料要求规则: the national default per exam category and situation, and a region's
 * overrides (required, optional or hidden; a maximum count; extra requirement text).
 * Candidates' material lists follow at once; the preview shows what a candidate gets.
 */
export default function RulesPage() {
  const { user } = useAuth();
  const regional = user?.regionCode ?? null;
  const catalog = useLoad(() => adminApi.catalog());
  const regions = useLoad(() => adminApi.regions());
  const [scope, setScope] = useState<string>(regional ?? NATIONAL);
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
    form.setFieldsValue({ materialCode: r.materialCode, examCategoryCode: r.examCategoryCode ?? undefined, situation: r.situation ?? undefined, requirement: r.requirement, maxCount: r.maxCount, extraText: r.extraText ?? '' });
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
        };
        await adminApi.createRule(input);
      } else if (editing) {
        await adminApi.updateRule(editing.id, { requirement: v.requirement, maxCount: v.maxCount ?? null, extraText: v.extraText?.trim() || null });
      }
    }, '规则已保存，考生的材料清单立即按新规则显示');
  const remove = (r: Rule) => run(`delete-${r.id}`, () => adminApi.deleteRule(r.id), '规则已删除');

  const scopeOptions = [
    ...(regional ? [] : [{ value: NATIONAL, label: '全国默认规则' }]),
    ...regions.data.items.map((r) => ({ value: r.code, label: `${r.name}（${r.code}）的规则` })),
  ];
  const canAdd = regional === null || scope === regional;

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card title="材料要求规则">
        <div className="admin-toolbar">
          <Space wrap>
            <Select value={scope} onChange={setScope} options={scopeOptions} style={{ minWidth: 240 }} data-testid="rule-scope" />
            <Typography.Text type="secondary">
              {scope === NATIONAL ? '全国默认规则适用于所有考区；考区可在此基础上覆盖。' : '本考区的规则优先于全国默认规则；灰色行为全国默认规则（只读）。'}
            </Typography.Text>
          </Space>
          {canAdd ? <Button type="primary" icon={<PlusOutlined />} onClick={openNew} data-testid="rule-add">新增规则</Button> : null}
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
            { title: '材料', key: 'm', render: (_, r) => names.material.get(r.materialCode) ?? r.materialCode },
            { title: '报考类别', key: 'e', render: (_, r) => (r.examCategoryCode ? names.exam.get(r.examCategoryCode) ?? r.examCategoryCode : <Typography.Text type="secondary">全部</Typography.Text>) },
            { title: '个人情况', key: 's', render: (_, r) => r.situationName ?? <Typography.Text type="secondary">所有考生</Typography.Text> },
            { title: '要求', key: 'q', width: 100, render: (_, r) => <Tag color={REQUIREMENT_COLORS[r.requirement]}>{REQUIREMENT_LABELS[r.requirement]}</Tag> },
            { title: '最多张数', dataIndex: 'maxCount', width: 90, render: (v: number | null) => v ?? '—' },
            { title: '补充要求', dataIndex: 'extraText', ellipsis: true, render: (v: string | null) => v ?? '' },
            { title: '来源', key: 'src', width: 110, render: (_, r) => (r.regionCode ? <Tag color="geekblue">考区 {r.regionCode}</Tag> : <Tag>全国默认</Tag>) },
            {
              title: '操作', key: 'a', width: 140,
              render: (_, r) =>
                r.editable && (scope === NATIONAL ? r.regionCode === null : r.regionCode === scope) ? (
                  <Space size={0}>
                    <Button type="link" size="small" icon={<EditOutlined />} onClick={() => openEdit(r)}>编辑</Button>
                    <Popconfirm title="删除这条规则？" description="删除后按上一级规则显示。" okText="删除" cancelText="取消" onConfirm={() => remove(r)}>
                      <Button type="link" size="small" danger icon={<DeleteOutlined />}>删除</Button>
                    </Popconfirm>
                  </Space>
                ) : null,
            },
          ]}
        />
      </Card>

      <Card title={<span><EyeOutlined /> 预览：考生看到的材料清单</span>}>
        {previewRegion ? (
          <>
            <Row gutter={[16, 8]} style={{ marginBottom: 12 }}>
              <Col xs={24} md={8}>
                <Select value={previewExam} onChange={setPreviewExam} style={{ width: '100%' }} options={c.examCategories.map((e) => ({ value: e.code, label: e.name }))} />
              </Col>
              <Col xs={24} md={16}>
                <Checkbox.Group value={previewSituations} onChange={(v) => setPreviewSituations(v as string[])} options={c.situations.map((s) => ({ value: s.code, label: s.name }))} />
              </Col>
            </Row>
            <Typography.Paragraph type="secondary">考区：{regions.data.items.find((r) => r.code === previewRegion)?.name}</Typography.Paragraph>
            <Table<PreviewItem>
              rowKey="code"
              size="small"
              pagination={false}
              dataSource={preview?.items ?? []}
              columns={[
                { title: '材料', dataIndex: 'name' },
                { title: '要求', key: 'r', width: 100, render: (_, p) => <Tag color={REQUIREMENT_COLORS[p.requirement]}>{REQUIREMENT_LABELS[p.requirement]}</Tag> },
                { title: '张数', key: 'n', width: 110, render: (_, p) => (p.minCount ? `${p.minCount}–${p.maxCount}` : `最多 ${p.maxCount}`) },
                { title: '补充要求', dataIndex: 'extraText', render: (v: string | null) => v ?? '' },
              ]}
            />
            {preview?.hidden.length ? <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>不显示：{preview.hidden.map((h) => h.name).join('、')}</Typography.Paragraph> : null}
          </>
        ) : (
          <Empty description="还没有考区" />
        )}
      </Card>

      <FormModal form={form} title={editing === 'new' ? '新增规则' : '编辑规则'} open={editing !== null} onClose={() => setEditing(null)} onSubmit={save} confirmLoading={busy === 'save'}>
        <Form.Item name="materialCode" label="材料" rules={[{ required: true, message: '请选择材料' }]}>
          <Select disabled={editing !== 'new'} showSearch optionFilterProp="label" options={c.materials.map((m) => ({ value: m.code, label: m.name }))} />
        </Form.Item>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="examCategoryCode" label="报考类别" extra="不选即全部报考类别">
              <Select allowClear disabled={editing !== 'new'} options={c.examCategories.map((e) => ({ value: e.code, label: e.name }))} placeholder="全部" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="situation" label="个人情况" extra="不选即所有考生">
              <Select allowClear disabled={editing !== 'new'} options={c.situations.map((s) => ({ value: s.code, label: s.name }))} placeholder="所有考生" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="requirement" label="要求" rules={[{ required: true }]}>
          <Radio.Group optionType="button" buttonStyle="solid" options={(['required', 'optional', 'hidden'] as const).map((k) => ({ value: k, label: REQUIREMENT_LABELS[k] }))} />
        </Form.Item>
        <Form.Item name="maxCount" label="最多张数" extra="留空则按材料目录的张数">
          <InputNumber min={1} max={20} precision={0} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="extraText" label="补充要求" extra="显示在该材料的上传要求下方，如“本考区另需上传手持身份证照片”" rules={[{ max: 500 }]}>
          <Input.TextArea rows={3} showCount maxLength={500} />
        </Form.Item>
      </FormModal>
    </Space>
  );
}
