import { CheckOutlined, CloseOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Divider, Form, Input, Popconfirm, Select, Space, Typography } from 'antd';
import { useEffect, useMemo } from 'react';
import { candidateFields } from '../../../../src/modules/review/paths.ts';
import { ProblemAlert } from '../../app/ProblemAlert.tsx';
import { type CatalogueReason, qk, type ReviewPageData, useGet, useSend } from '../api.ts';
import { type BoKey, useBo } from '../i18n.tsx';
import { fieldLabel } from '../logic/fields.ts';

export interface ReasonDraft {
  code?: string;
  field?: string;
  message?: string;
  fix?: string;
}

interface RejectValues {
  reasons: ReasonDraft[];
  note?: string;
}

/**
 * The decision (R-ORD-017, R-ORD-021, R-REJ-001): approve when nothing blocks, or reject with reasons chosen from the
 * catalogue, each at a field of this order, with a suggestion the customer reads at that field. The server checks
 * all of it again; this form only makes the valid choices easy.
 */
export function DecisionPanel({
  page,
  pending,
  onPendingUsed,
  canDecide,
}: {
  page: ReviewPageData;
  /** The lifecycle offers this user the review events (reviewers; an admin only reads). */
  canDecide: boolean;
  /** A reason started from a checklist item. */
  pending: ReasonDraft | null;
  onPendingUsed: () => void;
}) {
  const { t, pick, lang } = useBo();
  const { message } = App.useApp();
  const [form] = Form.useForm<RejectValues>();
  const stage = page.stage;
  const id = page.order.id;
  const step = stage === 'initial' ? 'initial-review' : 're-review';
  const catalogue = useGet<CatalogueReason[]>(
    qk.catalogue(stage ?? 'initial'),
    `/api/v1/review/rejection-reasons?stage=${stage ?? 'initial'}`,
    { enabled: stage !== null },
  );
  const invalidate = [qk.page(id), ['review', 'queue']];
  const approve = useSend<{ version: number }>('POST', `/api/v1/orders/${id}/${step}/approve`, invalidate);
  const reject = useSend<{ version: number; reasons: ReasonDraft[]; note?: string }>(
    'POST',
    `/api/v1/orders/${id}/${step}/reject`,
    invalidate,
  );
  const byCode = useMemo(() => new Map((catalogue.data ?? []).map((c) => [c.code, c])), [catalogue.data]);

  useEffect(() => {
    if (!pending) return;
    const entry = pending.code ? byCode.get(pending.code) : undefined;
    if (pending.code && !entry && catalogue.isPending) return; // wait for the catalogue
    const current = form.getFieldValue('reasons') ?? [];
    const fields = entry ? candidateFields(page.order.draft, entry.fields) : [];
    const field = pending.field && fields.includes(pending.field) ? pending.field : fields[0];
    form.setFieldValue('reasons', [
      ...current,
      { code: entry ? pending.code : undefined, field, message: entry ? pick(entry.label) : '' },
    ]);
    onPendingUsed();
  }, [pending, byCode, catalogue.isPending, form, onPendingUsed, page.order.draft, pick]);

  if (!stage) return <Alert type="info" showIcon title={t('decision.noStage')} />;
  if (!canDecide) return <Alert type="info" showIcon title={t('decision.readOnly')} />;

  const options = (['rej', 'rule'] as const).map((source) => ({
    label: t(`decision.catalogueSource.${source}` as BoKey),
    options: (catalogue.data ?? [])
      .filter((c) => c.source === source)
      .map((c) => ({ value: c.code, label: `${pick(c.label)}（${c.code}）` })),
  }));

  const onReject = async (v: RejectValues) => {
    const reasons = (v.reasons ?? []).filter((r) => r.code && r.field);
    if (reasons.length === 0) {
      void message.error(t('decision.needReasons'));
      return;
    }
    await reject.mutateAsync({
      version: page.order.version,
      reasons: reasons.map((r) => ({
        code: r.code,
        field: r.field,
        message: r.message?.trim() || pick(byCode.get(r.code!)?.label),
        ...(r.fix?.trim() ? { fix: r.fix.trim() } : {}),
      })),
      ...(v.note?.trim() ? { note: v.note.trim() } : {}),
    });
    form.resetFields();
    void message.success(t('decision.rejected'));
  };

  return (
    <div className="stack" data-testid="decision">
      <Card size="small" title={stage === 'initial' ? t('decision.approveInitial') : t('decision.approveReReview')}>
        {page.decision.blockers.length > 0 && (
          <Alert
            type="warning"
            showIcon
            title={t('decision.blockers')}
            description={
              <ul className="bo-blockers">
                {page.decision.blockers.map((b) => (
                  <li key={b.id}>
                    <code>{b.id}</code> {pick(b.title)}
                  </li>
                ))}
              </ul>
            }
            style={{ marginBottom: 12 }}
          />
        )}
        <ProblemAlert error={approve.error} />
        <Popconfirm
          title={t('decision.approveConfirm')}
          onConfirm={async () => {
            await approve.mutateAsync({ version: page.order.version });
            void message.success(t('decision.approved'));
          }}
          okText={t('decision.approve')}
          cancelText={t('common.cancel')}
        >
          <Button
            type="primary"
            icon={<CheckOutlined />}
            loading={approve.isPending}
            disabled={!page.decision.canApprove}
            data-testid="approve"
          >
            {stage === 'initial' ? t('decision.approveInitial') : t('decision.approveReReview')}
          </Button>
        </Popconfirm>
      </Card>

      <Card size="small" title={t('decision.rejectTitle')}>
        <Form form={form} layout="vertical" onFinish={onReject} initialValues={{ reasons: [] }}>
          <Form.List name="reasons">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f, i) => (
                  <ReasonRow
                    key={f.key}
                    index={i}
                    name={f.name}
                    form={form}
                    byCode={byCode}
                    draft={page.order.draft}
                    options={options}
                    onRemove={() => remove(f.name)}
                    lang={lang}
                  />
                ))}
                <Button icon={<PlusOutlined />} onClick={() => add({})} block type="dashed" data-testid="add-reason">
                  {t('decision.addReason')}
                </Button>
              </>
            )}
          </Form.List>
          <Divider style={{ margin: '12px 0' }} />
          <Form.Item name="note" label={t('decision.noteAll')}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
          <ProblemAlert error={reject.error} />
          <Button
            danger
            type="primary"
            htmlType="submit"
            icon={<CloseOutlined />}
            loading={reject.isPending}
            data-testid="reject"
          >
            {t('decision.reject')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}

