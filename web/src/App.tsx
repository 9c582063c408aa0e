import { lazy, useEffect, type ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation, useNavigate, useSearchParams } from 'react-router-dom';
import { configureApi } from './api/client';
import type { Role } from './api/types';
import { AuthProvider, homeFor, STAFF_ROLES, useAuth } from './auth/AuthProvider';
import { AppLayout } from './components/AppLayout';
import { PageError, PageLoading } from './components/PageState';
import { loginPathFor, returnPathAfterLogin } from './lib/return-path';

// Routes are split so the login page does not wait for the upload code.
const LoginPage = lazy(() => import('./pages/LoginPage'));
const ChangePasswordPage = lazy(() => import('./pages/ChangePasswordPage'));
const ActivatePage = lazy(() => import('./pages/ActivatePage'));
const RegistrationPage = lazy(() => import('./pages/RegistrationPage'));
const MaterialsPage = lazy(() => import('./pages/materials/MaterialsPage'));
const MessagesPage = lazy(() => import('./pages/MessagesPage'));
// The staff pages (review queue, review page, statistics, account) route themselves under /review.
const ReviewRoutes = lazy(() => import('./pages/review/ReviewRoutes'));
const PhotoCheckPage = lazy(() => import('./pages/tools/PhotoCheckPage'));
const HelpPage = lazy(() => import('./pages/help/HelpPage'));
// 管理后台: regions, rules, catalog, accounts, registration import (administrators only).
const AdminRoutes = lazy(() => import('./pages/admin/AdminRoutes'));
const NotFoundPage = lazy(() => import('./pages/NotFoundPage'));

/** Lets the API client send the user to login / change password / activation. */
function ApiNavigation() {
  const navigate = useNavigate();
  const { clear } = useAuth();
  useEffect(() => {
    configureApi({
      handlers: {
        onUnauthenticated: () => {
          clear();
          if (window.location.pathname !== '/login') {
            const here = `${window.location.pathname}${window.location.search}${window.location.hash}`;
            navigate(loginPathFor(here), { replace: true, state: { expired: true } });
          }
        },
        onPasswordChangeRequired: () => navigate('/password', { replace: true }),
        onActivationRequired: () => navigate('/activate', { replace: true }),
      },
    });
  }, [navigate, clear]);
  return null;
}

/** Shows the page only to a logged-in user of one of `roles`; else sends them on. */
function RequireUser({ roles, allowPasswordChange, children }: { roles?: readonly Role[]; allowPasswordChange?: boolean; children: ReactNode }) {
  const { status, user, errorMessage, errorStatus, refresh } = useAuth();
  const location = useLocation();
  if (status === 'loading') return <PageLoading />;
  if (status === 'error') return <PageError message={errorMessage ?? undefined} status={errorStatus} onRetry={() => void refresh()} />;
  if (!user) return <Navigate to={loginPathFor(`${location.pathname}${location.search}${location.hash}`)} replace />;
  if (user.mustChangePassword && !allowPasswordChange) return <Navigate to="/password" replace />;
  if (roles && !roles.includes(user.role)) return <Navigate to={homeFor(user)} replace />;
  return <>{children}</>;
}

function GuestOnly({ children }: { children: ReactNode }) {
  const { status, user } = useAuth();
  const [params] = useSearchParams();
  if (status === 'loading') return <PageLoading />;
  if (user) return <Navigate to={returnPathAfterLogin(params.get('next'), user) ?? homeFor(user)} replace />;
  return <>{children}</>;
}

const CANDIDATE: readonly Role[] = ['candidate'];
const ADMIN: readonly Role[] = ['admin'];

export function App() {
  return (
    <BrowserRouter>
      <AuthProvider>
        <ApiNavigation />
        <Routes>
          <Route element={<AppLayout />}>
            <Route path="/login" element={<GuestOnly><LoginPage /></GuestOnly>} />
            <Route path="/password" element={<RequireUser allowPasswordChange><ChangePasswordPage /></RequireUser>} />
            <Route path="/activate" element={<RequireUser roles={CANDIDATE}><ActivatePage /></RequireUser>} />
            <Route path="/" element={<RequireUser roles={CANDIDATE}><RegistrationPage /></RequireUser>} />
            <Route path="/materials" element={<RequireUser roles={CANDIDATE}><MaterialsPage /></RequireUser>} />
            <Route path="/messages" element={<RequireUser roles={CANDIDATE}><MessagesPage /></RequireUser>} />
            <Route path="/review/*" element={<RequireUser roles={STAFF_ROLES}><ReviewRoutes /></RequireUser>} />
            <Route path="/admin/*" element={<RequireUser roles={ADMIN}><AdminRoutes /></RequireUser>} />
            <Route path="/tools/photo-check" element={<PhotoCheckPage />} />
            <Route path="/help" element={<HelpPage />} />
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Routes>
      </AuthProvider>
    </BrowserRouter>
  );
}
