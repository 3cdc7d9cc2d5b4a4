import { CheckSquareOutlined, GlobalOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { App, Badge, Button, Dropdown, Input, Layout, Menu, Typography } from 'antd';
import type { MenuProps } from 'antd';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useAuth, useMe } from '../auth/auth-context';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { openQueueDashboard, QUEUE_DASHBOARD_KEY } from '../features/admin/queue-dashboard';
import { NotificationBell } from '../features/notifications/NotificationBell';
import { InboxProvider } from '../features/supervision/InboxProvider';
import { inboxTotal, useSharedInbox } from '../features/supervision/use-inbox';
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
  return (
    <InboxProvider>
      <AppFrame />
    </InboxProvider>
  );
}

function AppFrame() {
  const me = useMe();
  const { logout } = useAuth();
  const { t, locale, setLocale } = useI18n();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const location = useLocation();
  // Reloaded on every navigation and after every act that can change it (see useSharedInbox).
  const inbox = useSharedInbox();

  const items: MenuProps['items'] = [
    { key: '/', label: t('nav.myWork') },
    {
      key: '/inbox',
      label: (
        <span data-testid="nav-inbox">
          {t('nav.inbox')}{' '}
          <Badge count={inboxTotal(inbox.data)} size="small" offset={[2, -2]} data-testid="nav-inbox-count" />
        </span>
      ),
    },
    { key: '/items', label: t('nav.items') },
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
              { key: '/admin/audit', label: t('nav.audit') },
              { key: QUEUE_DASHBOARD_KEY, label: t('nav.queueDashboard') },
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
          onClick={({ key }) =>
            key === QUEUE_DASHBOARD_KEY
              ? openQueueDashboard().catch((error: Error) => message.error(error.message))
              : navigate(key)
          }
          style={{ flex: 1, minWidth: 0 }}
        />
        <Input.Search
          className="app-search"
          placeholder={t('nav.search')}
          aria-label={t('nav.search')}
          allowClear
          maxLength={100}
          onSearch={(value) => value.trim() && navigate(`/items?${new URLSearchParams({ q: value.trim() })}`)}
        />
        {/* On a phone the menu folds 待办 away: its count stays in sight here. */}
        <Button
          type="text"
          className="app-inbox-phone"
          aria-label={`${t('nav.inbox')} (${inboxTotal(inbox.data)})`}
          data-testid="header-inbox"
          onClick={() => navigate('/inbox')}
        >
          <Badge count={inboxTotal(inbox.data)} size="small">
            <CheckSquareOutlined style={{ color: 'rgba(255, 255, 255, 0.85)', fontSize: 18 }} />
          </Badge>
        </Button>
        <NotificationBell />
        <LanguageSwitch />
        <Dropdown
          menu={{
            items: [
              { key: 'org', label: `${me.organization.name} · ${t(`role.${me.role}`)}`, disabled: true },
              // Also here, not only in the header: on a phone the header has no room for the switch.
              { key: 'language', icon: <GlobalOutlined />, label: t('nav.language') },
              { key: 'logout', icon: <LogoutOutlined />, label: t('nav.logout') },
            ],
            onClick: async ({ key }) => {
              if (key === 'language') setLocale(locale === 'en' ? 'zh-CN' : 'en');
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
