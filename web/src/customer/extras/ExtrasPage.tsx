import { Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { Diagnosis } from './Diagnosis.tsx';
import { PsbPanel } from './PsbPanel.tsx';
import { QualificationForm } from './QualificationForm.tsx';
import { WenWangWenHelp } from './WenWangWenHelp.tsx';

export const EXTRAS_TABS = ['diagnosis', 'psb', 'qualification', 'wenwangwen'] as const;
type Tab = (typeof EXTRAS_TABS)[number];

/** Website services after filing: access diagnosis, 公安备案, commercial-licence documents, 文网文 help. */
export function ExtrasPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { tab } = useParams();
  const active: Tab = (EXTRAS_TABS as readonly string[]).includes(tab ?? '') ? (tab as Tab) : 'diagnosis';
  const panes: Record<Tab, React.ReactNode> = {
    diagnosis: <Diagnosis />,
    psb: <PsbPanel />,
    qualification: <QualificationForm />,
    wenwangwen: <WenWangWenHelp />,
  };
  return (
    <>
      <Typography.Title level={2}>{t('customer.extras.title')}</Typography.Title>
      <Tabs
        destroyOnHidden
        activeKey={active}
        onChange={(k) => navigate(`/console/extras/${k}`)}
        items={EXTRAS_TABS.map((k) => ({ key: k, label: t(`customer.extras.tabs.${k}`), children: panes[k] }))}
      />
    </>
  );
}
