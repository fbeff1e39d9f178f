import { KeyOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.ts';
import { ProblemAlert } from '../../app/ProblemAlert.tsx';
import type { OrderView } from '../types.ts';

interface BureauView {
  state: string | null;
  awaitingPassword: boolean;
  passwordHeld: boolean;
}

/**
 * R-BUR-005 / R-BUR-008: the filing password is held in memory only, so an ACCESS (or subject cancellation) order that
 * reached the bureau step after the platform restarted waits for it (AWAITING_PASSWORD). The order page asks for it
 * again; nothing else of the order changes.
 */
export function AccessPasswordNotice({ order }: { order: OrderView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const needs = (order.type === 'ACCESS' || order.type === 'CANCEL_SUBJECT') && order.state === 'PENDING_BUREAU';
  const key = ['orders', order.id, 'bureau'] as const;
  const bureau = useQuery({
    queryKey: key,
    enabled: needs,
    queryFn: () => api<BureauView>('GET', `/api/v1/orders/${encodeURIComponent(order.id)}/bureau`),
  });
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  if (!needs || !bureau.data || bureau.data.passwordHeld || bureau.data.state === 'UPLOADED') return null;
  if (!bureau.data.awaitingPassword && bureau.data.state !== null) return null;

  const send = async () => {
    setBusy(true);
    setError(null);
    try {
      await api('POST', `/api/v1/orders/${encodeURIComponent(order.id)}/filing-password`, { password });
      setPassword('');
      void message.success(t('customer.access.verifiedDone'));
      await qc.invalidateQueries({ queryKey: key });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Alert
      type="warning"
      showIcon
      className="access-password-notice"
      title={t('customer.access.awaitingTitle')}
      description={
        <div className="stack-tight">
          <Typography.Text>{t('customer.access.awaiting')}</Typography.Text>
          <Space.Compact style={{ width: '100%', maxWidth: 480 }}>
            <Input.Password
              aria-label={t('customer.access.password')}
              autoComplete="off"
              prefix={<KeyOutlined aria-hidden />}
              value={password}
              maxLength={64}
              onChange={(e) => setPassword(e.target.value)}
            />
            <Button type="primary" loading={busy} disabled={!password} onClick={() => void send()}>
              {t('customer.access.verify')}
            </Button>
          </Space.Compact>
          {error ? <ProblemAlert error={error} /> : null}
        </div>
      }
    />
  );
}