function ReasonRow({
  index,
  name,
  form,
  byCode,
  draft,
  options,
  onRemove,
  lang,
}: {
  index: number;
  name: number;
  form: ReturnType<typeof Form.useForm<RejectValues>>[0];
  byCode: Map<string, CatalogueReason>;
  draft: unknown;
  options: { label: string; options: { value: string; label: string }[] }[];
  onRemove: () => void;
  lang: 'zh' | 'en';
}) {
  const { t, pick } = useBo();
  const code = Form.useWatch(['reasons', name, 'code'], form) as string | undefined;
  const entry = code ? byCode.get(code) : undefined;
  const fields = entry ? candidateFields(draft, entry.fields) : [];
  return (
    <Card size="small" className="bo-reason" data-testid={`reason-${index}`}>
      <Space orientation="vertical" style={{ width: '100%' }} size={4}>
        <Space.Compact block>
          <Form.Item name={[name, 'code']} noStyle rules={[{ required: true, message: t('decision.pickReason') }]}>
            <Select
              showSearch
              optionFilterProp="label"
              placeholder={t('decision.pickReason')}
              options={options}
              style={{ width: '100%' }}
              aria-label={t('decision.reason')}
              onChange={(c: string) => {
                const e = byCode.get(c);
                const f = e ? candidateFields(draft, e.fields) : [];
                form.setFieldValue(['reasons', name, 'field'], f[0]);
                form.setFieldValue(['reasons', name, 'message'], e ? pick(e.label) : '');
              }}
            />
          </Form.Item>
          <Button icon={<DeleteOutlined />} onClick={onRemove} aria-label={t('decision.remove')} />
        </Space.Compact>
        {entry && (
          <Typography.Text type="secondary" className="small">
            {t('decision.rules', { rules: entry.rules.join(' ') })}
          </Typography.Text>
        )}
        <Form.Item
          name={[name, 'field']}
          label={t('decision.field')}
          rules={[{ required: true, message: t('decision.pickField') }]}
          style={{ marginBottom: 4 }}
        >
          <Select
            placeholder={t('decision.pickField')}
            options={fields.map((f) => ({ value: f, label: `${fieldLabel(f, lang)} · ${f}` }))}
            aria-label={t('decision.field')}
            disabled={!entry}
          />
        </Form.Item>
        <Form.Item name={[name, 'message']} label={t('decision.message')} style={{ marginBottom: 4 }}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        <Form.Item name={[name, 'fix']} label={t('decision.fix')} style={{ marginBottom: 0 }}>
          <Input placeholder={entry?.fix ? pick(entry.fix) : t('decision.fixPlaceholder')} maxLength={500} />
        </Form.Item>
      </Space>
    </Card>
  );
}
