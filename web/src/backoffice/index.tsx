import {
  AuditOutlined,
  BarChartOutlined,
  CalendarOutlined,
  CameraOutlined,
  ClockCircleOutlined,
  CloudServerOutlined,
  FileSearchOutlined,
  PictureOutlined,
  SendOutlined,
  SettingOutlined,
  TeamOutlined,
  ToolOutlined,
} from '@ant-design/icons';
import type { MenuProps } from 'antd';
import { Navigate, Outlet, type RouteObject } from 'react-router';
import { useAuth } from '../app/auth.tsx';
import { RequireRole } from '../app/guards.tsx';
import { BoText } from './i18n.tsx';
import './backoffice.css';

/**
 * The back office (issue #8): review queues and the review page for reviewers, the dashboard, and provider
 * administration for admins; photo-point staff get their upload page. Every page is its own chunk, and every action
 * is enforced again by the API whatever the menu shows.
 */
const STAFF = ['reviewer', 'admin'] as const;

function Gate({ roles }: { roles: readonly ('reviewer' | 'admin' | 'photo_agent')[] }) {
  return (
    <RequireRole roles={roles}>
      <Outlet />
    </RequireRole>
  );
}

function ReviewHome() {
  const { user } = useAuth();
  return <Navigate to={user?.role === 'photo_agent' ? '/review/photo-point' : '/review/queues/initial'} replace />;
}

export const backofficeRoutes: RouteObject[] = [
  {
    path: 'review',
    children: [
      { index: true, element: <ReviewHome /> },
      {
        element: <Gate roles={STAFF} />,
        children: [
          { path: 'queues', element: <Navigate to="/review/queues/initial" replace /> },
          {
            path: 'queues/:queue',
            lazy: async () => ({ Component: (await import('./pages/QueuePage.tsx')).QueuePage }),
          },
          {
            path: 'orders/:id',
            lazy: async () => ({ Component: (await import('./pages/ReviewPage.tsx')).ReviewPage }),
          },
          {
            path: 'dashboard',
            lazy: async () => ({ Component: (await import('./pages/DashboardPage.tsx')).DashboardPage }),
          },
        ],
      },
      {
        element: <Gate roles={['photo_agent', 'reviewer', 'admin']} />,
        children: [
          {
            path: 'photo-point',
            lazy: async () => ({ Component: (await import('./pages/PhotoPointPage.tsx')).PhotoPointPage }),
          },
        ],
      },
    ],
  },
  {
    path: 'admin',
    element: <Gate roles={['admin']} />,
    children: [
      { index: true, element: <Navigate to="/admin/province-rules" replace /> },
      {
        path: 'province-rules',
        lazy: async () => ({ Component: (await import('./admin/ProvinceRulesPage.tsx')).ProvinceRulesPage }),
      },
      { path: 'calendar', lazy: async () => ({ Component: (await import('./admin/CalendarPage.tsx')).CalendarPage }) },
      {
        path: 'provider',
        lazy: async () => ({ Component: (await import('./admin/ProviderConfigPage.tsx')).ProviderConfigPage }),
      },
      { path: 'users', lazy: async () => ({ Component: (await import('./admin/UsersPage.tsx')).UsersPage }) },
      { path: 'servers', lazy: async () => ({ Component: (await import('./admin/ServersPage.tsx')).ServersPage }) },
      { path: 'dashboard', element: <Navigate to="/review/dashboard" replace /> },
    ],
  },
];

const queues: NonNullable<MenuProps['items']> = [
  { key: '/review/queues/initial', icon: <FileSearchOutlined />, label: <BoText k="menu.initial" /> },
  { key: '/review/queues/re-review', icon: <PictureOutlined />, label: <BoText k="menu.reReview" /> },
  { key: '/review/queues/bureau', icon: <SendOutlined />, label: <BoText k="menu.bureau" /> },
  { key: '/review/queues/expiring', icon: <ClockCircleOutlined />, label: <BoText k="menu.expiring" /> },
];
const dashboard = { key: '/review/dashboard', icon: <BarChartOutlined />, label: <BoText k="menu.dashboard" /> };

/** The navigation of each role; the server refuses anything outside it anyway. */
export function backofficeMenu(role: string): MenuProps['items'] {
  if (role === 'reviewer') return [...queues, dashboard];
  if (role === 'photo_agent')
    return [{ key: '/review/photo-point', icon: <CameraOutlined />, label: <BoText k="menu.photoPoint" /> }];
  if (role === 'admin')
    return [
      { key: 'queues', icon: <AuditOutlined />, label: <BoText k="menu.queues" />, children: queues },
      dashboard,
      {
        key: 'admin',
        icon: <ToolOutlined />,
        label: <BoText k="menu.admin" />,
        children: [
          { key: '/admin/province-rules', icon: <SettingOutlined />, label: <BoText k="menu.provinceRules" /> },
          { key: '/admin/calendar', icon: <CalendarOutlined />, label: <BoText k="menu.calendar" /> },
          { key: '/admin/provider', icon: <SettingOutlined />, label: <BoText k="menu.provider" /> },
          { key: '/admin/users', icon: <TeamOutlined />, label: <BoText k="menu.users" /> },
          { key: '/admin/servers', icon: <CloudServerOutlined />, label: <BoText k="menu.servers" /> },
        ],
      },
    ];
  return [];
}
