import { useState } from 'react';
import { Alert, App, Button, Card, Col, Row, Space, Statistic, Table, Typography, Upload } from 'antd';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { IMPORT_COLUMNS, SITUATION_COLUMN } from '../../../../src/domain/registration-import.js';
import { useAuth } from '../../auth/AuthProvider';
import { useLoad } from '../useLoad';
import { adminApi } from './api';
import { errorText } from './errors';
import { chinaTime } from './labels';
import type { ImportHistoryItem, ImportResult, RowProblem } from './types';

/**
 * 报名数据导入: a CSV (UTF-8 or GBK, as Excel saves it) or xlsx file from the registration
 * system. Good rows are stored at once, bad rows are listed by line and column and can be
 * downloaded, fixed and imported again.
 */
export default function ImportPage() {
  const { message } = App.useApp();
  const { user } = useAuth();
  const history = useLoad(() => adminApi.imports());
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const upload = async (file: File) => {
    setBusy(true);
    setFailure(null);
    setResult(null);
    try {
      const r = await adminApi.importFile(file, file.name);
      setResult(r);
      message.success(`导入完成：新增 ${r.imported}，更新 ${r.updated}，拒绝 ${r.rejectedRows}`);
      void history.reload();
    } catch (e) {
      setFailure(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card title="报名数据导入" extra={<a href="/api/v1/admin/registrations/import-template.csv" download><Button icon={<DownloadOutlined />}>下载导入模板</Button></a>}>
        <Typography.Paragraph>
          第 1 行为表头，须为 <Typography.Text code>{IMPORT_COLUMNS.join(',')}</Typography.Text>，可加第 {IMPORT_COLUMNS.length + 1} 列 <Typography.Text code>{SITUATION_COLUMN}</Typography.Text>（多个用分号分隔）。
          支持 Excel（.xlsx）和 CSV（UTF-8 或 Excel 默认的 GBK 编码）。证件号码一列请设为“文本”格式，否则 Excel 会改成科学计数法。
        </Typography.Paragraph>
        <Typography.Paragraph type="secondary">
          同一报名号再次导入即更新；报考类别或个人情况变化时，已通过审核的考生回到“填报”并收到通知。新考生用报名号登录，初始密码为证件号码后六位，首次登录须修改。
          {user?.regionCode ? `您只能导入考区 ${user.regionCode} 的考生。` : ''}更大的文件（超过 30MB）请用命令行导入工具。
        </Typography.Paragraph>
        <div data-testid="import-upload">
        <Upload.Dragger
          accept=".csv,.xlsx,.txt"
          multiple={false}
          showUploadList={false}
          disabled={busy}
          customRequest={({ file }) => void upload(file as File)}
        >
          <p className="ant-upload-drag-icon"><InboxOutlined /></p>
          <p className="ant-upload-text">{busy ? '正在导入，请稍候…' : '点击或拖入 CSV / xlsx 文件'}</p>
          <p className="ant-upload-hint">导入后立即生效，无需再提交</p>
        </Upload.Dragger>
        </div>
      </Card>

      {failure ? <Alert type="error" showIcon message="文件未导入" description={failure} data-testid="import-error" /> : null}

      {result ? (
        <Card title={`导入结果：${result.fileName}`} data-testid="import-result">
          <Row gutter={16}>
            <Col xs={12} md={4}><Statistic title="文件行数" value={result.totalRows} /></Col>
            <Col xs={12} md={4}><Statistic title="新增" value={result.imported} valueStyle={{ color: '#389e0d' }} /></Col>
            <Col xs={12} md={4}><Statistic title="更新" value={result.updated} /></Col>
            <Col xs={12} md={4}><Statistic title="未变" value={result.unchanged} /></Col>
            <Col xs={12} md={4}><Statistic title="拒绝" value={result.rejectedRows} valueStyle={{ color: result.rejectedRows ? '#cf1322' : undefined }} /></Col>
            <Col xs={12} md={4}><Statistic title="重回填报" value={result.returnedToDraft} /></Col>
          </Row>
          {result.rejectedRows > 0 ? (
            <>
              <Alert
                style={{ margin: '16px 0' }}
                type="warning"
                showIcon
                message={`${result.rejectedRows} 行未导入，其余行已保存`}
                description="请按下表修改后重新导入这些行（可下载错误报告：前几列即原数据，删去最后两列“原行号”“错误说明”即可再次导入）。"
                action={
                  <Space direction="vertical">
                    <a href={result.reportUrl!} download><Button size="small" icon={<DownloadOutlined />}>错误报告 CSV</Button></a>
                    <a href={result.reportUrl!.replace(/\.csv$/, '.xlsx')} download><Button size="small" icon={<DownloadOutlined />}>错误报告 xlsx</Button></a>
                  </Space>
                }
              />
              <Table<RowProblem>
                rowKey={(p) => `${p.row}-${p.column}-${p.code}`}
                size="small"
                dataSource={result.rejected}
                pagination={{ pageSize: 20, hideOnSinglePage: true }}
                data-testid="import-rejected"
                columns={[
                  { title: '行号', dataIndex: 'row', width: 80 },
                  { title: '列', dataIndex: 'column', width: 110, render: (v: string) => v || '整行' },
                  { title: '问题', dataIndex: 'message' },
                  { title: '代码', dataIndex: 'code', width: 220, render: (v: string) => <Typography.Text type="secondary" style={{ fontSize: 12 }}>{v}</Typography.Text> },
                ]}
              />
            </>
          ) : (
            <Alert style={{ marginTop: 16 }} type="success" showIcon message="全部行已导入" />
          )}
        </Card>
      ) : null}

      <Card title="最近的导入">
        <Table<ImportHistoryItem>
          rowKey="id"
          size="small"
          loading={history.loading}
          dataSource={history.data?.items ?? []}
          pagination={false}
          scroll={{ x: 800 }}
          columns={[
            { title: '时间', key: 't', render: (_, h) => chinaTime(h.createdAt) },
            { title: '文件', dataIndex: 'fileName' },
            { title: '导入人', dataIndex: 'importedBy' },
            { title: '行数', dataIndex: 'totalRows' },
            { title: '新增', dataIndex: 'imported' },
            { title: '更新', dataIndex: 'updated' },
            { title: '拒绝', dataIndex: 'rejectedRows' },
            { title: '错误报告', key: 'r', render: (_, h) => (h.reportUrl ? <a href={h.reportUrl} download>下载</a> : '—') },
          ]}
        />
      </Card>
    </Space>
  );
}
