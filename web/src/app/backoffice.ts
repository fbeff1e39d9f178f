import type { MenuProps } from 'antd';
import type { RouteObject } from 'react-router';

/**
 * The back office is built in web/src/backoffice/ (its own owner). It exports `backofficeRoutes` (route objects under
 * /admin and /review) and `backofficeMenu(role)`. The glob finds the module when it exists, so this shell builds
 * with or without it; the module's own routes should lazy-load their pages to keep the customer bundle small.
 */
export interface BackofficeModule {
  backofficeRoutes?: RouteObject[];
  backofficeMenu?: (role: string) => MenuProps['items'];
}

const found = import.meta.glob<BackofficeModule>('../backoffice/index.tsx', { eager: true });
export const backoffice: BackofficeModule | null = Object.values(found)[0] ?? null;
