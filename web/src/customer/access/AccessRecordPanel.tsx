import { KeyOutlined, LockOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Descriptions, Form, Grid, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.ts';
import { ProblemAlert } from '../../app/ProblemAlert.tsx';
import { keys } from '../queries.ts';
import type { OrderDetail } from '../types.ts';

/** One of the subject's filed websites, as the bureau record lists it (R-ORD-032b). */
interface WebsiteChoice {
  filingNumber: string;
  name: string;
  domains: string[];
  selected: boolean;
  otherProviders: number;
}

interface AccessRecord {
  passwordHeld: boolean;
  copied: boolean;
  copiedPaths: string[];
  websites: WebsiteChoice[];
  maxWebsites?: number;
}

const MAX_WEBSITES = 10;

const recordKey = (id: string) => ['orders', id, 'access-record'] as const;

/** The masked mobile of the principal (the password's destination), so the customer knows where to look. */
function maskMobile(m: string | undefined): string {
  if (!m) return '—';
  return m.length >= 7 ? `${m.slice(0, 3)}****${m.slice(-4)}` : m;
}

/**
 * An access filing's bureau record (R-ORD-032, R-SUB-029, R-WEB-024): the subject's filing password (R-BUR-008; where it
 * comes from and how to retrieve it, R-BUR-007), the record copied read-only with the reason, and the choice of the
 * subject's filed websites to access (1–10).
 */
export function AccessRecordPanel({
  order,
  editable,
  onChanged,
}: {
  order: OrderDetail;
  editable: boolean;
  onChanged: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const qc = useQueryClient();
  const record = useQuery({
    queryKey: recordKey(order.id),
    queryFn: () => api<AccessRecord>('GET', `/api/v1/orders/${encodeURIComponent(order.id)}/access-record`),
  });
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [retrieving, setRetrieving] = useState(false);
  const [retrieveError, setRetrieveError] = useState<unknown>(null);
  const [retrieved, setRetrieved] = useState(false);
  const [selection, setSelection] = useState<string[] | null>(null);

  const draft = order.draft;
  const copied = record.data?.copied ?? !!draft.subjectPrincipal;
  const held = record.data?.passwordHeld ?? false;
  const choices = record.data?.websites ?? [];
  const chosen = selection ?? choices.filter((w) => w.selected).map((w) => w.filingNumber);
  const max = record.data?.maxWebsites ?? MAX_WEBSITES;

  const refresh = async () => {
    await qc.invalidateQueries({ queryKey: recordKey(order.id) });
    await qc.invalidateQueries({ queryKey: keys.order(order.id) });
    setSelection(null);
    await onChanged();
  };

  const enterPassword = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = await api<{ copied: boolean }>(
        'POST',
        `/api/v1/orders/${encodeURIComponent(order.id)}/filing-password`,
        {
          password,
        },
      );
      setPassword('');
      void message.success(r.copied ? t('customer.access.copiedDone') : t('customer.access.verifiedDone'));
      await refresh();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const saveSelection = async () => {
    setBusy(true);
    setError(null);
    try {
      await api('PUT', `/api/v1/orders/${encodeURIComponent(order.id)}/access-websites`, { websites: chosen });
      void message.success(t('customer.access.selectionSaved'));
      await refresh();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const retrieve = async () => {
    setRetrieving(true);
    setRetrieveError(null);
    try {
      await api('POST', '/api/v1/filing-password/retrieve', {
        province: draft.province,
        filingNumber: draft.subjectFilingNumber,
        certificateType: draft.subject?.certificateType,
        certificateNumber: draft.subject?.certificateNumber,
      });
      setRetrieved(true);
    } catch (e) {
      setRetrieveError(e);
    } finally {
      setRetrieving(false);
    }
  };

  const passwordForm = (
    <Form layout="vertical" onFinish={() => void enterPassword()} requiredMark={false} disabled={busy}>
      <Form.Item
        label={t('customer.access.password')}
        htmlFor="access-filing-password"
        extra={t('customer.access.passwordHelp', { number: draft.subjectFilingNumber ?? '—' })}
      >
        <Space.Compact style={{ width: '100%', maxWidth: 480 }}>
          <Input.Password
            id="access-filing-password"
            autoComplete="off"
            prefix={<KeyOutlined aria-hidden />}
            value={password}
            maxLength={64}
            onChange={(e) => setPassword(e.target.value)}
          />
          <Button type="primary" htmlType="submit" loading={busy} disabled={!password}>
            {copied ? t('customer.access.verify') : t('customer.access.verifyAndCopy')}
          </Button>
        </Space.Compact>
      </Form.Item>
      <div className="stack-tight">
        <Typography.Text type="secondary" className="small">
          {t('customer.access.passwordNotStored')}
        </Typography.Text>
        {retrieved ? (
          <Alert type="success" showIcon title={t('customer.access.retrieveSent')} />
        ) : (
          <Space wrap>
            <Typography.Text className="small">{t('customer.access.forgot')}</Typography.Text>
            <Button size="small" loading={retrieving} onClick={() => void retrieve()}>
              {t('customer.access.retrieve')}
            </Button>
          </Space>
        )}
        {retrieveError ? <ProblemAlert error={retrieveError} /> : null}
      </div>
    </Form>
  );

  return (
    <Card
      className="access-record"
      title={
        <h2 className="section-title">
          <LockOutlined aria-hidden /> {t('customer.access.title')}
        </h2>
      }
    >
      <div className="stack">
        <Alert
          type="info"
          showIcon
          title={t('customer.access.readOnlyTitle')}
          description={
            <ul className="problem-list">
              <li>{t('customer.access.readOnly')}</li>
              <li>{t('customer.access.domainsReadOnly')}</li>
              <li>{t('customer.access.yourPart')}</li>
            </ul>
          }
        />
        {error ? <ProblemAlert error={error} /> : null}
        {editable && (!copied || !held) ? (
          <>
            {!copied && <Typography.Paragraph>{t('customer.access.passwordFirst')}</Typography.Paragraph>}
            {copied && (
              <Typography.Paragraph type="secondary">{t('customer.access.passwordAgain')}</Typography.Paragraph>
            )}
            {passwordForm}
          </>
        ) : null}
        {copied && (
          <section aria-label={t('customer.access.copiedLabel')} className="stack">
            <Descriptions
              size="small"
              bordered
              column={1}
              layout={screens.md ? 'horizontal' : 'vertical'}
              items={[
                {
                  key: 'number',
                  label: t('customer.access.subjectNumber'),
                  children: <span className="filing-number">{draft.subjectFilingNumber ?? '—'}</span>,
                },
                { key: 'name', label: t('customer.access.subjectName'), children: draft.subject?.name ?? '—' },
                {
                  key: 'principal',
                  label: t('customer.access.principal'),
                  children: `${draft.subjectPrincipal?.name ?? '—'} · ${maskMobile(draft.subjectPrincipal?.mobile)}`,
                },
                ...(draft.websites ?? []).map((w, i) => ({
                  key: `w${i}`,
                  label: `${t('customer.access.website')} ${i + 1}`,
                  children: (
                    <span>
                      {w.name} · <span className="filing-number">{w.filingNumber}</span> ·{' '}
                      {(w.domains ?? []).join('、')}
                    </span>
                  ),
                })),
              ]}
            />
            {editable && held && choices.length > 0 && (
              <fieldset className="stack-tight access-websites">
                <legend className="section-title">{t('customer.access.selectTitle', { max })}</legend>
                <Checkbox.Group
                  value={chosen}
                  onChange={(v) => setSelection(v as string[])}
                  options={choices.map((w) => ({
                    value: w.filingNumber,
                    label: `${w.name}（${w.filingNumber}）：${w.domains.join('、')}`,
                    disabled: !chosen.includes(w.filingNumber) && chosen.length >= max,
                  }))}
                  style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
                />
                <div>
                  <Button
                    onClick={() => void saveSelection()}
                    loading={busy}
                    disabled={chosen.length === 0 || selection === null}
                  >
                    {t('customer.access.saveSelection')}
                  </Button>
                </div>
              </fieldset>
            )}
          </section>
        )}
      </div>
    </Card>
  );
}
