import { Space, Tag, Tooltip, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { SlaClock } from '../../../../src/modules/review/sla.ts';
import { ORDER_TYPE_LABELS } from '../../../../src/modules/rules/data/order-types.ts';
import type { OrderType } from '../../../../src/modules/rules/draft.ts';
import { useBo } from '../i18n.tsx';

export { BeijingTime, ProvinceSelect, StateTag } from '../../customer/common.tsx';

/** A page title with a hint line and actions on the right. */
export function PageTitle({ title, hint, extra }: { title: string; hint?: ReactNode; extra?: ReactNode }) {
  return (
    <div className="bo-page-title">
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        {hint && (
          <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
            {hint}
          </Typography.Paragraph>
        )}
      </div>
      {extra && <Space wrap>{extra}</Space>}
    </div>
  );
}

export function OrderTypeLabel({ type }: { type: string }) {
  const { pick } = useBo();
  const label = ORDER_TYPE_LABELS[type as OrderType];
  return <>{label ? pick(label) : type}</>;
}

/** R-ORD-017 / R-ORD-021: the SLA as the reviewer reads it — breached, due today, or working days left. */
export function SlaTag({ sla }: { sla: SlaClock }) {
  const { t } = useBo();
  const due = t('sla.due', { date: sla.dueOn.slice(5) });
  const tip = `${t('sla.elapsed', { n: sla.elapsedWorkingDays })} · ${due}`;
  if (sla.breached)
    return (
      <Tooltip title={tip}>
        <Tag color="error">{`${t('sla.breached')} · ${due}`}</Tag>
      </Tooltip>
    );
  if (sla.remainingWorkingDays <= 0)
    return (
      <Tooltip title={tip}>
        <Tag color="warning">{t('sla.today')}</Tag>
      </Tooltip>
    );
  return (
    <Tooltip title={tip}>
      <Tag color="processing">{t('sla.left', { n: sla.remainingWorkingDays })}</Tag>
    </Tooltip>
  );
}

/** Epoch ms → Beijing date and time, for places that need a plain string. */
export function beijingText(ms: number): string {
  const d = new Date(ms + 8 * 3_600_000).toISOString();
  return `${d.slice(0, 10)} ${d.slice(11, 16)}`;
}

/** Any JSON value as a short string (values of the draft, override values). */
export function valueText(v: unknown, yes: string, no: string): string {
  if (v === undefined || v === null || v === '') return '—';
  if (typeof v === 'boolean') return v ? yes : no;
  if (typeof v === 'string' || typeof v === 'number') return String(v);
  return JSON.stringify(v);
}
