import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

export function NotFound() {
  const { t } = useTranslation();
  return (
    <Result
      status="404"
      title={t('app.notFound.title')}
      subTitle={t('app.notFound.body')}
      extra={
        <Link to="/">
          <Button type="primary">{t('app.notFound.home')}</Button>
        </Link>
      }
    />
  );
}

export function BackofficeMissing() {
  const { t } = useTranslation();
  return <Result status="info" title={t('app.backofficeMissing.title')} subTitle={t('app.backofficeMissing.body')} />;
}
