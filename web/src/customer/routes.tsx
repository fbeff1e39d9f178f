import {
  AppstoreOutlined,
  CloudServerOutlined,
  FileAddOutlined,
  QuestionCircleOutlined,
  SafetyCertificateOutlined,
  SwapOutlined,
} from '@ant-design/icons';
import type { MenuProps } from 'antd';
import type { TFunction } from 'i18next';
import type { RouteObject } from 'react-router';

/** The customer console (issue #9). Every page is its own chunk. */
export const customerRoutes: RouteObject[] = [
  { index: true, lazy: async () => ({ Component: (await import('./dashboard/Dashboard.tsx')).Dashboard }) },
  {
    path: 'need-to-file',
    lazy: async () => ({ Component: (await import('./need-to-file/NeedToFile.tsx')).NeedToFile }),
  },
  { path: 'new', lazy: async () => ({ Component: (await import('./verify/NewOrder.tsx')).NewOrder }) },
  { path: 'resources', lazy: async () => ({ Component: (await import('./resources/Resources.tsx')).Resources }) },
  { path: 'orders/:id', lazy: async () => ({ Component: (await import('./order/OrderPage.tsx')).OrderPage }) },
  {
    path: 'orders/:id/edit',
    lazy: async () => ({ Component: (await import('./wizard/FilingWizard.tsx')).FilingWizard }),
  },
  {
    path: 'after-filing',
    lazy: async () => ({ Component: (await import('./after-filing/AfterFiling.tsx')).AfterFiling }),
  },
  {
    path: 'after-filing/:kind',
    lazy: async () => ({ Component: (await import('./after-filing/AfterFiling.tsx')).AfterFilingAction }),
  },
  { path: 'extras', lazy: async () => ({ Component: (await import('./extras/ExtrasPage.tsx')).ExtrasPage }) },
  { path: 'extras/:tab', lazy: async () => ({ Component: (await import('./extras/ExtrasPage.tsx')).ExtrasPage }) },
];

/** The "do I need to file?" helper also works before signing up. */
export const publicCustomerRoutes: RouteObject[] = [
  {
    path: 'need-to-file',
    lazy: async () => ({ Component: (await import('./need-to-file/NeedToFile.tsx')).NeedToFile }),
  },
];

export function customerMenu(t: TFunction): MenuProps['items'] {
  return [
    { key: '/console', icon: <AppstoreOutlined aria-hidden />, label: t('customer.menu.dashboard') },
    { key: '/console/new', icon: <FileAddOutlined aria-hidden />, label: t('customer.menu.newFiling') },
    {
      key: '/console/need-to-file',
      icon: <QuestionCircleOutlined aria-hidden />,
      label: t('customer.menu.needToFile'),
    },
    { key: '/console/resources', icon: <CloudServerOutlined aria-hidden />, label: t('customer.menu.resources') },
    { key: '/console/after-filing', icon: <SwapOutlined aria-hidden />, label: t('customer.menu.afterFiling') },
    { key: '/console/extras', icon: <SafetyCertificateOutlined aria-hidden />, label: t('customer.menu.extras') },
  ];
}
