import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { isRouteErrorResponse, useRouteError } from 'react-router';
import { NotFound } from './NotFound.tsx';

/** The router's error element: a page that threw, or a lazy chunk that failed to load after a redeploy. */
export function RouteError() {
  const error = useRouteError();
  const { t } = useTranslation();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFound />;
  const text = error instanceof Error ? error.message : String(error);
  return (
    <Result
      status="error"
      title={t('app.errorBoundary.title')}
      subTitle={t('app.errorBoundary.body')}
      extra={
        <>
          <pre className="error-detail">{text}</pre>
          <Button type="primary" onClick={() => window.location.reload()}>
            {t('app.retry')}
          </Button>
        </>
      }
    />
  );
}
