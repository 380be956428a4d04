import { lazy, Suspense, type ReactNode } from 'react';
import { BrowserRouter, Navigate, Outlet, Route, Routes, useLocation } from 'react-router';
import { App as AntApp, Button, ConfigProvider, Result } from 'antd';
import zhCN from 'antd/es/locale/zh_CN';
import enUS from 'antd/es/locale/en_US';
import { roleMay, type Action } from '../../src/platform/policies.ts';
import { AuthProvider, useAuth } from './auth.tsx';
import { I18nProvider, useI18n } from './i18n/index.tsx';
import { errorText } from './feedback.ts';
import { AppLayout } from './components/AppLayout.tsx';
import { Forbidden, NotFound, PageSpin } from './components/PageState.tsx';
import { ForcedShell } from './components/ForcedShell.tsx';
import LoginPage from './pages/Login.tsx';

const HomePage = lazy(() => import('./pages/Home.tsx'));
const OrgPage = lazy(() => import('./pages/Org.tsx'));
const UsersPage = lazy(() => import('./pages/Users.tsx'));
const AuditPage = lazy(() => import('./pages/Audit.tsx'));
const MattersPage = lazy(() => import('./pages/Matters.tsx'));
const MatterPage = lazy(() => import('./pages/Matter.tsx'));
const MatterNewPage = lazy(() => import('./pages/MatterNew.tsx'));
const MatterSuggestPage = lazy(() => import('./pages/MatterSuggest.tsx'));
const LedgerPage = lazy(() => import('./pages/Ledger.tsx'));
const StatsPage = lazy(() => import('./pages/Stats.tsx'));
const ExtractPage = lazy(() => import('./pages/Extract.tsx'));
const ProjectsPage = lazy(() => import('./pages/projects/List.tsx'));
const ProjectPage = lazy(() => import('./pages/projects/Detail.tsx'));
const ProjectReportsPage = lazy(() => import('./pages/projects/Reports.tsx'));
const ProjectDashboardPage = lazy(() => import('./pages/projects/Dashboard.tsx'));
const ProjectRankingsPage = lazy(() => import('./pages/projects/Rankings.tsx'));
const NotificationsPage = lazy(() => import('./pages/Notifications.tsx'));
const SettingsPage = lazy(() => import('./pages/Settings.tsx'));
const AccountPage = lazy(() => import('./pages/Account.tsx'));
const ChangePasswordPage = lazy(() => import('./pages/ChangePassword.tsx'));

const THEME = {
  token: {
    colorPrimary: '#1f5fbf',
    colorLink: '#1f5fbf',
    borderRadius: 4,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Source Han Sans SC', 'Helvetica Neue', Arial, sans-serif",
  },
  components: {
    Table: { cellPaddingBlockSM: 6, headerBg: '#f3f5f8' },
    Layout: { headerBg: '#9e1b1b', siderBg: '#ffffff', bodyBg: '#f2f4f7' },
  },
};

export function Root() {
  return (
    <I18nProvider>
      <Themed />
    </I18nProvider>
  );
}

function Themed() {
  const { lang } = useI18n();
  return (
    <ConfigProvider locale={lang === 'zh' ? zhCN : enUS} theme={THEME}>
      <AntApp>
        <AuthProvider>
          <BrowserRouter>
            <AppRoutes />
          </BrowserRouter>
        </AuthProvider>
      </AntApp>
    </ConfigProvider>
  );
}

function BootFailed() {
  const { bootError, retryBoot } = useAuth();
  const { t, lang } = useI18n();
  return (
    <Result
      status="error"
      title={t('boot.failed')}
      subTitle={errorText(bootError, lang, t('error.unexpected'))}
      extra={
        <Button type="primary" onClick={retryBoot}>
          {t('common.retry')}
        </Button>
      }
    />
  );
}

/** Pages behind the login. Until the password is changed, only the change page is reachable. */
function RequireAuth() {
  const { me } = useAuth();
  const location = useLocation();
  if (!me) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  if (me.mustChangePassword && location.pathname !== '/change-password') {
    return <Navigate to="/change-password" replace />;
  }
  return <Outlet />;
}

/** A page the role may not see at all shows a 403 result instead of an empty shell. */
function Allowed({ action, children }: { action: Action; children: ReactNode }) {
  const { me } = useAuth();
  if (!me || !roleMay(me.role, action)) return <Forbidden />;
  return <>{children}</>;
}

function ChangePasswordRoute() {
  const { me } = useAuth();
  if (me?.mustChangePassword) {
    return (
      <ForcedShell>
        <Suspense fallback={<PageSpin />}>
          <ChangePasswordPage forced />
        </Suspense>
      </ForcedShell>
    );
  }
  return (
    <AppLayout>
      <ChangePasswordPage forced={false} />
    </AppLayout>
  );
}

function AppRoutes() {
  const { booting, bootError } = useAuth();
  if (booting) return <PageSpin full />;
  if (bootError) return <BootFailed />;
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route element={<RequireAuth />}>
        <Route path="/change-password" element={<ChangePasswordRoute />} />
        <Route element={<AppLayout />}>
          <Route index element={<HomePage />} />
          <Route
            path="/matters"
            element={
              <Allowed action="matter.read">
                <MattersPage />
              </Allowed>
            }
          />
          <Route
            path="/matters/new"
            element={
              <Allowed action="matter.create">
                <MatterNewPage />
              </Allowed>
            }
          />
          <Route
            path="/matters/suggest"
            element={
              <Allowed action="matter.file">
                <MatterSuggestPage />
              </Allowed>
            }
          />
          <Route
            path="/matters/:id"
            element={
              <Allowed action="matter.read">
                <MatterPage />
              </Allowed>
            }
          />
          <Route
            path="/ledger"
            element={
              <Allowed action="matter.read">
                <LedgerPage />
              </Allowed>
            }
          />
          <Route
            path="/stats"
            element={
              <Allowed action="matter.stats">
                <StatsPage />
              </Allowed>
            }
          />
          <Route
            path="/extract"
            element={
              <Allowed action="plan.draft">
                <ExtractPage />
              </Allowed>
            }
          />
          <Route
            path="/projects"
            element={
              <Allowed action="project.read">
                <ProjectsPage />
              </Allowed>
            }
          />
          <Route
            path="/projects/reports"
            element={
              <Allowed action="project.read">
                <ProjectReportsPage />
              </Allowed>
            }
          />
          <Route
            path="/projects/dashboard"
            element={
              <Allowed action="project.stats">
                <ProjectDashboardPage />
              </Allowed>
            }
          />
          <Route
            path="/projects/rankings"
            element={
              <Allowed action="project.stats">
                <ProjectRankingsPage />
              </Allowed>
            }
          />
          <Route
            path="/projects/:id"
            element={
              <Allowed action="project.read">
                <ProjectPage />
              </Allowed>
            }
          />
          <Route path="/notifications" element={<NotificationsPage />} />
          <Route
            path="/settings"
            element={
              <Allowed action="clock.read">
                <SettingsPage />
              </Allowed>
            }
          />
          <Route
            path="/org"
            element={
              <Allowed action="org.read">
                <OrgPage />
              </Allowed>
            }
          />
          <Route
            path="/users"
            element={
              <Allowed action="user.read">
                <UsersPage />
              </Allowed>
            }
          />
          <Route
            path="/audit"
            element={
              <Allowed action="audit.read">
                <AuditPage />
              </Allowed>
            }
          />
          <Route path="/account" element={<AccountPage />} />
          <Route path="*" element={<NotFound />} />
        </Route>
      </Route>
    </Routes>
  );
}
