import { Button, Result } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation } from 'react-router';
import { homeOf, type Role, useAuth } from './auth.tsx';
import { PageLoading } from './PageLoading.tsx';

/** Pages for some roles only. Signed out → sign-in (coming back afterwards); wrong role → a plain refusal. */
export function RequireRole({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const { user, loading, signedOut } = useAuth();
  const location = useLocation();
  const { t } = useTranslation();
  if (loading) return <PageLoading />;
  if (!user) {
    if (signedOut) return <Navigate to="/sign-in" replace />;
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/sign-in?next=${next}`} replace />;
  }
  if (!roles.includes(user.role))
    return (
      <Result
        status="403"
        title={t('app.forbidden.title')}
        subTitle={t('app.forbidden.body', { role: t(`app.roles.${user.role}`) })}
        extra={
          <Link to={homeOf(user.role)}>
            <Button type="primary">{t('app.forbidden.home')}</Button>
          </Link>
        }
      />
    );
  return <>{children}</>;
}

/** `/`: each role's start page. */
export function HomeRedirect() {
  const { user, loading } = useAuth();
  if (loading) return <PageLoading />;
  return <Navigate to={user ? homeOf(user.role) : '/sign-in'} replace />;
}
