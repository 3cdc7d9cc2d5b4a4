import { LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Dropdown, Layout, Menu, Typography } from 'antd';
import type { MenuProps } from 'antd';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useAuth, useMe } from '../auth/auth-context';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { NotificationBell } from '../features/notifications/NotificationBell';
import { useI18n } from '../i18n';
import { LanguageSwitch } from './LanguageSwitch';

/** The menu entry a path belongs to: /plans/123 highlights "plans". */
function selectedKey(pathname: string): string {
  const [, first = '', second = ''] = pathname.split('/');
  if (first === 'admin') return `/admin/${second}`;
  if (first === 'work-items') return '/';
  return first ? `/${first}` : '/';
}

export function AppLayout() {
  const me = useMe();
  const { logout } = useAuth();
  const { t } = useI18n();
  const navigate = useNavigate();
  const location = useLocation();

  const items: MenuProps['items'] = [
    { key: '/', label: t('nav.myWork') },
    { key: '/plans', label: t('nav.plans') },
    { key: '/reports', label: t('nav.reports') },
    ...(me.role === 'admin' || me.role === 'manager' ? [{ key: '/import', label: t('nav.import') }] : []),
    ...(me.role === 'admin'
      ? [
          {
            key: 'admin',
            label: t('nav.admin'),
            children: [
              { key: '/admin/users', label: t('nav.users') },
              { key: '/admin/organizations', label: t('nav.organizations') },
              { key: '/admin/failed-deliveries', label: t('nav.failedDeliveries') },
            ],
          },
        ]
      : []),
  ];

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header className="app-header">
        <Typography.Title level={4} className="app-logo" onClick={() => navigate('/')}>
          {t('app.name')}
        </Typography.Title>
        <Menu
          theme="dark"
          mode="horizontal"
          items={items}
          selectedKeys={[selectedKey(location.pathname)]}
          onClick={({ key }) => navigate(key)}
          style={{ flex: 1, minWidth: 0 }}
        />
        <NotificationBell />
        <LanguageSwitch />
        <Dropdown
          menu={{
            items: [
              { key: 'org', label: `${me.organization.name} · ${t(`role.${me.role}`)}`, disabled: true },
              { key: 'logout', icon: <LogoutOutlined />, label: t('nav.logout') },
            ],
            onClick: async ({ key }) => {
              if (key === 'logout') {
                await logout();
                navigate('/login');
              }
            },
          }}
        >
          <Button type="text" icon={<UserOutlined />} className="app-user" data-testid="user-menu">
            <span className="app-user-name">{me.displayName}</span>
          </Button>
        </Dropdown>
      </Layout.Header>
      <Layout.Content className="app-content">
        <ErrorBoundary resetKey={location.pathname}>
          <Outlet />
        </ErrorBoundary>
      </Layout.Content>
    </Layout>
  );
}
