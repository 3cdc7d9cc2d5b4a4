import { App as AntApp, Button, ConfigProvider, Result } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { lazy, ReactNode, Suspense, useEffect } from 'react';
import { BrowserRouter, Link, Route, Routes } from 'react-router-dom';
import { AuthProvider } from './auth/auth-context';
import { LoginPage } from './auth/LoginPage';
import { RequireAuth } from './auth/RequireAuth';
import { I18nProvider, useI18n } from './i18n';
import { AppLayout } from './layout/AppLayout';
import { Skeleton } from 'antd';

// Screens load on first visit, so the login page does not wait for the plan matrix or the admin.
const lazyScreen = <K extends string>(load: () => Promise<Record<K, () => ReactNode>>, name: K) =>
  lazy(() => load().then((module) => ({ default: module[name] })));
const MyWorkPage = lazyScreen(() => import('./features/my-work/MyWorkPage'), 'MyWorkPage');
const ItemsPage = lazyScreen(() => import('./features/items/ItemsPage'), 'ItemsPage');
const PlansPage = lazyScreen(() => import('./features/plans/PlansPage'), 'PlansPage');
const PlanPage = lazyScreen(() => import('./features/plans/PlanPage'), 'PlanPage');
const WorkItemPage = lazyScreen(() => import('./features/work-items/WorkItemPage'), 'WorkItemPage');
const InboxPage = lazyScreen(() => import('./features/supervision/InboxPage'), 'InboxPage');
const ImportPage = lazyScreen(() => import('./features/import/ImportPage'), 'ImportPage');
const ReportsPage = lazyScreen(() => import('./features/reports/ReportsPage'), 'ReportsPage');
const UsersPage = lazyScreen(() => import('./features/admin/UsersPage'), 'UsersPage');
const OrganizationsPage = lazyScreen(() => import('./features/admin/OrganizationsPage'), 'OrganizationsPage');
const NotificationsPage = lazyScreen(
  () => import('./features/notifications/NotificationsPage'),
  'NotificationsPage',
);
const AuditLogPage = lazyScreen(() => import('./features/admin/AuditLogPage'), 'AuditLogPage');
const FailedDeliveriesPage = lazyScreen(
  () => import('./features/admin/FailedDeliveriesPage'),
  'FailedDeliveriesPage',
);

function NotFound() {
  const { t } = useI18n();
  return (
    <Result
      status="404"
      title={t('notFound.title')}
      extra={
        <Link to="/">
          <Button type="primary">{t('notFound.back')}</Button>
        </Link>
      }
    />
  );
}

function Routed() {
  const { locale } = useI18n();
  useEffect(() => {
    dayjs.locale(locale === 'en' ? 'en' : 'zh-cn');
    document.documentElement.lang = locale;
  }, [locale]);
  return (
    <ConfigProvider locale={locale === 'en' ? enUS : zhCN} theme={{ token: { colorPrimary: '#1677ff' } }}>
      <AntApp>
        <AuthProvider>
          <BrowserRouter>
            <Suspense fallback={<Skeleton active style={{ padding: 24 }} />}>
              <Routes>
                <Route path="/login" element={<LoginPage />} />
                <Route
                  element={
                    <RequireAuth>
                      <AppLayout />
                    </RequireAuth>
                  }
                >
                  <Route index element={<MyWorkPage />} />
                  <Route path="items" element={<ItemsPage />} />
                  <Route path="inbox" element={<InboxPage />} />
                  <Route path="notifications" element={<NotificationsPage />} />
                  <Route path="plans" element={<PlansPage />} />
                  <Route path="plans/:id" element={<PlanPage />} />
                  <Route path="work-items/:id" element={<WorkItemPage />} />
                  <Route path="reports" element={<ReportsPage />} />
                  <Route
                    path="import"
                    element={
                      <RequireAuth roles={['admin', 'manager']}>
                        <ImportPage />
                      </RequireAuth>
                    }
                  />
                  <Route
                    path="admin/users"
                    element={
                      <RequireAuth roles={['admin']}>
                        <UsersPage />
                      </RequireAuth>
                    }
                  />
                  <Route
                    path="admin/organizations"
                    element={
                      <RequireAuth roles={['admin']}>
                        <OrganizationsPage />
                      </RequireAuth>
                    }
                  />
                  <Route
                    path="admin/failed-deliveries"
                    element={
                      <RequireAuth roles={['admin']}>
                        <FailedDeliveriesPage />
                      </RequireAuth>
                    }
                  />
                  <Route
                    path="admin/audit"
                    element={
                      <RequireAuth roles={['admin']}>
                        <AuditLogPage />
                      </RequireAuth>
                    }
                  />
                  <Route path="*" element={<NotFound />} />
                </Route>
              </Routes>
            </Suspense>
          </BrowserRouter>
        </AuthProvider>
      </AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <I18nProvider>
      <Routed />
    </I18nProvider>
  );
}
