import { Button } from 'antd';
import { QuestionCircleOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useI18n } from '../../i18n/I18nProvider';
import './help-link.css';

/** 帮助 in the header of every page: icon and word, the icon alone on a phone. */
export function HelpLink() {
  const { t } = useI18n();
  return (
    <Link to="/help" data-testid="help-link" aria-label={t('nav.help')} title={t('nav.help')} className="help-link">
      <Button type="text" size="small" icon={<QuestionCircleOutlined />} tabIndex={-1}>
        <span className="help-link-text">{t('nav.help')}</span>
      </Button>
    </Link>
  );
}
