import { Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { AuthCodesPanel, ServersPanel } from './ResourcesPanels.tsx';

/** Servers that can back a filing (R-ACC-006..012) and authorization codes (R-ACC-017..024). */
export function Resources() {
  const { t } = useTranslation();
  return (
    <div className="stack">
      <div className="page-header">
        <Typography.Title level={1} className="page-title">
          {t('customer.resources.title')}
        </Typography.Title>
      </div>
      <Card title={<h2 className="section-title">{t('customer.resources.serversTitle')}</h2>}>
        <ServersPanel />
      </Card>
      <Card title={<h2 className="section-title">{t('customer.resources.codesTitle')}</h2>}>
        <AuthCodesPanel />
      </Card>
    </div>
  );
}
