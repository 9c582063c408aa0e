import { lazy, Suspense } from 'react';
import { Layout, Menu, Tag } from 'antd';
import { AuditOutlined, BookOutlined, ClusterOutlined, FileSearchOutlined, ImportOutlined, TeamOutlined } from '@ant-design/icons';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { useAuth } from '../../auth/AuthProvider';
import { PageLoading } from '../../components/PageState';
import './admin.css';

const RegionsPage = lazy(() => import('./RegionsPage'));
const RulesPage = lazy(() => import('./RulesPage'));
const CatalogPage = lazy(() => import('./CatalogPage'));
const AccountsPage = lazy(() => import('./AccountsPage'));
const ImportPage = lazy(() => import('./ImportPage'));

const ITEMS = [
  { key: 'regions', icon: <ClusterOutlined />, label: '考区与考点' },
  { key: 'rules', icon: <AuditOutlined />, label: '材料要求规则' },
  { key: 'catalog', icon: <BookOutlined />, label: '材料目录' },
  { key: 'accounts', icon: <TeamOutlined />, label: '账号管理' },
  { key: 'import', icon: <ImportOutlined />, label: '报名数据导入' },
  { type: 'divider' as const },
  { key: 'review', icon: <FileSearchOutlined />, label: '审核工作台' },
];

/**
 * 管理后台 under /admin: a side menu and one page per task. A regional administrator
 * (user.regionCode) sees its region only; the server enforces it, the pages say so.
 */
export default function AdminRoutes() {
  const { user } = useAuth();
  const navigate = useNavigate();
  const section = useLocation().pathname.split('/')[2] || 'regions';
  return (
    <Layout className="admin-layout" data-testid="admin-console">
      <Layout.Sider width={200} trigger={null}>
        <div className="admin-sider-title">
          管理后台 <Tag color={user?.regionCode ? 'geekblue' : 'purple'}>{user?.regionCode ? `考区 ${user.regionCode}` : '全国'}</Tag>
        </div>
        <Menu mode="inline" selectedKeys={[section]} items={ITEMS} onClick={(e) => navigate(e.key === 'review' ? '/review' : `/admin/${e.key}`)} />
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
