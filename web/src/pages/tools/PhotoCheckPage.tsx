import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Button, Card, Col, Form, InputNumber, Radio, Row, Space, Spin, Tag, Typography, Upload } from 'antd';
import {
  CheckCircleFilled,
  CloseCircleFilled,
  DownloadOutlined,
  ExclamationCircleFilled,
  InboxOutlined,
  LockOutlined,
  RotateLeftOutlined,
  RotateRightOutlined,
} from '@ant-design/icons';
import { useSearchParams } from 'react-router-dom';
import {
  DEFAULT_PHOTO_RULES,
  PHOTO_RULE_LIMITS,
  photoRulesWith,
  type FitMode,
  type PhotoCheckItem,
  type PhotoCheckReport,
  type PhotoRules,
} from '../../../../src/domain/photo-check.js';
import { formatKb, formatName, photoCheckMessage, photoCheckTitle } from '../../../../src/domain/photo-check-messages.js';
import { useI18n } from '../../i18n/I18nProvider';
import { checkFile, fixPhoto, PhotoToolError, type CheckedPhoto, type FixedPhoto } from './photo-tool';
import { toolText, type ToolTextKey } from './texts';
import './photo-check.css';

type Limit = { min: number; max: number };
const inLimit = (v: number | null | undefined, l: Limit): number | undefined =>
  typeof v === 'number' && Number.isInteger(v) && v >= l.min && v <= l.max ? v : undefined;

/** Rules from the address (?w=358&h=441&kb=30), so a registration system can link with its own. */
function rulesFromQuery(q: URLSearchParams): PhotoRules {
  const num = (k: string) => (q.has(k) ? Number(q.get(k)) : undefined);
  return photoRulesWith({
    width: inLimit(num('w'), PHOTO_RULE_LIMITS.width),
    height: inLimit(num('h'), PHOTO_RULE_LIMITS.height),
    maxKb: inLimit(num('kb'), PHOTO_RULE_LIMITS.maxKb),
  });
}

const STATUS_ICON = {
  pass: <CheckCircleFilled className="pc-icon pass" />,
  fail: <CloseCircleFilled className="pc-icon fail" />,
  warn: <ExclamationCircleFilled className="pc-icon warn" />,
} as const;

