import { Button, Card, Typography } from 'antd';
import { CameraOutlined, CheckOutlined, FilePdfOutlined, LockOutlined, MinusOutlined, QuestionCircleOutlined, RightOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useAuth } from '../../auth/AuthProvider';
import { StatusTag } from '../../components/StatusTag';
import { useI18n } from '../../i18n/I18nProvider';
import { COMMITMENT_LETTER_URL, HELP, type HelpItem } from './help-content';
import './help.css';

/** 帮助 (附件3 考生有关问题答疑, answered for this system): public, linked from every page's header. */
export default function HelpPage() {
  const { lang } = useI18n();
  const { user } = useAuth();
  const h = HELP[lang];
  const candidate = user?.role === 'candidate';

  return (
    <div className="stack help-page" data-testid="help-page">
      <div className="page-title-row">
        <h2>
          <QuestionCircleOutlined style={{ color: '#1d5fbf', marginInlineEnd: 8 }} />
          {h.title}
        </h2>
      </div>
      <Typography.Paragraph style={{ marginBottom: 0 }}>{h.intro}</Typography.Paragraph>

      <Card size="small" title={h.toolsTitle}>
        <div className="help-tools">
          <Link to="/tools/photo-check" className="help-tool" data-testid="help-photo-tool">
            <CameraOutlined className="help-tool-icon" />
            <span className="help-tool-body">
              <strong>{h.photoTool}</strong>
              <span>{h.photoToolText}</span>
            </span>
            <RightOutlined className="help-tool-go" />
          </Link>
          {candidate ? (
            <a href={COMMITMENT_LETTER_URL} target="_blank" rel="noopener" className="help-tool" data-testid="help-letter">
              <FilePdfOutlined className="help-tool-icon" />
              <span className="help-tool-body">
                <strong>{h.letter}</strong>
                <span>{h.letterText}</span>
              </span>
              <RightOutlined className="help-tool-go" />
            </a>
          ) : (
            <div className="help-tool static">
              <FilePdfOutlined className="help-tool-icon" />
              <span className="help-tool-body">
                <strong>{h.letter}</strong>
                <span>{h.letterText}</span>
              </span>
            </div>
          )}
        </div>
      </Card>

      <Card size="small" title={h.contents}>
        <ol className="help-contents">
          <li><a href="#status">{h.statusTitle}</a></li>
          <li><a href="#icons">{h.iconsTitle}</a></li>
          {h.faq.map((f) => (
            <li key={f.id}><a href={`#${f.id}`}>{f.q}</a></li>
          ))}
        </ol>
      </Card>

      <Card size="small" title={h.statusTitle} id="status" className="help-anchor" data-testid="help-statuses">
        <p>{h.statusIntro}</p>
        <dl className="help-statuses">
          {h.statuses.map((s) => (
            <div key={s.status} className="help-status-row">
              <dt><StatusTag status={s.status} /></dt>
              <dd>{s.text}</dd>
            </div>
          ))}
        </dl>
      </Card>

      <Card size="small" title={h.iconsTitle} id="icons" className="help-anchor" data-testid="help-icons">
        <dl className="help-icons">
          <div className="help-icon-row">
            <dt><span className="image-caption locked"><LockOutlined /> {lang === 'en' ? 'Locked' : '已锁定'}</span></dt>
            <dd>{h.icons.locked}</dd>
          </div>
          <div className="help-icon-row">
            <dt><span className="help-tick"><CheckOutlined /></span></dt>
            <dd>{h.icons.approved}</dd>
          </div>
          <div className="help-icon-row">
            <dt><span className="image-caption replace">{h.icons.replaceLabel}</span></dt>
            <dd>{h.icons.replace}</dd>
          </div>
          <div className="help-icon-row">
            <dt><Button type="primary" danger shape="circle" size="small" icon={<MinusOutlined />} tabIndex={-1} aria-hidden /></dt>
            <dd>{h.icons.delete}</dd>
          </div>
          <div className="help-icon-row">
            <dt><span className="help-watermark">2026 · 2026990100001</span></dt>
            <dd>{h.icons.watermark}</dd>
          </div>
        </dl>
      </Card>

      <Card size="small" title={h.faqTitle} data-testid="help-faq">
        {h.faq.map((f) => (
          <Faq key={f.id} item={f} />
        ))}
      </Card>
    </div>
  );
}

function Faq({ item }: { item: HelpItem }) {
  return (
    <section id={item.id} className="help-faq help-anchor" data-testid={`faq-${item.id}`}>
      <h3>{item.q}</h3>
      {item.a.map((p, i) => (
        <p key={i}>{p}</p>
      ))}
      {item.links?.map((l) => (
        <Link key={l.to} to={l.to} className="help-faq-link">
          {l.label} <RightOutlined />
        </Link>
      ))}
    </section>
  );
}
