import { lazy, Suspense } from 'react';
import { Layout, Menu, Tag } from 'antd';
import { AuditOutlined, BookOutlined, ClusterOutlined, FileSearchOutlined, ImportOutlined, TeamOutlined } from '@ant-design/icons';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { useAuth } from '../../auth/AuthProvider';
import { PageLoading } from '../../components/PageState';
import type { AdminKey } from './admin-messages';
import { useAdminText } from './useAdminText';
import './admin.css';

const RegionsPage = lazy(() => import('./RegionsPage'));
const RulesPage = lazy(() => import('./RulesPage'));
const CatalogPage = lazy(() => import('./CatalogPage'));
const AccountsPage = lazy(() => import('./AccountsPage'));
const ImportPage = lazy(() => import('./ImportPage'));

const MENU = [
  { key: 'regions', icon: <ClusterOutlined />, label: 'nav.regions' as AdminKey },
  { key: 'rules', icon: <AuditOutlined />, label: 'nav.rules' as AdminKey },
  { key: 'catalog', icon: <BookOutlined />, label: 'nav.catalog' as AdminKey },
  { key: 'accounts', icon: <TeamOutlined />, label: 'nav.accounts' as AdminKey },
  { key: 'import', icon: <ImportOutlined />, label: 'nav.import' as AdminKey },
  { type: 'divider' as const },
  { key: 'review', icon: <FileSearchOutlined />, label: 'nav.review' as AdminKey },
];

/**
 * 管理后台 under /admin: a side menu and one page per task. A regional administrator
 * (user.regionCode) sees its region only; the server enforces it, the pages say so.
 */
export default function AdminRoutes() {
  const { user } = useAuth();
  const navigate = useNavigate();
  const t = useAdminText();
  const section = useLocation().pathname.split('/')[2] || 'regions';
  const items = MENU.map((i) => ('type' in i ? i : { ...i, label: t(i.label) }));
  return (
    <Layout className="admin-layout" data-testid="admin-console">
      <Layout.Sider width={200} trigger={null}>
        <div className="admin-sider-title">
          {t('console.title')} <Tag color={user?.regionCode ? 'geekblue' : 'purple'}>{user?.regionCode ? t('scope.region', { code: user.regionCode }) : t('scope.national')}</Tag>
        </div>
        <Menu mode="inline" selectedKeys={[section]} items={items} onClick={(e) => navigate(e.key === 'review' ? '/review' : `/admin/${e.key}`)} />
      </Layout.Sider>
      <Layout.Content>
        <Suspense fallback={<PageLoading />}>
          <Routes>
            <Route index element={<Navigate to="regions" replace />} />
            <Route path="regions" element={<RegionsPage />} />
            <Route path="rules" element={<RulesPage />} />
            <Route path="catalog" element={<CatalogPage />} />
            <Route path="accounts" element={<AccountsPage />} />
            <Route path="import" element={<ImportPage />} />
            <Route path="*" element={<Navigate to="regions" replace />} />
          </Routes>
        </Suspense>
      </Layout.Content>
    </Layout>
  );
}
