import { SendOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Collapse, Form, Input, List, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type CurtainAddress,
  curtainDeliveryEstimate,
  curtainDispatch,
  photoMethods,
  validateCurtainAddress,
} from '../../../../src/modules/materials/curtain.ts';
import { photoChecklist } from '../../../../src/modules/rules/materials/photo-checklist.ts';
import { requiredMaterials } from '../../../../src/modules/rules/materials/required.ts';
import type { ProvinceName } from '../../../../src/modules/rules/provinces/types.ts';
import type { LocalizedText } from '../../../../src/platform/i18n.ts';
import { api, isMissingEndpoint } from '../../app/api.ts';
import { useAuth } from '../../app/auth.tsx';
import { usePlatformClock, workCalendar } from '../../app/clock.ts';
import { useLang } from '../../app/i18n.ts';
import { ProblemAlert } from '../../app/ProblemAlert.tsx';
import { ProvinceSelect } from '../common.tsx';
import { browserCheckContext } from '../logic/check-context.ts';
import { UploadSlot } from '../materials/UploadSlot.tsx';
import { keys, useMaterials } from '../queries.ts';
import type { OrderDetail } from '../types.ts';

interface ChecklistItemView {
  code: string;
  rule?: string;
  requirement: LocalizedText | string;
  rejects?: boolean;
}

/** The photo-requirements checklist: from the platform; computed with the same rules module until it answers. */
function usePhotoRequirements(order: OrderDetail, today: string, accountId: string) {
  return useQuery({
    queryKey: ['orders', order.id, 'photo-requirements'],
    queryFn: async () => {
      try {
        const r = await api<{ curtainText?: string; items: ChecklistItemView[] } | ChecklistItemView[]>(
          'GET',
          `/api/v1/orders/${encodeURIComponent(order.id)}/photo-requirements`,
        );
        const items = Array.isArray(r) ? r : r.items;
        return { fromPlatform: true, curtainText: Array.isArray(r) ? undefined : r.curtainText, items };
      } catch (err) {
        if (!isMissingEndpoint(err) || !order.province) throw err;
        const list = photoChecklist(
          order.province as ProvinceName,
          browserCheckContext({ today, accountId, orderId: order.id }),
          { orderType: order.type },
        );
        return { fromPlatform: false, curtainText: list.curtainText, items: list.items as ChecklistItemView[] };
      }
    },
  });
}

