import { useTranslation } from 'react-i18next';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { customerMenu, customerRoutes, publicCustomerRoutes } from '../customer/routes.tsx';
import { AppLayout, PublicLayout } from './AppLayout.tsx';
import { useAuth } from './auth.tsx';
import { backoffice } from './backoffice.ts';
import { HomeRedirect, RequireRole } from './guards.tsx';
import { PageLoading } from './PageLoading.tsx';
import { BackofficeMissing, NotFound } from './pages/NotFound.tsx';
import { RouteError } from './pages/RouteError.tsx';
import { SignIn } from './pages/SignIn.tsx';
import { SignUp } from './pages/SignUp.tsx';

function CustomerShell() {
  const { t } = useTranslation();
  return (
    <RequireRole roles={['customer']}>
      <AppLayout menu={customerMenu(t)} />
    </RequireRole>
  );
}

function StaffShell() {
  const { user } = useAuth();
  return (
    <RequireRole roles={['reviewer', 'photo_agent', 'admin']}>
      <AppLayout menu={user ? (backoffice?.backofficeMenu?.(user.role) ?? []) : []} />
    </RequireRole>
  );
}

/** Until web/src/backoffice/ exists, its paths answer with a plain notice instead of a 404. */
const staffRoutes: RouteObject[] = backoffice?.backofficeRoutes ?? [
  { path: 'admin/*', element: <BackofficeMissing /> },
  { path: 'review/*', element: <BackofficeMissing /> },
];

export const routes: RouteObject[] = [
  {
    path: '/',
    errorElement: <RouteError />,
    HydrateFallback: PageLoading,
    children: [
      { index: true, element: <HomeRedirect /> },
      {
        element: <PublicLayout />,
        children: [
          { path: 'sign-in', element: <SignIn /> },
          { path: 'sign-up', element: <SignUp /> },
          ...publicCustomerRoutes,
        ],
      },
      { path: 'console', element: <CustomerShell />, children: customerRoutes },
      { element: <StaffShell />, children: staffRoutes },
      { path: '*', element: <NotFound /> },
    ],
  },
];

export const router = createBrowserRouter(routes);
