import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { OrderView } from '../types.ts';

/** What the customer should do now, per state (§17.1, R-ORD-014). */
export function NextStep({ order }: { order: OrderView }) {
  const { t } = useTranslation();
  const text = t(`customer.next.${order.state}`);
  const to = `/console/orders/${order.id}`;
  let action: { label: string; to: string } | null = null;
  switch (order.state) {
    case 'DRAFT':
      action = { label: t('customer.next.continue'), to: `${to}/edit` };
      break;
    case 'INITIAL_REJECTED':
    case 'BUREAU_REJECTED':
      action = { label: t('customer.next.seeRejection'), to };
      break;
    case 'PHOTO_PENDING':
    case 'RE_REVIEW_REJECTED':
      action = { label: t('customer.next.uploadPhotos'), to: `${to}#photos` };
      break;
    default:
      action = null;
  }
  return (
    <div className="next-step">
      <p>{text}</p>
      {action && (
        <Link to={action.to}>
          <Button type="primary">{action.label}</Button>
        </Link>
      )}
    </div>
  );
}
