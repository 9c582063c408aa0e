import { Fragment, useState, type ReactNode } from 'react';
import { Alert, App, Button, Card, Col, Row, Space, Statistic, Table, Typography, Upload } from 'antd';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { IMPORT_COLUMNS, SITUATION_COLUMN } from '../../../../src/domain/registration-import.js';
import { useAuth } from '../../auth/AuthProvider';
import { useI18n } from '../../i18n/I18nProvider';
import { useLoad } from '../useLoad';
import { adminApi } from './api';
import { errorText } from './errors';
import { chinaTime } from './labels';
import type { ImportHistoryItem, ImportResult, RowProblem } from './types';
import { useAdminText } from './useAdminText';

/** A message whose {placeholders} are elements (e.g. <code>): the text split around them. */
function withNodes(template: string, nodes: Record<string, ReactNode>): ReactNode {
  return template.split(/\{(\w+)\}/).map((part, i) => (i % 2 ? <Fragment key={i}>{nodes[part] ?? `{${part}}`}</Fragment> : part));
}

/**
 * 报名数据导入: a CSV (UTF-8 or GBK, as Excel saves it) or xlsx file from the registration
 * system. Good rows are stored at once, bad rows are listed by line and column and can be
 * downloaded, fixed and imported again.
 */
export default function ImportPage() {
  const { message } = App.useApp();
  const { user } = useAuth();
  const { lang } = useI18n();
  const t = useAdminText();
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
      message.success(t('import.done', { imported: r.imported, updated: r.updated, rejected: r.rejectedRows }));
      void history.reload();
    } catch (e) {
      setFailure(errorText(e, lang));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card title={t('nav.import')} extra={<a href="/api/v1/admin/registrations/import-template.csv" download><Button icon={<DownloadOutlined />}>{t('import.template')}</Button></a>}>
        <Typography.Paragraph>
          {/* The column names are the file's format: they stay as the registration system writes them. */}
          {withNodes(t('import.format', { n: IMPORT_COLUMNS.length + 1 }), {
            columns: <Typography.Text code>{IMPORT_COLUMNS.join(',')}</Typography.Text>,
            situation: <Typography.Text code>{SITUATION_COLUMN}</Typography.Text>,
          })}
        </Typography.Paragraph>
        <Typography.Paragraph type="secondary">
          {[t('import.notes'), user?.regionCode ? t('import.regionOnly', { code: user.regionCode }) : null, t('import.bigFiles')].filter(Boolean).join(t('common.sentenceSep'))}
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
          <p className="ant-upload-text">{busy ? t('import.importing') : t('import.drop')}</p>
          <p className="ant-upload-hint">{t('import.dropHint')}</p>
        </Upload.Dragger>
        </div>
      </Card>

      {failure ? <Alert type="error" showIcon message={t('import.failed')} description={failure} data-testid="import-error" /> : null}

      {result ? (
        <Card title={t('import.result', { file: result.fileName })} data-testid="import-result">
          <Row gutter={16}>
            <Col xs={12} md={4}><Statistic title={t('import.stat.total')} value={result.totalRows} /></Col>
            <Col xs={12} md={4}><Statistic title={t('import.stat.imported')} value={result.imported} valueStyle={{ color: '#389e0d' }} /></Col>
            <Col xs={12} md={4}><Statistic title={t('import.stat.updated')} value={result.updated} /></Col>
            <Col xs={12} md={4}><Statistic title={t('import.stat.unchanged')} value={result.unchanged} /></Col>
            <Col xs={12} md={4}><Statistic title={t('import.stat.rejected')} value={result.rejectedRows} valueStyle={{ color: result.rejectedRows ? '#cf1322' : undefined }} /></Col>
            <Col xs={12} md={4}><Statistic title={t('import.stat.returned')} value={result.returnedToDraft} /></Col>
          </Row>
          {result.rejectedRows > 0 ? (
            <>
              <Alert
                style={{ margin: '16px 0' }}
                type="warning"
                showIcon
                message={t('import.rejectedRows', { count: result.rejectedRows })}
                description={t('import.rejectedHelp')}
                action={
                  <Space direction="vertical">
                    <a href={result.reportUrl!} download><Button size="small" icon={<DownloadOutlined />}>{t('import.reportCsv')}</Button></a>
                    <a href={result.reportUrl!.replace(/\.csv$/, '.xlsx')} download><Button size="small" icon={<DownloadOutlined />}>{t('import.reportXlsx')}</Button></a>
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
                  { title: t('import.col.row'), dataIndex: 'row', width: 80 },
                  { title: t('import.col.column'), dataIndex: 'column', width: 110, render: (v: string) => v || t('import.wholeRow') },
                  { title: t('import.col.problem'), dataIndex: 'message' },
                  { title: t('import.col.code'), dataIndex: 'code', width: 220, render: (v: string) => <Typography.Text type="secondary" style={{ fontSize: 12 }}>{v}</Typography.Text> },
                ]}
              />
            </>
          ) : (
            <Alert style={{ marginTop: 16 }} type="success" showIcon message={t('import.allImported')} />
          )}
        </Card>
      ) : null}

      <Card title={t('import.recent')}>
        <Table<ImportHistoryItem>
          rowKey="id"
          size="small"
          loading={history.loading}
          dataSource={history.data?.items ?? []}
          pagination={false}
          scroll={history.data?.items.length ? { x: 800 } : undefined /* an empty scroll box cannot take keyboard focus */}
          columns={[
            { title: t('import.col.time'), key: 't', render: (_, h) => chinaTime(h.createdAt) },
            { title: t('import.col.file'), dataIndex: 'fileName' },
            { title: t('import.col.importedBy'), dataIndex: 'importedBy' },
            { title: t('import.col.rows'), dataIndex: 'totalRows' },
            { title: t('import.stat.imported'), dataIndex: 'imported' },
            { title: t('import.stat.updated'), dataIndex: 'updated' },
            { title: t('import.stat.rejected'), dataIndex: 'rejectedRows' },
            { title: t('import.col.report'), key: 'r', render: (_, h) => (h.reportUrl ? <a href={h.reportUrl} download>{t('import.download')}</a> : '—') },
          ]}
        />
      </Card>
    </Space>
  );
}
