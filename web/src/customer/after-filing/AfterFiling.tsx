import { Alert, Button, Card, Checkbox, Form, Input, List, Select, Space, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { estimatedWorkingDays } from '../../../../src/modules/filings/domain/order-types.ts';
import { NotFound } from '../../app/pages/NotFound.tsx';
import { inFlight, useOrders } from '../queries.ts';
import { CANCELLATION_BUREAU_DAYS } from '../logic/timeline.ts';

/**
 * After filing (R-CHG-001..020, R-ACC-005): changes, cancellations, cancel access and subject transfer. The platform
 * has no endpoint yet for creating these orders (POST /api/v1/orders is the verify step of FIRST / ADD_WEBSITE /
 * ACCESS only) nor for listing the account's filed websites, so each page states the rules and shows its action
 * disabled with that reason. Nothing here pretends to have been submitted.
 */
export const AFTER_FILING_KINDS = [
  'change-subject',
  'change-website',
  'change-access',
  'cancel-website',
  'cancel-subject',
  'cancel-access',
  'transfer',
] as const;
export type AfterFilingKind = (typeof AFTER_FILING_KINDS)[number];

const ORDER_TYPE_OF: Record<AfterFilingKind, string | null> = {
  'change-subject': 'CHANGE_SUBJECT',
  'change-website': 'CHANGE_WEBSITE',
  'change-access': 'CHANGE_ACCESS',
  'cancel-website': 'CANCEL_WEBSITE',
  'cancel-subject': 'CANCEL_SUBJECT',
  'cancel-access': 'CANCEL_ACCESS',
  transfer: null,
};

export function AfterFiling() {
  const { t } = useTranslation();
  return (
    <div className="stack">
      <div className="page-header">
        <div>
          <Typography.Title level={1} className="page-title">
            {t('customer.after.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('customer.after.intro')}</Typography.Text>
        </div>
      </div>
      <List
        grid={{ gutter: 12, xs: 1, sm: 1, md: 2, lg: 3, xl: 3, xxl: 3 }}
        dataSource={[...AFTER_FILING_KINDS]}
        renderItem={(k) => (
          <List.Item>
            <Card size="small" title={<h2 className="section-title">{t(`customer.after.kind.${k}.title`)}</h2>}>
              <Typography.Paragraph className="small">{t(`customer.after.kind.${k}.summary`)}</Typography.Paragraph>
              <Link to={`/console/after-filing/${k}`}>{t('customer.after.open')}</Link>
            </Card>
          </List.Item>
        )}
      />
    </div>
  );
}

export function AfterFilingAction() {
  const { kind } = useParams();
  const { t } = useTranslation();
  const orders = useOrders();
  if (!AFTER_FILING_KINDS.includes(kind as AfterFilingKind)) return <NotFound />;
  const k = kind as AfterFilingKind;
  const type = ORDER_TYPE_OF[k];
  const current = inFlight(orders.data);
  const cancel = k.startsWith('cancel-');
  const disabledReason = k === 'transfer' ? t('customer.after.transferBySupport') : t('customer.after.notAvailable');
  const rules = t(`customer.after.kind.${k}.rules`, { returnObjects: true }) as readonly string[];

  return (
    <div className="stack">
      <div className="page-header">
        <div>
          <Typography.Title level={1} className="page-title">
            {t(`customer.after.kind.${k}.title`)}
          </Typography.Title>
          <Typography.Text type="secondary">{t(`customer.after.kind.${k}.summary`)}</Typography.Text>
        </div>
        <Link to="/console/after-filing">{t('customer.after.back')}</Link>
      </div>

      <Card title={<h2 className="section-title">{t('customer.after.rulesTitle')}</h2>}>
        <ul className="problem-list">
          {rules.map((r) => (
            <li key={r}>{r}</li>
          ))}
          {type && !cancel && (
            <li>{t('customer.after.estimate', { days: estimatedWorkingDays(type as 'CHANGE_SUBJECT', 20) })}</li>
          )}
          {cancel && (
            <li>{t('customer.after.cancelWindow', { min: CANCELLATION_BUREAU_DAYS.min, max: CANCELLATION_BUREAU_DAYS.max })}</li>
          )}
        </ul>
      </Card>

      {cancel && (
        <Alert
          type={k === 'cancel-access' ? 'warning' : 'info'}
          showIcon
          title={t('customer.after.difference')}
          description={
            <ul className="problem-list">
              <li>{t('customer.after.cancelAccessMeans')}</li>
              <li>{t('customer.after.cancelFilingMeans')}</li>
              {k === 'cancel-access' && <li>{t('customer.after.shellWarning')}</li>}
            </ul>
          }
        />
      )}

      {current && (
        <Alert
          type="warning"
          showIcon
          title={t('customer.verify.inFlightTitle')}
          description={
            <span>
              {t('customer.after.inFlight')} <Link to={`/console/orders/${current.id}`}>{current.orderNo}</Link>
            </span>
          }
        />
      )}

      <Card title={<h2 className="section-title">{t('customer.after.formTitle')}</h2>}>
        <Alert type="info" showIcon title={disabledReason} style={{ marginBottom: 16 }} />
        <Form layout="vertical" disabled>
          {k !== 'transfer' && (
            <Form.Item label={t('customer.after.target')}>
              <Select placeholder={t('customer.after.noFilingsList')} options={[]} />
            </Form.Item>
          )}
          {k === 'cancel-subject' && (
            <Form.Item label={t('customer.after.password')} extra={t('customer.after.passwordHelp')}>
              <Input.Password autoComplete="off" />
            </Form.Item>
          )}
          {cancel && (
            <Form.Item>
              <Checkbox>{t('customer.after.confirm', { type: t(`customer.after.kind.${k}.title`) })}</Checkbox>
            </Form.Item>
          )}
          {k === 'transfer' && (
            <Form.Item label={t('customer.after.targetAccount')}>
              <Input />
            </Form.Item>
          )}
        </Form>
        <Space wrap>
          <Tooltip title={disabledReason}>
            <Button type="primary" danger={cancel} disabled>
              {t(`customer.after.kind.${k}.action`)}
            </Button>
          </Tooltip>
          <span className="small muted">{disabledReason}</span>
        </Space>
      </Card>
    </div>
  );
}
