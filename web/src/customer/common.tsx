import { Select, type SelectProps, Tag } from 'antd';
import { type OrderVariant, orderTypeLabel } from '../../../src/modules/filings/domain/order-types.ts';
import { type OrderState, stateLabel } from '../../../src/modules/filings/domain/states.ts';
import type { OrderType } from '../../../src/modules/rules/draft.ts';
import { PROVINCE_NAMES } from '../../../src/modules/rules/provinces/types.ts';
import { useLang } from '../app/i18n.ts';

const STATE_COLORS: Record<OrderState, string> = {
  DRAFT: 'default',
  PENDING_INITIAL_REVIEW: 'processing',
  INITIAL_REJECTED: 'error',
  PHOTO_PENDING: 'warning',
  PENDING_RE_REVIEW: 'processing',
  RE_REVIEW_REJECTED: 'error',
  PENDING_BUREAU: 'purple',
  BUREAU_REJECTED: 'error',
  APPROVED: 'success',
  ABANDONED: 'default',
  EXPIRED: 'default',
};

/** The §17.1 console label of a state (e.g. 「管局审核中（已锁定）」, 「放弃注销」 for a cancellation). */
export function StateTag({ state, type }: { state: OrderState; type: OrderType }) {
  const { pick } = useLang();
  return (
    <Tag color={STATE_COLORS[state]} className="state-tag">
      {pick(stateLabel(state, type))}
    </Tag>
  );
}

export function OrderTypeText({ type, variant }: { type: OrderType; variant?: OrderVariant | null }) {
  const { pick } = useLang();
  return <>{pick(orderTypeLabel(type, variant ?? null))}</>;
}

/** The 31 provinces (§0.2) by their Chinese short names, which are also the API values. */
export function ProvinceSelect(props: SelectProps<string>) {
  return (
    <Select
      showSearch
      options={PROVINCE_NAMES.map((p) => ({ value: p, label: p }))}
      optionFilterProp="label"
      {...props}
    />
  );
}

/** Epoch ms → Beijing 'YYYY-MM-DD HH:mm'. */
export function BeijingTime({ ms }: { ms: number | null | undefined }) {
  if (typeof ms !== 'number') return <>—</>;
  const d = new Date(ms + 8 * 3_600_000).toISOString();
  return <time dateTime={new Date(ms).toISOString()}>{`${d.slice(0, 10)} ${d.slice(11, 16)}`}</time>;
}
