import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Modal, Space, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { isCancellation } from '../../../../src/modules/filings/domain/order-types.ts';
import { STATE_INFO } from '../../../../src/modules/filings/domain/states.ts';
import { api } from '../../app/api.ts';
import { ProblemAlert } from '../../app/ProblemAlert.tsx';
import { keys } from '../queries.ts';
import type { OrderDetail } from '../types.ts';

type Choice = 'REVOKE' | 'ABANDON';

/**
 * 撤销备案/返回修改 versus 放弃备案 (R-ORD-014/015, R-CHG-014): customers confuse them, so both are explained side by
 * side before either click, and the confirmation names the chosen action.
 */
export function RevokeOrAbandon({ order }: { order: OrderDetail }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [choice, setChoice] = useState<Choice | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const canRevoke = order.allowedEvents.includes('REVOKE');
  const canAbandon = order.allowedEvents.includes('ABANDON');
  const rejectedEditable = STATE_INFO[order.state].editNeedsRevoke && order.flags.editUnlocked;
  const cancel = isCancellation(order.type);
  const abandonLabel = cancel ? t('customer.actions.abandonCancel') : t('customer.actions.abandon');

  const run = async () => {
    if (!choice) return;
    setBusy(true);
    setError(null);
    try {
      await api(
        'POST',
        `/api/v1/orders/${encodeURIComponent(order.id)}/${choice === 'REVOKE' ? 'revoke' : 'abandon'}`,
        {
          version: order.version,
        },
      );
      await qc.invalidateQueries({ queryKey: keys.orders });
      setChoice(null);
      if (choice === 'REVOKE') void navigate(`/console/orders/${order.id}/edit`);
      else void message.success(t('customer.actions.abandoned'));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const abandonDisabledReason =
    order.state === 'PENDING_BUREAU' ? t('customer.actions.lockedAtBureau') : t('customer.actions.orderClosed');

  return (
    <>
      <Space wrap>
        {canRevoke && (
          <Button type="primary" onClick={() => setChoice('REVOKE')}>
            {t('customer.actions.revoke')}
          </Button>
        )}
        {rejectedEditable && (
          <Button type="primary" onClick={() => navigate(`/console/orders/${order.id}/edit`)}>
            {t('customer.actions.continueEditing')}
          </Button>
        )}
        {canAbandon ? (
          <Button danger onClick={() => setChoice('ABANDON')}>
            {abandonLabel}
          </Button>
        ) : (
          !STATE_INFO[order.state].terminal && (
            <Tooltip title={abandonDisabledReason}>
              <Button danger disabled>
                {abandonLabel}
              </Button>
            </Tooltip>
          )
        )}
      </Space>
      <Modal
        open={choice !== null}
        title={
          choice === 'REVOKE'
            ? t('customer.actions.revokeTitle')
            : t('customer.actions.abandonTitle', { action: abandonLabel })
        }
        onCancel={() => setChoice(null)}
        onOk={() => void run()}
        okText={
          choice === 'REVOKE'
            ? t('customer.actions.revokeConfirm')
            : t('customer.actions.abandonConfirm', { action: abandonLabel })
        }
        okButtonProps={{ danger: choice === 'ABANDON', loading: busy }}
        cancelText={t('customer.actions.keep')}
        destroyOnHidden
      >
        <div className="stack">
          <section className={choice === 'REVOKE' ? 'choice chosen' : 'choice'}>
            <Typography.Text strong>{t('customer.actions.revoke')}</Typography.Text>
            <ul className="problem-list">
              <li>{t('customer.actions.revokeExplain1')}</li>
              <li>{t('customer.actions.revokeExplain2')}</li>
              <li>{t('customer.actions.revokeExplain3')}</li>
            </ul>
          </section>
          <section className={choice === 'ABANDON' ? 'choice chosen' : 'choice'}>
            <Typography.Text strong>{abandonLabel}</Typography.Text>
            <ul className="problem-list">
              <li>{t('customer.actions.abandonExplain1')}</li>
              <li>{t('customer.actions.abandonExplain2')}</li>
              {order.type === 'ACCESS' && <li>{t('customer.actions.abandonExplainAccess')}</li>}
              <li>{t('customer.actions.abandonExplain3')}</li>
            </ul>
          </section>
          {error ? <ProblemAlert error={error} /> : null}
        </div>
      </Modal>
    </>
  );
}
