import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Form, Input, List, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { estimatedWorkingDays, type OrderType } from '../../../../src/modules/filings/domain/order-types.ts';
import { api, ProblemError } from '../../app/api.ts';
import { useLang } from '../../app/i18n.ts';
import { ProblemAlert } from '../../app/ProblemAlert.tsx';
import { NotFound } from '../../app/pages/NotFound.tsx';
import { CANCELLATION_BUREAU_DAYS } from '../logic/timeline.ts';
import { inFlight, useMyFilings, useOrders } from '../queries.ts';

/**
 * After filing (R-CHG-001..020, R-ACC-005): changes, cancellations and cancel access create orders on the filed
 * subject (POST /api/v1/orders/post-filing); each page states the rules first. A filing transfer is run by support
 * (R-ACC-005), so its page explains how to ask for one and its action stays disabled with that reason.
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

const ORDER_TYPE_OF: Record<AfterFilingKind, OrderType | null> = {
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

const NEEDS_WEBSITES: readonly AfterFilingKind[] = [
  'change-website',
  'change-access',
  'cancel-website',
  'cancel-access',
];

interface CreatedOrder {
  id: string;
  orderNo: string;
  type: string;
  state: string;
  version: number;
  warnings?: { code: string; message: { zh: string; en: string } }[];
}

export function AfterFilingAction() {
  const { kind } = useParams();
  const { t } = useTranslation();
  const { pick } = useLang();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const orders = useOrders();
  const filings = useMyFilings();
  const [form] = Form.useForm<{ websiteIds?: string[]; filingPassword?: string; confirm?: boolean }>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  if (!AFTER_FILING_KINDS.includes(kind as AfterFilingKind)) return <NotFound />;
  const k = kind as AfterFilingKind;
  const type = ORDER_TYPE_OF[k];
  const current = inFlight(orders.data);
  const cancel = k.startsWith('cancel-');
  const filed = filings.data?.data ?? null;
  const rules = t(`customer.after.kind.${k}.rules`, { returnObjects: true }) as readonly string[];
  // R-ACC-005: the transfer is run by support; the customer cannot start it
  const disabledReason =
    k === 'transfer'
      ? t('customer.after.transferBySupport')
      : filings.data?.missing
        ? t('customer.after.notAvailable')
        : !filed
          ? t('customer.after.noFiledSubject')
          : current
            ? t('customer.after.inFlight')
            : null;
  const errorAt = (field: string) => {
    if (!(error instanceof ProblemError)) return {};
    const e = error.errors.find((x) => x.field === field);
    return e ? { validateStatus: 'error' as const, help: e.message } : {};
  };

  const submit = async (v: { websiteIds?: string[]; filingPassword?: string; confirm?: boolean }) => {
    if (!type) return;
    setBusy(true);
    setError(null);
    try {
      const r = await api<CreatedOrder>('POST', '/api/v1/orders/post-filing', {
        type,
        ...(NEEDS_WEBSITES.includes(k) ? { websiteIds: v.websiteIds ?? [] } : {}),
        ...(k === 'cancel-subject' ? { filingPassword: v.filingPassword ?? '' } : {}),
        ...(cancel && v.confirm ? { confirm: type } : {}),
      });
      for (const w of r.warnings ?? []) void message.warning(pick(w.message));
      await qc.invalidateQueries({ queryKey: ['orders'] });
      void navigate(`/console/orders/${r.id}/edit${cancel ? '?step=review' : ''}`);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

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
          {type && !cancel && <li>{t('customer.after.estimate', { days: estimatedWorkingDays(type, 20) })}</li>}
          {cancel && (
            <li>
              {t('customer.after.cancelWindow', {
                min: CANCELLATION_BUREAU_DAYS.min,
                max: CANCELLATION_BUREAU_DAYS.max,
              })}
            </li>
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
        {disabledReason && <Alert type="info" showIcon title={disabledReason} style={{ marginBottom: 16 }} />}
        {error ? <ProblemAlert error={error} hideFieldErrors /> : null}
        <Form form={form} layout="vertical" disabled={!!disabledReason || busy} onFinish={(v) => void submit(v)}>
          {NEEDS_WEBSITES.includes(k) && (
            <Form.Item
              name="websiteIds"
              label={t('customer.after.target')}
              rules={[{ required: true, message: t('customer.after.pickWebsite') }]}
              {...errorAt('websiteIds')}
            >
              <Checkbox.Group
                options={(filed?.websites ?? []).map((w) => ({
                  value: w.id,
                  label: `${w.name} · ${w.filingNumber ?? ''} · ${w.domains.join(', ')}${w.accessedHere ? '' : ` (${t('customer.dashboard.notAccessedHere')})`}`,
                }))}
                className="vertical-checkboxes"
              />
            </Form.Item>
          )}
          {k === 'cancel-subject' && (
            <Form.Item
              name="filingPassword"
              label={t('customer.after.password')}
              extra={t('customer.after.passwordHelp')}
              rules={[{ required: true, message: t('customer.after.passwordRequired') }]}
              {...errorAt('filingPassword')}
            >
              <Input.Password autoComplete="off" />
            </Form.Item>
          )}
          {cancel && (
            <Form.Item
              name="confirm"
              valuePropName="checked"
              rules={[
                {
                  validator: (_, v) =>
                    v ? Promise.resolve() : Promise.reject(new Error(t('customer.after.confirmRequired'))),
                },
              ]}
              {...errorAt('confirm')}
            >
              <Checkbox>{t('customer.after.confirm', { type: t(`customer.after.kind.${k}.title`) })}</Checkbox>
            </Form.Item>
          )}
          <Space wrap>
            <Button type="primary" danger={cancel} htmlType="submit" loading={busy} disabled={!!disabledReason}>
              {t(`customer.after.kind.${k}.action`)}
            </Button>
            {disabledReason && <span className="small muted">{disabledReason}</span>}
          </Space>
        </Form>
      </Card>
    </div>
  );
}
