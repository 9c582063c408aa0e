import { useState } from 'react';
import { Button, Card, Col, Form, Image, Input, InputNumber, Popconfirm, Row, Space, Table, Tag, Typography, Upload } from 'antd';
import { DeleteOutlined, EditOutlined, PictureOutlined, PlusOutlined, UndoOutlined } from '@ant-design/icons';
import { PageError, PageLoading } from '../../components/PageState';
import { useLoad } from '../useLoad';
import { adminApi } from './api';
import { FormModal } from './FormModal';
import type { MaterialItem } from './types';
import { useAdminAction } from './useAdminAction';

interface MaterialForm {
  code: string;
  name: string;
  requirements: string;
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
  const catalog = useLoad(() => adminApi.catalog());
  const [editing, setEditing] = useState<MaterialItem | 'new' | null>(null);
  const [examEditing, setExamEditing] = useState<{ code: string; name: string } | 'new' | null>(null);
  const { busy, run: act } = useAdminAction(catalog.reload);
  const [form] = Form.useForm<MaterialForm>();
  const [examForm] = Form.useForm<{ code: string; name: string }>();

  if (catalog.loading && !catalog.data) return <PageLoading />;
  if (!catalog.data) return <PageError message={catalog.error ?? undefined} onRetry={() => void catalog.reload()} />;
  const c = catalog.data;

  const saveMaterial = (v: MaterialForm) =>
    editing === 'new'
      ? act('save', () => adminApi.createMaterial({ code: v.code.trim(), name: v.name, requirements: v.requirements, minCount: v.minCount, maxCount: v.maxCount }), '材料种类已新增（默认“按需上传”，可在规则中设为必传）')
      : act('save', () => adminApi.updateMaterial((editing as MaterialItem).code, { name: v.name, requirements: v.requirements, minCount: v.minCount, maxCount: v.maxCount, sortOrder: v.sortOrder }), '已保存');

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title="材料种类"
        extra={c.editable ? <Button icon={<PlusOutlined />} onClick={() => { form.resetFields(); form.setFieldsValue({ minCount: 1, maxCount: 3 }); setEditing('new'); }}>新增材料种类</Button> : <Tag>只读（由全国管理员维护）</Tag>}
      >
        <Table<MaterialItem>
          rowKey="code"
          dataSource={c.materials}
          pagination={false}
          scroll={{ x: 980 }}
          columns={[
            {
              title: '示例', key: 'ex', width: 100,
              render: (_, m) => (m.exampleImageUrl ? <Image src={m.exampleImageUrl} className="admin-example-thumb" alt={`${m.name}示例`} /> : <Typography.Text type="secondary">无</Typography.Text>),
            },
            { title: '材料', key: 'n', width: 200, render: (_, m) => <span><b>{m.name}</b><br /><Typography.Text type="secondary" style={{ fontSize: 12 }}>{m.code}</Typography.Text></span> },
            { title: '上传要求', dataIndex: 'requirements', render: (v: string) => <Typography.Paragraph ellipsis={{ rows: 2, expandable: true, symbol: '展开' }} style={{ margin: 0 }}>{v}</Typography.Paragraph> },
            { title: '张数', key: 'cnt', width: 80, render: (_, m) => `${m.minCount}–${m.maxCount}` },
            { title: '已传图片', dataIndex: 'imageCount', width: 90 },
            {
              title: '操作', key: 'a', width: 250,
              render: (_, m) =>
                c.editable ? (
                  <Space size={0} wrap>
                    <Button type="link" size="small" icon={<EditOutlined />} onClick={() => { form.setFieldsValue(m); setEditing(m); }}>编辑</Button>
                    <Upload
                      accept="image/jpeg,image/png"
                      showUploadList={false}
                      customRequest={({ file }) => void act(`ex-${m.code}`, () => adminApi.uploadExample(m.code, file as Blob, (file as File).name), `${m.name}：示例图片已更新`)}
                    >
                      <Button type="link" size="small" icon={<PictureOutlined />} loading={busy === `ex-${m.code}`}>上传示例</Button>
                    </Upload>
                    {m.customExample ? (
                      <Button type="link" size="small" icon={<UndoOutlined />} onClick={() => void act(`reset-${m.code}`, () => adminApi.resetExample(m.code), '已恢复为系统示例图')}>恢复默认</Button>
                    ) : null}
                    {m.imageCount === 0 ? (
                      <Popconfirm title={`删除“${m.name}”？`} description="还没有考生上传过该材料，删除后相关规则一并删除。" okText="删除" cancelText="取消"
                        onConfirm={() => act(`del-${m.code}`, () => adminApi.deleteMaterial(m.code), '已删除')}>
                        <Button type="link" size="small" danger icon={<DeleteOutlined />}>删除</Button>
                      </Popconfirm>
                    ) : null}
                  </Space>
                ) : null,
            },
          ]}
        />
      </Card>