/** 报名照片检测工具 (附件3 Q11): public; checks and fixes in the browser, nothing is uploaded. */
export default function PhotoCheckPage() {
  const { lang } = useI18n();
  const tt = (key: ToolTextKey, params?: Record<string, string | number>) => toolText(lang, key, params);
  const [query, setQuery] = useSearchParams();
  const rules = useMemo(() => rulesFromQuery(query), [query]);
  const [editing, setEditing] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [checked, setChecked] = useState<CheckedPhoto | null>(null);
  const [turns, setTurns] = useState(0);
  const [mode, setMode] = useState<FitMode>('crop');
  const [fixed, setFixed] = useState<FixedPhoto | null>(null);
  const [busy, setBusy] = useState<'reading' | 'fixing' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = useRef(0);

  // A new file or new rules: decode and check.
  useEffect(() => {
    if (!file) return;
    const id = ++run.current;
    let loaded: CheckedPhoto | null = null;
    setBusy('reading');
    setError(null);
    setFixed(null);
    setChecked(null);
    checkFile(file, rules)
      .then((c) => {
        loaded = c;
        if (id === run.current) setChecked(c);
        else c.source.close();
      })
      .catch(() => {
        if (id === run.current) {
          setError(tt('decodeFailed'));
          setBusy(null);
        }
      });
    return () => {
      loaded?.source.close();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [file, rules]);

  // Checked (or turned, or another fit mode): fix what fails.
  useEffect(() => {
    if (!checked || !file) return;
    if (checked.report.ok && turns === 0) {
      setFixed(null);
      setBusy(null);
      return;
    }
    const id = ++run.current;
    setBusy('fixing');
    fixPhoto(checked.source, file.name, rules, { turns, mode })
      .then((f) => {
        if (id === run.current) {
          setFixed(f);
          setError(null);
        }
      })
      .catch((e) => {
        if (id === run.current) setError(e instanceof PhotoToolError && e.reason === 'cannot_fit' ? tt('cannotFit', { kb: Math.round(rules.maxBytes / 1024) }) : tt('decodeFailed'));
      })
      .finally(() => {
        if (id === run.current) setBusy(null);
      });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [checked, turns, mode]);

  const originalUrl = useMemo(() => (file ? URL.createObjectURL(file) : null), [file]);
  useEffect(() => () => {
    if (originalUrl) URL.revokeObjectURL(originalUrl);
  }, [originalUrl]);
  const fixedUrl = useMemo(() => (fixed ? URL.createObjectURL(fixed.blob) : null), [fixed]);
  useEffect(() => () => {
    if (fixedUrl) URL.revokeObjectURL(fixedUrl);
  }, [fixedUrl]);

  const choose = (f: File) => {
    setTurns(0);
    setFile(f);
  };
  const kb = Math.round(rules.maxBytes / 1024);
  // What is typed; it becomes the rule (and the address) once it is a whole number within bounds.
  const [draft, setDraft] = useState<Record<'w' | 'h' | 'kb', number | null>>({ w: rules.width, h: rules.height, kb });
  useEffect(() => setDraft({ w: rules.width, h: rules.height, kb }), [rules.width, rules.height, kb]);
  const setRule = (key: 'w' | 'h' | 'kb', value: number | null, limit: Limit) => {
    setDraft((d) => ({ ...d, [key]: value }));
    const v = inLimit(value, limit);
    if (v === undefined) return;
    const next = new URLSearchParams(query);
    next.set(key, String(v));
    setQuery(next, { replace: true });
  };
  const settle = () => setDraft({ w: rules.width, h: rules.height, kb });
  const report = checked?.report ?? null;
  const failures = report ? report.checks.filter((c) => c.status === 'fail') : [];

  return (
    <div className="stack photo-check-page" data-testid="photo-check-page">
      <div className="page-title-row">
        <h2>{tt('title')}</h2>
      </div>
      <Typography.Paragraph style={{ marginBottom: 0 }}>{tt('intro')}</Typography.Paragraph>
      <Alert type="success" showIcon icon={<LockOutlined />} message={tt('privacy')} data-testid="privacy-note" />

      <Card size="small" title={tt('rulesTitle')} extra={<Button type="link" size="small" onClick={() => setEditing((e) => !e)} data-testid="edit-rules">{editing ? tt('doneRules') : tt('editRules')}</Button>}>
        <div className="pc-rules" data-testid="photo-rules" data-width={rules.width} data-height={rules.height} data-max-bytes={rules.maxBytes}>
          <Tag>{tt('ruleFormat')}</Tag>
          <Tag>{tt('ruleBytes', { kb })}</Tag>
          <Tag>{tt('ruleSize', { w: rules.width, h: rules.height })}</Tag>
          <Tag>{tt('ruleUpright')}</Tag>
          <Tag>{tt('ruleBackground')}</Tag>
        </div>
        {editing ? (
          <Form layout="inline" className="pc-rule-form" style={{ marginTop: 12, rowGap: 8 }}>
            <Form.Item label={tt('width')}>
              <InputNumber min={PHOTO_RULE_LIMITS.width.min} max={PHOTO_RULE_LIMITS.width.max} precision={0} value={draft.w} onChange={(v) => setRule('w', v, PHOTO_RULE_LIMITS.width)} onBlur={settle} data-testid="rule-width" />
            </Form.Item>
            <Form.Item label={tt('height')}>
              <InputNumber min={PHOTO_RULE_LIMITS.height.min} max={PHOTO_RULE_LIMITS.height.max} precision={0} value={draft.h} onChange={(v) => setRule('h', v, PHOTO_RULE_LIMITS.height)} onBlur={settle} data-testid="rule-height" />
            </Form.Item>
            <Form.Item label={tt('maxKb')}>
              <InputNumber min={PHOTO_RULE_LIMITS.maxKb.min} max={PHOTO_RULE_LIMITS.maxKb.max} precision={0} value={draft.kb} onChange={(v) => setRule('kb', v, PHOTO_RULE_LIMITS.maxKb)} onBlur={settle} data-testid="rule-kb" />
            </Form.Item>
            <Form.Item>
              <Button size="small" onClick={() => setQuery(new URLSearchParams(), { replace: true })} disabled={rules.width === DEFAULT_PHOTO_RULES.width && rules.height === DEFAULT_PHOTO_RULES.height && rules.maxBytes === DEFAULT_PHOTO_RULES.maxBytes}>
                {tt('resetRules')}
              </Button>
            </Form.Item>
          </Form>
        ) : null}
      </Card>

      <div className="pc-dragger" data-testid="photo-input">
        <Upload.Dragger
          accept="image/*"
          multiple={false}
          showUploadList={false}
          beforeUpload={(f) => {
            choose(f);
            return Upload.LIST_IGNORE;
          }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{file ? tt('chooseAgain') : tt('choose')}</p>
          <p className="ant-upload-hint">{tt('chooseHint')}</p>
        </Upload.Dragger>
      </div>

      {error ? <Alert type="error" showIcon message={error} data-testid="photo-error" /> : null}
      {busy === 'reading' ? <Spin tip={tt('reading')}><div style={{ height: 80 }} /></Spin> : null}

      {report && checked ? (
        <Row gutter={[16, 16]} data-testid="photo-result" data-ok={report.ok ? 'true' : 'false'}>
          <Col xs={24} md={12}>
            <Card size="small" title={tt('original')} data-testid="original-card">
              <div className="pc-preview">{originalUrl ? <img src={originalUrl} alt={tt('original')} /> : null}</div>
              <div className="pc-facts" data-testid="original-facts">
                {tt('originalFacts', { format: formatName(report.facts.format), size: formatKb(report.facts.bytes, lang), w: report.facts.width, h: report.facts.height })}
              </div>
              {report.ok ? (
                <Alert type="success" showIcon message={tt('allPass')} data-testid="photo-ok" />
              ) : (
                <Alert
                  type={report.fixable ? 'warning' : 'error'}
                  showIcon
                  message={tt('someFail', { count: failures.length })}
                  description={report.fixable ? tt('fixableAll') : tt('notFixable')}
                  data-testid="photo-summary"
                />
              )}
              <CheckList report={report} testIdPrefix="check" />
            </Card>
          </Col>
          {fixed || busy === 'fixing' || turns !== 0 ? (
            <Col xs={24} md={12}>
              <Card size="small" title={tt('fixed')} data-testid="fixed-card">
                <div className="pc-preview fixed">
                  {busy === 'fixing' || !fixedUrl || !fixed ? (
                    <Spin tip={tt('fixing')}>
                      <div style={{ width: 160, height: 200 }} />
                    </Spin>
                  ) : (
                    <img src={fixedUrl} alt={tt('fixed')} width={fixed.width} height={fixed.height} data-testid="fixed-image" />
                  )}
                </div>
                {fixed ? (
                  <>
                    <div className="pc-facts" data-testid="fixed-facts" data-bytes={fixed.blob.size} data-quality={fixed.quality}>
                      {tt('fixedFacts', { w: fixed.width, h: fixed.height, size: formatKb(fixed.blob.size, lang), q: fixed.quality })}
                    </div>
                    {fixed.upscaled ? <Alert type="info" showIcon message={tt('upscaled')} style={{ marginBottom: 8 }} /> : null}
                    <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                      {tt('fixedPasses')}
                    </Typography.Text>
                    <CheckList report={fixed.report} testIdPrefix="fixed-check" compact />
                  </>
                ) : null}
                <div className="pc-actions">
                  <Button icon={<RotateLeftOutlined />} onClick={() => setTurns((t) => (t + 3) % 4)} disabled={busy !== null} data-testid="rotate-left">
                    {tt('rotateLeft')}
                  </Button>
                  <Button icon={<RotateRightOutlined />} onClick={() => setTurns((t) => (t + 1) % 4)} disabled={busy !== null} data-testid="rotate-right">
                    {tt('rotateRight')}
                  </Button>
                </div>
                <div className="pc-mode">
                  <span>{tt('modeLabel')}：</span>
                  <Radio.Group value={mode} onChange={(e) => setMode(e.target.value as FitMode)} disabled={busy !== null} optionType="button" size="small" data-testid="fit-mode">
                    <Radio.Button value="crop">{tt('modeCrop')}</Radio.Button>
                    <Radio.Button value="pad">{tt('modePad')}</Radio.Button>
                  </Radio.Group>
                </div>
                {fixed && fixedUrl ? (
                  <>
                    <Button type="primary" size="large" block icon={<DownloadOutlined />} href={fixedUrl} download={fixed.fileName} disabled={busy !== null} data-testid="download-fixed" style={{ marginTop: 12 }}>
                      {tt('download')}
                    </Button>
                    <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8, marginBottom: 0 }}>
                      {tt('downloadHint')}
                    </Typography.Paragraph>
                  </>
                ) : null}
              </Card>
            </Col>
          ) : null}
        </Row>
      ) : null}

    </div>
  );
}

function CheckList({ report, testIdPrefix, compact }: { report: PhotoCheckReport; testIdPrefix: string; compact?: boolean }) {
  const { lang } = useI18n();
  const tt = (key: ToolTextKey) => toolText(lang, key);
  return (
    <ul className={`pc-checks${compact ? ' compact' : ''}`}>
      {report.checks.map((c: PhotoCheckItem) => (
        <li key={c.id} className={`pc-check ${c.status}`} data-testid={`${testIdPrefix}-${c.id}`} data-status={c.status}>
          {STATUS_ICON[c.status]}
          <div className="pc-check-body">
            <Space size={6} wrap>
              <strong>{photoCheckTitle(c.id, lang)}</strong>
              <span className={`pc-status ${c.status}`}>{c.status === 'pass' ? tt('statusPass') : c.status === 'fail' ? tt('statusFail') : tt('statusWarn')}</span>
              {c.status === 'fail' && !compact ? <Tag color={c.fixable ? 'blue' : 'red'}>{c.fixable ? tt('fixable') : tt('notFixableTag')}</Tag> : null}
            </Space>
            <div className="pc-check-msg">{photoCheckMessage(c, lang)}</div>
          </div>
        </li>
      ))}
    </ul>
  );
}