function CurtainRequest({ order }: { order: OrderDetail }) {
  const { t } = useTranslation();
  const { pick } = useLang();
  const clock = usePlatformClock();
  const { message } = App.useApp();
  const [form] = Form.useForm<CurtainAddress>();
  const address = Form.useWatch([], form) as CurtainAddress | undefined;
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [sent, setSent] = useState(false);
  const check = useMemo(() => validateCurtainAddress(address ?? {}, 'address'), [address]);
  const estimate = useMemo(() => {
    if (!check.ok) return null;
    const d = curtainDispatch(clock.now, workCalendar());
    return curtainDeliveryEstimate(d.dispatchDate, check.province);
  }, [check, clock.now]);
  const at = (f: keyof CurtainAddress) => {
    if (check.ok || (!tried && !form.isFieldTouched(f))) return {};
    const vs = check.violations.filter((v) => v.field === `address.${f}`);
    return vs.length ? { validateStatus: 'error' as const, help: vs.map((v) => pick(v.message)).join(' ') } : {};
  };
  const submit = async () => {
    setTried(true);
    if (!check.ok) return;
    setBusy(true);
    setError(null);
    try {
      await api('POST', `/api/v1/orders/${encodeURIComponent(order.id)}/curtain`, { address: form.getFieldsValue() });
      setSent(true);
      void message.success(t('customer.photos.curtainRequested'));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  if (sent)
    return (
      <Alert
        type="success"
        showIcon
        title={t('customer.photos.curtainRequested')}
        description={estimate ? pick(estimate.message) : null}
      />
    );
  return (
    <Form form={form} layout="vertical" requiredMark={false} onFinish={() => void submit()}>
      <div className="form-grid">
        <Form.Item name="recipient" label={t('customer.photos.recipient')} {...at('recipient')}>
          <Input maxLength={60} autoComplete="name" />
        </Form.Item>
        <Form.Item name="phone" label={t('customer.photos.phone')} {...at('phone')}>
          <Input maxLength={24} inputMode="tel" autoComplete="tel" />
        </Form.Item>
        <Form.Item name="province" label={t('customer.wizard.address.province')} {...at('province')}>
          <ProvinceSelect />
        </Form.Item>
        <Form.Item name="city" label={t('customer.wizard.address.city')}>
          <Input maxLength={32} />
        </Form.Item>
        <Form.Item name="detail" label={t('customer.wizard.address.detail')} className="span-2" {...at('detail')}>
          <Input maxLength={200} autoComplete="street-address" />
        </Form.Item>
      </div>
      {estimate && <Typography.Paragraph type="secondary">{pick(estimate.message)}</Typography.Paragraph>}
      {error ? <ProblemAlert error={error} /> : null}
      <Button htmlType="submit" loading={busy} onClick={() => setTried(true)}>
        {t('customer.photos.requestCurtain')}
      </Button>
    </Form>
  );
}

/**
 * The photo step (R-MAT-016..030, R-ORD-020): the three ways to a curtain photo, the requirements, the uploads and
 * 「提交照片」. Shown only after initial review passed (R-MAT-017).
 */
export function PhotoSection({ order }: { order: OrderDetail }) {
  const { t } = useTranslation();
  const { pick } = useLang();
  const { user } = useAuth();
  const clock = usePlatformClock();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const uploads = useMaterials(order.id);
  const requirements = usePhotoRequirements(order, clock.today, user?.id ?? '');
  const [submitError, setSubmitError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const ctx = browserCheckContext({ today: clock.today, accountId: user?.id ?? '', orderId: order.id });
  const slots = requiredMaterials(order.draft, ctx).filter((r) => r.stage === 'PHOTO');
  const uploaded = (kind: string, wi?: number) =>
    (order.draft.materials ?? []).find((m) => m.kind === kind && (m.websiteIndex ?? -1) === (wi ?? -1)) ??
    (uploads.data?.list ?? [])
      .filter((m) => m.kind === kind && (m.websiteIndex ?? -1) === (wi ?? -1))
      .map((m) => ({ kind: m.kind, websiteIndex: m.websiteIndex ?? undefined, blobId: m.id, sizeBytes: m.size }))[0];

  const photoStep = order.state === 'PHOTO_PENDING' || order.state === 'RE_REVIEW_REJECTED';
  const canSubmit = order.allowedEvents.includes('SUBMIT_PHOTOS');

  const submitPhotos = async () => {
    setBusy(true);
    setSubmitError(null);
    try {
      await api('POST', `/api/v1/orders/${encodeURIComponent(order.id)}/submit-photos`, { version: order.version });
      await qc.invalidateQueries({ queryKey: keys.orders });
      void message.success(t('customer.photos.submitted'));
    } catch (err) {
      setSubmitError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card id="photos" title={<h2 className="section-title">{t('customer.photos.title')}</h2>}>
      <div className="stack">
        <Typography.Paragraph>{t('customer.photos.intro')}</Typography.Paragraph>
        <Collapse
          items={[
            {
              key: 'methods',
              label: t('customer.photos.methods'),
              children: (
                <List
                  size="small"
                  dataSource={Object.values(photoMethods)}
                  rowKey="method"
                  renderItem={(m) => (
                    <List.Item>
                      <div>
                        <strong>{t(`customer.photos.method.${m.method}`)}</strong>
                        <div className="small muted">{t('customer.photos.bring', { what: pick(m.bring) })}</div>
                      </div>
                    </List.Item>
                  )}
                />
              ),
            },
            {
              key: 'curtain',
              label: t('customer.photos.requestCurtainTitle'),
              children: <CurtainRequest order={order} />,
            },
          ]}
        />
        <section aria-labelledby="photo-reqs">
          <h3 id="photo-reqs" className="section-title">
            {t('customer.photos.requirements')}
          </h3>
          {requirements.isError && <ProblemAlert error={requirements.error} />}
          {requirements.data && (
            <>
              {!requirements.data.fromPlatform && (
                <Typography.Paragraph type="secondary" className="small">
                  {t('customer.photos.requirementsLocal')}
                </Typography.Paragraph>
              )}
              <List
                size="small"
                dataSource={requirements.data.items}
                rowKey={(i) => `${i.code}-${typeof i.requirement === 'string' ? i.requirement : i.requirement.zh}`}
                renderItem={(i) => (
                  <List.Item>
                    <div className="req-item">
                      {i.rejects === false ? (
                        <Tag>{t('customer.photos.advice')}</Tag>
                      ) : (
                        <Tag color="blue">{t('customer.photos.must')}</Tag>
                      )}
                      <span>{typeof i.requirement === 'string' ? i.requirement : pick(i.requirement)}</span>
                    </div>
                  </List.Item>
                )}
              />
            </>
          )}
        </section>
        {uploads.data?.missing && <Alert type="warning" showIcon title={t('customer.materials.endpointMissing')} />}
        <div className="upload-grid">
          {slots.map((s) => (
            <UploadSlot
              key={`${s.kind}-${s.websiteIndex ?? 'o'}`}
              orderId={order.id}
              spec={{ kind: s.kind, websiteIndex: s.websiteIndex, label: pick(s.reason), accepts: s.accepts }}
              material={uploaded(s.kind, s.websiteIndex)}
              messages={[]}
              disabled={uploads.data?.missing ?? true}
              disabledReason={uploads.data?.missing ? t('customer.materials.endpointMissingShort') : undefined}
              onUploaded={async () => {
                await qc.invalidateQueries({ queryKey: keys.materials(order.id) });
                await qc.invalidateQueries({ queryKey: keys.order(order.id) });
              }}
            />
          ))}
        </div>
        {submitError ? <ProblemAlert error={submitError} /> : null}
        <div className="submit-row">
          {/* the platform decides whether 提交照片 is possible (R-ORD-020): every required curtain photo attached */}
          <Button
            type="primary"
            icon={<SendOutlined aria-hidden />}
            loading={busy}
            disabled={!canSubmit}
            aria-describedby={photoStep && !canSubmit ? 'photos-incomplete' : undefined}
            onClick={() => void submitPhotos()}
          >
            {t('customer.photos.submit')}
          </Button>
          {photoStep && !canSubmit && (
            <Typography.Text id="photos-incomplete" type="secondary" className="small">
              {t('customer.photos.photosIncomplete')}
            </Typography.Text>
          )}
        </div>
      </div>
    </Card>
  );
}
