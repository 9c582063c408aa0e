import { useState } from 'react';
import { Button, Card, Col, Form, Input, InputNumber, Row, Space, Table, Tag, Typography, Upload } from 'antd';
import { DeleteOutlined, EditOutlined, PictureOutlined, PlusOutlined, UndoOutlined } from '@ant-design/icons';
import { PageError, PageLoading } from '../../components/PageState';
import { useLoad } from '../useLoad';
import { adminApi } from './api';
import { FormModal } from './FormModal';
import type { MaterialItem } from './types';
import { useAdminAction } from './useAdminAction';
import { useAdminText } from './useAdminText';
import { HistoryPopconfirm } from '../../components/HistoryPopconfirm';
import { HistoryImage } from '../../components/HistoryImage';

interface MaterialForm {
  code: string;
  name: string;
  requirements: string;
  nameEn?: string | null;
  requirementsEn?: string | null;
  minCount: number;
  maxCount: number;
  sortOrder?: number;
}

/**
 * 材料目录: material categories (name, requirement text, counts, example image) and exam
 * categories. National administrators edit; regional administrators read it and shape it
 * for their region in 材料要求规则.
 */
export default function CatalogPage() {
  const t = useAdminText();
  const catalog = useLoad(() => adminApi.catalog());
  const [editing, setEditing] = useState<MaterialItem | 'new' | null>(null);
  const [examEditing, setExamEditing] = useState<{ code: string; name: string; nameEn?: string | null } | 'new' | null>(null);
  const { busy, run: act } = useAdminAction(catalog.reload);
  const [form] = Form.useForm<MaterialForm>();
  const [examForm] = Form.useForm<{ code: string; name: string; nameEn?: string | null }>();

  if (catalog.loading && !catalog.data) return <PageLoading />;
  if (!catalog.data) return <PageError message={catalog.error ?? undefined} onRetry={() => void catalog.reload()} />;
  const c = catalog.data;

  const saveMaterial = (v: MaterialForm) =>
    editing === 'new'
      ? act('save', () => adminApi.createMaterial({ code: v.code.trim(), name: v.name, requirements: v.requirements, nameEn: v.nameEn ?? null, requirementsEn: v.requirementsEn ?? null, minCount: v.minCount, maxCount: v.maxCount }), t('catalog.materialAdded'))
      : act('save', () => adminApi.updateMaterial((editing as MaterialItem).code, { name: v.name, requirements: v.requirements, nameEn: v.nameEn ?? null, requirementsEn: v.requirementsEn ?? null, minCount: v.minCount, maxCount: v.maxCount, sortOrder: v.sortOrder }), t('common.saved'));

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={t('catalog.materials')}
        extra={c.editable ? <Button icon={<PlusOutlined />} onClick={() => { form.resetFields(); form.setFieldsValue({ minCount: 1, maxCount: 3 }); setEditing('new'); }}>{t('catalog.addMaterial')}</Button> : <Tag>{t('catalog.readOnly')}</Tag>}
      >
        <Table<MaterialItem>
          rowKey="code"
          dataSource={c.materials}
          pagination={false}
          scroll={{ x: 980 }}
          columns={[
            {
              title: t('catalog.col.example'), key: 'ex', width: 100,
              render: (_, m) => (m.exampleImageUrl ? <HistoryImage src={m.exampleImageUrl} className="admin-example-thumb" alt={t('catalog.exampleAlt', { name: m.name })} /> : <Typography.Text type="secondary">{t('catalog.noExample')}</Typography.Text>),
            },
            { title: t('catalog.col.material'), key: 'n', width: 200, render: (_, m) => <span><b>{m.name}</b><br /><Typography.Text type="secondary" style={{ fontSize: 12 }}>{m.code}</Typography.Text></span> },
            { title: t('catalog.col.requirements'), dataIndex: 'requirements', render: (v: string) => <Typography.Paragraph ellipsis={{ rows: 2, expandable: true, symbol: t('catalog.expand') }} style={{ margin: 0 }}>{v}</Typography.Paragraph> },
            { title: t('catalog.col.count'), key: 'cnt', width: 80, render: (_, m) => `${m.minCount}–${m.maxCount}` },
            { title: t('catalog.col.imageCount'), dataIndex: 'imageCount', width: 90 },
            {
              title: t('common.actions'), key: 'a', width: 250,
              render: (_, m) =>
                c.editable ? (
                  <Space size={0} wrap>
                    <Button type="link" size="small" icon={<EditOutlined />} onClick={() => { form.setFieldsValue(m); setEditing(m); }}>{t('common.edit')}</Button>
                    <Upload
                      accept="image/jpeg,image/png"
                      showUploadList={false}
                      customRequest={({ file }) => void act(`ex-${m.code}`, () => adminApi.uploadExample(m.code, file as Blob, (file as File).name), t('catalog.exampleUpdated', { name: m.name }))}
                    >
                      <Button type="link" size="small" icon={<PictureOutlined />} loading={busy === `ex-${m.code}`}>{t('catalog.uploadExample')}</Button>
                    </Upload>
                    {m.customExample ? (
                      <Button type="link" size="small" icon={<UndoOutlined />} onClick={() => void act(`reset-${m.code}`, () => adminApi.resetExample(m.code), t('catalog.exampleReset'))}>{t('catalog.resetExample')}</Button>
                    ) : null}
                    {m.imageCount === 0 ? (
                      <HistoryPopconfirm title={t('catalog.deleteConfirm', { name: m.name })} description={t('catalog.deleteHelp')} okText={t('common.delete')} cancelText={t('common.cancel')}
                        onConfirm={() => act(`del-${m.code}`, () => adminApi.deleteMaterial(m.code), t('common.deleted'))}>
                        <Button type="link" size="small" danger icon={<DeleteOutlined />}>{t('common.delete')}</Button>
                      </HistoryPopconfirm>
                    ) : null}
                  </Space>
                ) : null,
            },
          ]}
        />
      </Card>

      <Card title={t('catalog.examCategories')} extra={c.editable ? <Button icon={<PlusOutlined />} onClick={() => { examForm.resetFields(); setExamEditing('new'); }}>{t('catalog.addExamCategory')}</Button> : null}>
        <Table
          rowKey="code"
          size="small"
          dataSource={c.examCategories}
          pagination={false}
          columns={[
            { title: t('catalog.col.code'), dataIndex: 'code', width: 100 },
            { title: t('common.name'), dataIndex: 'name' },
            { title: t('catalog.field.nameEn'), dataIndex: 'nameEn', render: (v: string | null | undefined) => v ?? <Typography.Text type="secondary">{t('catalog.noEnglish')}</Typography.Text> },
            {
              title: t('common.actions'), key: 'a', width: 100,
              render: (_, e: { code: string; name: string; nameEn?: string | null }) => (c.editable ? <Button type="link" size="small" icon={<EditOutlined />} onClick={() => { examForm.setFieldsValue(e); setExamEditing(e); }}>{t('common.rename')}</Button> : null),
            },
          ]}
        />
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          {t('catalog.situations', { names: c.situations.map((s) => s.name).join(t('common.listSep')) })}
        </Typography.Paragraph>
      </Card>

      <FormModal form={form} title={editing === 'new' ? t('catalog.addMaterial') : t('catalog.editMaterial')} open={editing !== null} onClose={() => setEditing(null)} onSubmit={saveMaterial} confirmLoading={busy === 'save'} width={640}>
        <Form.Item name="code" label={t('catalog.field.code')} rules={[{ required: true, message: t('common.codeRequired') }, { pattern: /^[a-z][a-z_]{1,39}$/, message: t('catalog.codePattern') }]} extra={t('catalog.codeHelp')}>
          <Input disabled={editing !== 'new'} />
        </Form.Item>
        <Form.Item name="name" label={t('catalog.field.name')} rules={[{ required: true, whitespace: true, message: t('common.nameRequired') }, { max: 60 }]}><Input /></Form.Item>
        <Form.Item name="requirements" label={t('catalog.field.requirements')} rules={[{ required: true, whitespace: true, message: t('catalog.requirementsRequired') }, { max: 2000 }]}>
          <Input.TextArea rows={4} showCount maxLength={2000} />
        </Form.Item>
        <Form.Item name="nameEn" label={t('catalog.field.nameEn')} rules={[{ max: 120 }]} extra={t('catalog.englishHelp')}><Input /></Form.Item>
        <Form.Item name="requirementsEn" label={t('catalog.field.requirementsEn')} rules={[{ max: 4000 }]}>
          <Input.TextArea rows={3} showCount maxLength={4000} />
        </Form.Item>
        <Row gutter={12}>
          <Col span={8}><Form.Item name="minCount" label={t('catalog.field.minCount')} rules={[{ required: true }]}><InputNumber min={0} max={20} precision={0} style={{ width: '100%' }} /></Form.Item></Col>
          <Col span={8}>
            <Form.Item name="maxCount" label={t('catalog.field.maxCount')} dependencies={['minCount']}
              rules={[{ required: true }, ({ getFieldValue }) => ({ validator: (_r, v) => (v >= (getFieldValue('minCount') ?? 0) ? Promise.resolve() : Promise.reject(new Error(t('catalog.maxBelowMin')))) })]}>
              <InputNumber min={1} max={20} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          {editing !== 'new' ? <Col span={8}><Form.Item name="sortOrder" label={t('catalog.field.sortOrder')}><InputNumber min={0} max={10000} precision={0} style={{ width: '100%' }} /></Form.Item></Col> : null}
        </Row>
      </FormModal>

      <FormModal form={examForm} title={examEditing === 'new' ? t('catalog.addExamCategory') : t('catalog.renameExamCategory')} open={examEditing !== null} onClose={() => setExamEditing(null)} confirmLoading={busy === 'exam'}
        onSubmit={(v) =>
          examEditing === 'new'
            ? act('exam', () => adminApi.createExamCategory(v.code.trim(), v.name.trim(), v.nameEn?.trim() || null), t('catalog.examAdded'))
            : act('exam', () => adminApi.renameExamCategory((examEditing as { code: string }).code, v.name.trim(), v.nameEn?.trim() || null), t('common.renamed'))
        }>
        <Form.Item name="code" label={t('catalog.field.examCode')} rules={[{ required: true, message: t('common.codeRequired') }, { pattern: /^\d{3}$/, message: t('catalog.examCodePattern') }]}><Input disabled={examEditing !== 'new'} /></Form.Item>
        <Form.Item name="name" label={t('catalog.field.examName')} rules={[{ required: true, whitespace: true, message: t('common.nameRequired') }, { max: 30 }]}><Input /></Form.Item>
        <Form.Item name="nameEn" label={t('catalog.field.nameEn')} rules={[{ max: 120 }]} extra={t('catalog.englishHelp')}><Input /></Form.Item>
      </FormModal>
    </Space>
  );
}