      <Card title="报考类别" extra={c.editable ? <Button icon={<PlusOutlined />} onClick={() => { examForm.resetFields(); setExamEditing('new'); }}>新增报考类别</Button> : null}>
        <Table
          rowKey="code"
          size="small"
          dataSource={c.examCategories}
          pagination={false}
          columns={[
            { title: '代码', dataIndex: 'code', width: 100 },
            { title: '名称', dataIndex: 'name' },
            {
              title: '操作', key: 'a', width: 100,
              render: (_, e: { code: string; name: string }) => (c.editable ? <Button type="link" size="small" icon={<EditOutlined />} onClick={() => { examForm.setFieldsValue(e); setExamEditing(e); }}>改名</Button> : null),
            },
          ]}
        />
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          个人情况（导入文件“个人情况”列可填写）：{c.situations.map((s) => s.name).join('；')}
        </Typography.Paragraph>
      </Card>

      <FormModal form={form} title={editing === 'new' ? '新增材料种类' : '编辑材料种类'} open={editing !== null} onClose={() => setEditing(null)} onSubmit={saveMaterial} confirmLoading={busy === 'save'} width={640}>
        <Form.Item name="code" label="材料代码" rules={[{ required: true, message: '请填写代码' }, { pattern: /^[a-z][a-z_]{1,39}$/, message: '小写英文字母或下划线，以字母开头' }]} extra="创建后不能修改，如 name_change_proof">
          <Input disabled={editing !== 'new'} />
        </Form.Item>
        <Form.Item name="name" label="材料名称" rules={[{ required: true, whitespace: true, message: '请填写名称' }, { max: 60 }]}><Input /></Form.Item>
        <Form.Item name="requirements" label="上传要求" rules={[{ required: true, whitespace: true, message: '请填写上传要求' }, { max: 2000 }]}>
          <Input.TextArea rows={4} showCount maxLength={2000} />
        </Form.Item>
        <Row gutter={12}>
          <Col span={8}><Form.Item name="minCount" label="必传时至少（张）" rules={[{ required: true }]}><InputNumber min={0} max={20} precision={0} style={{ width: '100%' }} /></Form.Item></Col>
          <Col span={8}>
            <Form.Item name="maxCount" label="最多（张）" dependencies={['minCount']}
              rules={[{ required: true }, ({ getFieldValue }) => ({ validator: (_r, v) => (v >= (getFieldValue('minCount') ?? 0) ? Promise.resolve() : Promise.reject(new Error('不能少于最少张数'))) })]}>
              <InputNumber min={1} max={20} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          {editing !== 'new' ? <Col span={8}><Form.Item name="sortOrder" label="排序（小的在前）"><InputNumber min={0} max={10000} precision={0} style={{ width: '100%' }} /></Form.Item></Col> : null}
        </Row>
      </FormModal>

      <FormModal form={examForm} title={examEditing === 'new' ? '新增报考类别' : '报考类别改名'} open={examEditing !== null} onClose={() => setExamEditing(null)} confirmLoading={busy === 'exam'}
        onSubmit={(v) =>
          examEditing === 'new'
            ? act('exam', () => adminApi.createExamCategory(v.code.trim(), v.name.trim()), '报考类别已新增')
            : act('exam', () => adminApi.renameExamCategory((examEditing as { code: string }).code, v.name.trim()), '已改名')
        }>
        <Form.Item name="code" label="代码（3 位数字）" rules={[{ required: true, message: '请填写代码' }, { pattern: /^\d{3}$/, message: '3 位数字' }]}><Input disabled={examEditing !== 'new'} /></Form.Item>
        <Form.Item name="name" label="名称（导入文件“报考类别”列按此名称匹配）" rules={[{ required: true, whitespace: true, message: '请填写名称' }, { max: 30 }]}><Input /></Form.Item>
      </FormModal>
    </Space>
  );
}
