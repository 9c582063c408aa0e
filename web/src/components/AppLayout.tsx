import { Badge, Button, Layout, Space, Tooltip } from 'antd';
import { BellOutlined, LogoutOutlined, SafetyCertificateOutlined, TranslationOutlined, UserOutlined } from '@ant-design/icons';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { Suspense } from 'react';
import { useAuth } from '../auth/AuthProvider';
import { useI18n } from '../i18n/I18nProvider';
import { PageLoading } from './PageState';
import { LoadErrorBoundary, LoadFailed, usePreloadFailure } from './LoadErrorBoundary';
import { HelpLink } from '../pages/help/HelpLink';
import { useUnreadMessages } from './useUnreadMessages';

/** Header (system name, language, user, 退出登录), a centred content column, footer. */
export function AppLayout() {
  const { t, lang, setLang } = useI18n();
  const { user, logout } = useAuth();
  const navigate = useNavigate();
  // The review workspace uses the width of a reviewer's desktop screen.
  const location = useLocation();
  const { pathname } = location;
  const preloadFailed = usePreloadFailure();
  const wide = pathname.startsWith('/review') || pathname.startsWith('/admin');
  const isCandidate = user?.role === 'candidate' && !user.mustChangePassword;
  const unread = useUnreadMessages(isCandidate);
  const onLogout = async () => {
    await logout();
    navigate('/login', { replace: true });
  };
  return (
    <Layout className="app-layout">
      <Layout.Header className="app-header">
        <div className={`app-header-inner${wide ? ' app-wide' : ''}`}>
          <Link to="/" className="app-brand" aria-label={t('app.name')}>
            <SafetyCertificateOutlined className="app-brand-icon" />
            <span className="app-brand-full">{t('app.name')}</span>
            <span className="app-brand-sub">{t('app.subtitle')}</span>
            <span className="app-brand-short">{t('app.shortName')}</span>
          </Link>
          <Space size={4} className="app-header-actions">
            <HelpLink />
            <Tooltip title={t('lang.switchAria')}>
              <Button
                type="text"
                size="small"
                icon={<TranslationOutlined />}
                onClick={() => setLang(lang === 'en' ? 'zh-CN' : 'en')}
                aria-label={t('lang.switchAria')}
                data-testid="lang-switch"
              >
                <span className="lang-long">{t('lang.switch')}</span>
                <span className="lang-short">{t('lang.short')}</span>
              </Button>
            </Tooltip>
            {isCandidate && unread !== null ? (
              <Tooltip title={t('messages.title')}>
                <Link to="/messages" aria-label={t('messages.title')} data-testid="messages-link">
                  <Button type="text" size="small" className="bell-button">
                    <Badge count={unread} size="small" offset={[4, -2]} data-testid="messages-badge">
                      <BellOutlined style={{ fontSize: 16 }} />
                    </Badge>
                  </Button>
                </Link>
              </Tooltip>
            ) : null}
            {user ? (
              <>
                <span className="app-user" data-testid="header-user">
                  <UserOutlined />
                  <span className="app-user-name">{user.displayName || user.username}</span>
                </span>
                <Button size="small" icon={<LogoutOutlined />} onClick={onLogout} data-testid="logout" className="logout-button" title={t('common.logout')}>
                  {t('common.logout')}
                </Button>
              </>
            ) : null}
          </Space>
        </div>
      </Layout.Header>
      <Layout.Content className="app-content">
        <div className={`app-container${wide ? ' app-wide' : ''}`}>
          {preloadFailed ? (
            <LoadFailed chunk />
          ) : (
            <LoadErrorBoundary resetKey={location.pathname}>
              <Suspense fallback={<PageLoading />}>
                <Outlet />
              </Suspense>
            </LoadErrorBoundary>
          )}
        </div>
      </Layout.Content>
      <Layout.Footer className="app-footer">{t('app.footer')}</Layout.Footer>
    </Layout>
  );
}
