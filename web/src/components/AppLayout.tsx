import { Suspense, useState, type ReactNode } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { Button, Layout, Menu, Popconfirm, Space, Tag, Tooltip, Typography } from 'antd';
import type { MenuProps } from 'antd';
import {
  ApartmentOutlined,
  FundOutlined,
  ProjectOutlined,
  FormOutlined,
  ApiOutlined,
  BarChartOutlined,
  CalendarOutlined,
  TableOutlined,
  AuditOutlined,
  FileDoneOutlined,
  HomeOutlined,
  LogoutOutlined,
  PartitionOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { ROLE_LABELS, roleMay, type Action } from '../../../src/platform/policies.ts';
import { useAuth, useMe } from '../auth.tsx';
import { useI18n, type MsgKey } from '../i18n/index.tsx';
import { LangSwitch } from './LangSwitch.tsx';
import { NotificationBell } from './NotificationBell.tsx';
import { Brand } from './Brand.tsx';
import { PageSpin } from './PageState.tsx';

interface NavItem {
  key: string;
  path: string;
  label: MsgKey;
  icon: ReactNode;
  testId: string;
  /** Shown only when the role may do this somewhere. */
  action?: Action;
}

export const NAV: readonly NavItem[] = [
  { key: 'home', path: '/', label: 'nav.home', icon: <HomeOutlined />, testId: 'nav-home' },
  { key: 'matters', path: '/matters', label: 'nav.matters', icon: <FileDoneOutlined />, testId: 'nav-matters', action: 'matter.read' },
  { key: 'ledger', path: '/ledger', label: 'nav.ledger', icon: <TableOutlined />, testId: 'nav-ledger', action: 'matter.read' },
  { key: 'stats', path: '/stats', label: 'nav.stats', icon: <BarChartOutlined />, testId: 'nav-stats', action: 'matter.stats' },
  { key: 'projects', path: '/projects', label: 'nav.projects', icon: <ProjectOutlined />, testId: 'nav-projects', action: 'project.read' },
  { key: 'projectReports', path: '/projects/reports', label: 'nav.projectReports', icon: <FormOutlined />, testId: 'nav-project-reports', action: 'project.read' },
  { key: 'projectDashboard', path: '/projects/dashboard', label: 'nav.projectDashboard', icon: <FundOutlined />, testId: 'nav-project-dashboard', action: 'project.stats' },
  { key: 'extract', path: '/extract', label: 'nav.extract', icon: <PartitionOutlined />, testId: 'nav-extract', action: 'plan.draft' },
  { key: 'org', path: '/org', label: 'nav.org', icon: <ApartmentOutlined />, testId: 'nav-org', action: 'org.read' },
  { key: 'users', path: '/users', label: 'nav.users', icon: <TeamOutlined />, testId: 'nav-users', action: 'user.read' },
  { key: 'audit', path: '/audit', label: 'nav.audit', icon: <AuditOutlined />, testId: 'nav-audit', action: 'audit.read' },
  { key: 'settings', path: '/settings', label: 'nav.settings', icon: <CalendarOutlined />, testId: 'nav-settings', action: 'clock.read' },
  { key: 'account', path: '/account', label: 'nav.account', icon: <UserOutlined />, testId: 'nav-account' },
];

function selectedKey(pathname: string): string {
  if (pathname === '/') return 'home';
  // the longest matching path: /projects/dashboard is its own entry, /projects/12 belongs to /projects
  const hit = NAV.filter((n) => n.path !== '/' && (pathname === n.path || pathname.startsWith(n.path + '/'))).sort((a, b) => b.path.length - a.path.length)[0];
  if (hit) return hit.key;
  if (pathname.startsWith('/change-password')) return 'account';
  return '';
}

/** The frame around every page once signed in: header with who and where, side menu by role. */
export function AppLayout({ children }: { children?: ReactNode }) {
  const { me } = useMe();
  const { logout } = useAuth();
  const { t, l } = useI18n();
  const location = useLocation();
  const navigate = useNavigate();
  const [collapsed, setCollapsed] = useState(false);
  const [signingOut, setSigningOut] = useState(false);

  const items: MenuProps['items'] = [
    ...NAV.filter((n) => !n.action || roleMay(me.role, n.action)).map((n) => ({
      key: n.key,
      icon: n.icon,
      label: (
        <Link to={n.path} data-testid={n.testId}>
          {t(n.label)}
        </Link>
      ),
    })),
    { type: 'divider' as const },
    {
      key: 'api-docs',
      icon: <ApiOutlined />,
      label: (
        <a href="/api/docs" target="_blank" rel="noopener noreferrer" data-testid="nav-api-docs">
          {t('nav.apiDocs')}
        </a>
      ),
    },
  ];

  return (
    <Layout className="ls-shell">
      <Layout.Header className="ls-header">
        <Brand onClick={() => navigate('/')} />
        <Space size="middle" className="ls-header-right" wrap={false}>
          <span className="ls-whoami" data-testid="header-user">
            <Tooltip title={me.unit.name}>
              <span className="ls-header-unit">{me.unit.name}</span>
            </Tooltip>
            <span className="ls-header-name">{me.displayName}</span>
            <Tag className="ls-header-role" variant="filled" data-testid="header-role">
              {l(ROLE_LABELS[me.role])}
            </Tag>
          </span>
          <NotificationBell />
          <LangSwitch dark />
          <Popconfirm
            title={t('logout.confirm')}
            okText={t('logout.action')}
            cancelText={t('common.cancel')}
            placement="bottomRight"
            onConfirm={async () => {
              setSigningOut(true);
              await logout();
              setSigningOut(false);
            }}
          >
            <Button
              type="text"
              size="small"
              icon={<LogoutOutlined />}
              className="ls-header-btn"
              loading={signingOut}
              data-testid="logout"
            >
              {t('logout.action')}
            </Button>
          </Popconfirm>
        </Space>
      </Layout.Header>
      <Layout>
        <Layout.Sider
          width={208}
          theme="light"
          className="ls-sider"
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          breakpoint="lg"
        >
          <Menu mode="inline" selectedKeys={[selectedKey(location.pathname)]} items={items} className="ls-menu" />
        </Layout.Sider>
        <Layout.Content className="ls-content">
          <Suspense fallback={<PageSpin />}>{children ?? <Outlet />}</Suspense>
          <Typography.Text type="secondary" className="ls-footer">
            {t('app.footer')}
          </Typography.Text>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
