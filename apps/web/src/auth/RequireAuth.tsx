import { Spin } from 'antd';
import { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { UserRole } from '../api/types';
import { useI18n } from '../i18n';
import { useAuth } from './auth-context';

/** Sends signed-out visitors to /login, remembering where they were going. */
export function RequireAuth({ children, roles }: { children: ReactNode; roles?: UserRole[] }) {
  const { me } = useAuth();
  const location = useLocation();
  const { t } = useI18n();
  if (me === undefined) return <Spin size="large" tip={t('common.loading')} fullscreen />;
  if (me === null) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  if (roles && !roles.includes(me.role)) return <Navigate to="/" replace />;
  return <>{children}</>;
}
