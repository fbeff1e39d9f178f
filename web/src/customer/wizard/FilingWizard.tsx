import { ArrowLeftOutlined, ArrowRightOutlined, SaveOutlined, SendOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  ConfigProvider,
  Form,
  Grid,
  Progress,
  Select,
  Skeleton,
  Space,
  Steps,
  Typography,
} from 'antd';
import { startTransition, useCallback, useDeferredValue, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { MODIFICATION_PATH_TEXT, modificationPath } from '../../../../src/modules/filings/domain/limits.ts';
import { isCancellation, ORDER_TYPE_INFO, orderTypeLabel } from '../../../../src/modules/filings/domain/order-types.ts';
import { checkFiling } from '../../../../src/modules/rules/check.ts';
import type { FilingDraft, Material } from '../../../../src/modules/rules/draft.ts';
import { api, isProblem, ProblemError } from '../../app/api.ts';
import { useAuth } from '../../app/auth.tsx';
import { usePlatformClock } from '../../app/clock.ts';
import { useLang } from '../../app/i18n.ts';
import { ProblemAlert } from '../../app/ProblemAlert.tsx';
import { AccessRecordPanel } from '../access/AccessRecordPanel.tsx';
import { OrderTypeText, StateTag } from '../common.tsx';
import { browserCheckContext } from '../logic/check-context.ts';
import { cleanDraft, draftSchemaErrors, materialFor, withMaterial, withoutMaterial } from '../logic/draft-utils.ts';
import { parseFieldKey, stepOf, unplaced, WIZARD_STEPS, type WizardStep } from '../logic/field-paths.ts';
import { keys, useMaterials, useOrder } from '../queries.ts';
import type { MaterialView, OrderDetail } from '../types.ts';
import { type FieldMessage, FieldMessagesContext, type FieldMessagesValue, MessageList } from './fields.tsx';
import { MaterialsStep } from './MaterialsStep.tsx';
import { PrincipalsStep } from './PrincipalsStep.tsx';
import { ReviewStep } from './ReviewStep.tsx';
import { SubjectStep } from './SubjectStep.tsx';
import { type SaveState, useDraftEditor } from './useDraftEditor.ts';
import { WebsitesStep } from './WebsitesStep.tsx';

/** The filing wizard (issue #9 §3): subject → principals → websites and domains → materials → review and submit. */
export function FilingWizard() {
  const { id } = useParams();
  const order = useOrder(id);
  const [generation, setGeneration] = useState(0);
  if (order.isPending) return <Skeleton active />;
  if (order.isError) return <ProblemAlert error={order.error} />;
  return (
    <WizardBody
      key={`${order.data.id}:${generation}`}
      order={order.data}
      onReload={async () => {
        await order.refetch();
        setGeneration((g) => g + 1);
      }}
    />
  );
}

/** The value of the draft at a violation path (`websites[0].name`). */
function valueAt(draft: FilingDraft, field: string): unknown {
  return parseFieldKey(field).reduce<unknown>(
    (o, k) => (o && typeof o === 'object' ? (o as Record<string | number, unknown>)[k] : undefined),
    draft,
  );
}

function editableNow(order: OrderDetail): boolean {
  if (order.state === 'DRAFT') return true;
  return (order.state === 'INITIAL_REJECTED' || order.state === 'BUREAU_REJECTED') && !!order.flags.editUnlocked;
}

function SaveIndicator({
  state,
  savedAt,
  schemaErrors,
}: {
  state: SaveState;
  savedAt: number | null;
  schemaErrors: number;
}) {
  const { t } = useTranslation();
  let text: string;
  if (schemaErrors > 0) text = t('customer.wizard.save.invalid');
  else if (state === 'saving') text = t('customer.wizard.save.saving');
  else if (state === 'dirty') text = t('customer.wizard.save.dirty');
  else if (state === 'error') text = t('customer.wizard.save.error');
  else if (state === 'conflict') text = t('customer.wizard.save.conflict');
  else if (savedAt) {
    const d = new Date(savedAt + 8 * 3_600_000).toISOString().slice(11, 16);
    text = t('customer.wizard.save.savedAt', { time: d });
  } else text = t('customer.wizard.save.saved');
  return (
    <span className="save-state" role="status" aria-live="polite">
      {text}
    </span>
  );
}

function WizardBody({ order, onReload }: { order: OrderDetail; onReload: () => Promise<void> }) {
  const { t } = useTranslation();
  const { pick } = useLang();
  const { user } = useAuth();
  const clock = usePlatformClock();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const [params, setParams] = useSearchParams();
  const [form] = Form.useForm<FilingDraft>();

  const editable = editableNow(order);
  const sections: readonly string[] = ORDER_TYPE_INFO[order.type].editableSections;
  const subjectReadOnly = !editable || !sections.includes('SUBJECT');
  const websitesReadOnly = !editable || !sections.includes('WEBSITES');
  const materialsReadOnly = !editable || !sections.includes('MATERIALS');

  // R-SUB-024: a website whose principal was never chosen starts as "same as the subject principal", the usual case
  const initial = useMemo<FilingDraft>(
    () =>
      websitesReadOnly
        ? order.draft
        : {
            ...order.draft,
            websites: order.draft.websites?.map((w) =>
              w.principalSameAsSubject === undefined && !w.principal ? { ...w, principalSameAsSubject: true } : w,
            ),
          },
    [order.draft, websitesReadOnly],
  );
  const [values, setValues] = useState<FilingDraft>(() => {
    const { materials: _m, ...rest } = initial;
    return rest;
  });
  const [materials, setMaterials] = useState<Material[]>(order.draft.materials ?? []);
  const draft = useMemo(() => cleanDraft({ ...values, materials }) as FilingDraft, [values, materials]);
  const checked = useDeferredValue(draft);
  const ctx = useMemo(
    () => browserCheckContext({ today: clock.today, accountId: user?.id ?? 'anonymous', orderId: order.id }),
    [clock.today, user?.id, order.id],
  );
  const check = useMemo(() => checkFiling(checked, ctx), [checked, ctx]);
  const schemaErrors = useMemo(() => draftSchemaErrors(checked), [checked]);
  const editor = useDraftEditor(order.id, order.version, editable);
  const uploads = useMaterials(order.id);
  const [submitError, setSubmitError] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);

  const rejection = order.rejection && order.state !== 'DRAFT' ? order.rejection : null;
  // a cancellation or cancel access only confirms what was chosen: there is nothing to fill in (R-CHG-011..017)
  const cancellation = isCancellation(order.type);
  const stepParam = params.get('step') as WizardStep | null;
  const firstRejected = rejection ? stepOf(rejection.reasons[0] ?? { field: '', code: '' }) : null;
  const step: WizardStep = cancellation
    ? 'review'
    : stepParam && WIZARD_STEPS.includes(stepParam)
      ? stepParam
      : (firstRejected ?? 'subject');
  const [attempted, setAttempted] = useState<ReadonlySet<WizardStep>>(new Set());

  // ---- messages: live rule check + schema limits + rejection reasons + the platform's submit refusal ----------
  const serverErrors = submitError instanceof ProblemError ? submitError.errors : [];
  const messages: FieldMessage[] = useMemo(() => {
    const out: FieldMessage[] = check.violations.map((v) => ({
      field: v.field,
      code: v.code,
      rule: v.rule,
      severity: v.severity,
      message: pick(v.message),
      fix: v.fix ? pick(v.fix) : undefined,
      source: 'rule',
    }));
    for (const e of schemaErrors)
      out.push({
        ...e,
        severity: 'block',
        source: 'rule',
        message: t('customer.wizard.schemaError', { detail: e.message }),
      });
    // A rejection reason stays at its field; once the customer changed that field it is shown as answered. Reasons
    // never block resubmission: an unchanged item may be right after all (R-REJ-002), the reviewer decides again.
    for (const r of rejection?.reasons ?? []) {
      const changed = JSON.stringify(valueAt(checked, r.field)) !== JSON.stringify(valueAt(order.draft, r.field));
      out.push({
        field: r.field,
        code: r.code,
        severity: changed ? 'warn' : 'block',
        message: changed ? `${r.message}${t('customer.wizard.rejectionAnswered')}` : r.message,
        fix: changed ? undefined : r.fix,
        source: 'rejection',
      });
    }
    const seen = new Set(out.map((m) => `${m.field}|${m.code}`));
    for (const e of serverErrors)
      if (!seen.has(`${e.field}|${e.code}`))
        out.push({
          field: e.field,
          code: e.code,
          severity: e.severity ?? 'block',
          message: e.message,
          fix: e.fix,
          source: 'server',
        });
    // what the platform's own check found at the last save and the browser cannot see (server-only facts)
    for (const v of editor.serverViolations ?? [])
      if (!seen.has(`${v.field}|${v.code}`) && !out.some((m) => m.field === v.field && m.code === v.code))
        out.push({
          field: v.field,
          code: v.code,
          rule: v.rule,
          severity: v.severity,
          message: pick(v.message),
          fix: v.fix ? pick(v.fix) : undefined,
          source: 'server',
        });
    return out;
  }, [check.violations, schemaErrors, rejection, serverErrors, editor.serverViolations, pick, t, checked, order.draft]);

  const byKey = useMemo(() => {
    const m = new Map<string, FieldMessage[]>();
    for (const x of messages) m.set(x.field, [...(m.get(x.field) ?? []), x]);
    return m;
  }, [messages]);

  // fields on screen register, so what no field shows is listed at the top of the step
  const registered = useRef(new Map<string, number>());
  const [regTick, setRegTick] = useState(0);
  const tickPending = useRef(false);
  const register = useCallback((key: string) => {
    const m = registered.current;
    const bump = () => {
      if (tickPending.current) return;
      tickPending.current = true;
      requestAnimationFrame(() => {
        tickPending.current = false;
        setRegTick((n) => n + 1);
      });
    };
    m.set(key, (m.get(key) ?? 0) + 1);
    bump();
    return () => {
      const n = (m.get(key) ?? 1) - 1;
      if (n <= 0) m.delete(key);
      else m.set(key, n);
      bump();
    };
  }, []);

  const fieldCtx: FieldMessagesValue = useMemo(
    () => ({
      messagesAt: (key) => byKey.get(key) ?? [],
      showAll: attempted.has(step),
      register,
    }),
    [byKey, attempted, step, register],
  );

  const unplacedHere = useMemo(() => {
    void regTick;
    return unplaced(messages, step, new Set(registered.current.keys())).filter((m) => {
      // uploaded documents show their own messages in their slot
      const mi = /^materials\[(\d+)\]/.exec(m.field);
      if (step === 'materials' && mi && materials[Number(mi[1])]) return false;
      return m.source !== 'rule' || attempted.has(step);
    });
  }, [messages, step, regTick, materials, attempted]);

  const stepStatus = (s: WizardStep): 'error' | 'finish' | 'wait' | 'process' => {
    const blocking = messages.some(
      (m) => stepOf(m) === s && m.severity === 'block' && (m.source !== 'rule' || attempted.has(s)),
    );
    if (blocking) return 'error';
    if (s === step) return 'process';
    return attempted.has(s) ? 'finish' : 'wait';
  };
  const blockingCount = messages.filter((m) => m.severity === 'block' && m.source !== 'rejection').length;

  // ---- changes ------------------------------------------------------------------------------------------------
  const commit = useCallback(
    (nextValues: FilingDraft, nextMaterials: Material[]) => {
      const next = cleanDraft({ ...nextValues, materials: nextMaterials }) as FilingDraft;
      setSubmitError(null);
      if (draftSchemaErrors(next).length === 0) editor.schedule(next);
    },
    [editor],
  );

  const onValuesChange = () => {
    const all = form.getFieldsValue(true) as FilingDraft;
    // the input itself updates at once (antd keeps its own field state); re-checking and re-rendering the step is a
    // transition React may interrupt, so typing stays responsive on slow machines
    startTransition(() => setValues(all));
    commit(all, materials);
  };

  /** List edits (add/remove a domain or a website) go through the form too, so every field stays in step. */
  const setPath = (path: (string | number)[], value: unknown) => {
    form.setFieldValue(path as Parameters<typeof form.setFieldValue>[0], value);
    onValuesChange();
  };

  const removeWebsite = (index: number) => {
    const websites = (form.getFieldValue('websites') as FilingDraft['websites']) ?? [];
    form.setFieldValue(
      'websites',
      websites.filter((_, i) => i !== index),
    );
    // per-website documents move with their website
    const nextMaterials = materials
      .filter((m) => m.websiteIndex !== index)
      .map((m) =>
        m.websiteIndex !== undefined && m.websiteIndex > index ? { ...m, websiteIndex: m.websiteIndex - 1 } : m,
      );
    setMaterials(nextMaterials);
    const all = form.getFieldsValue(true) as FilingDraft;
    setValues(all);
    commit(all, nextMaterials);
  };

  const onUploaded = async (view: MaterialView, file: File) => {
    await qc.invalidateQueries({ queryKey: keys.materials(order.id) });
    // The platform records the upload in the draft itself (a new order version): adopt its materials and version.
    // Pending edits were saved before the upload; only what was typed during it is saved again on top.
    const typedMeanwhile = editor.hasPending();
    const fresh = await api<OrderDetail>('GET', `/api/v1/orders/${encodeURIComponent(order.id)}`);
    const recorded = (fresh.draft.materials ?? []).some((m) => m.blobId === view.id);
    const next = recorded
      ? (fresh.draft.materials ?? [])
      : withMaterial(materials, {
          kind: view.kind,
          ...(view.websiteIndex !== undefined && view.websiteIndex !== null ? { websiteIndex: view.websiteIndex } : {}),
          blobId: view.id,
          fileName: file.name.slice(0, 255),
          mimeType: file.type || undefined,
          sizeBytes: view.size ?? file.size,
        });
    if (recorded) editor.adopt(fresh.version);
    setMaterials(next);
    if (typedMeanwhile || !recorded) commit(form.getFieldsValue(true) as FilingDraft, next);
  };

  const onRemoveMaterial = (kind: Material['kind'], websiteIndex?: number) => {
    const next = withoutMaterial(materials, kind, websiteIndex);
    setMaterials(next);
    commit(values, next);
  };

  const onFacts = (kind: Material['kind'], websiteIndex: number | undefined, patch: Partial<Material>) => {
    const current = materialFor(materials, kind, websiteIndex);
    if (!current) return;
    const next = withMaterial(materials, { ...current, ...patch });
    setMaterials(next);
    commit(values, next);
  };

  // ---- navigation and submit -------------------------------------------------------------------------------------
  const goTo = (s: WizardStep) => {
    setAttempted((a) => new Set([...a, step]));
    setParams({ step: s });
    requestAnimationFrame(() => document.getElementById('wizard-step-title')?.focus());
  };
  const index = WIZARD_STEPS.indexOf(step);

  const save = async () => {
    commit(form.getFieldsValue(true) as FilingDraft, materials);
    try {
      await editor.flush();
      void message.success(t('customer.wizard.save.done'));
    } catch {
      // the indicator and the alert show why
    }
  };

  const submit = async () => {
    setAttempted(new Set(WIZARD_STEPS));
    if (blockingCount > 0) {
      void message.error(t('customer.wizard.review.fixFirst'));
      return;
    }
    setSubmitting(true);
    setSubmitError(null);
    try {
      // whatever is still waiting for the autosave goes first; nothing else is re-sent
      const version = await editor.flush();
      await api('POST', `/api/v1/orders/${encodeURIComponent(order.id)}/submit`, { version });
      await qc.invalidateQueries({ queryKey: keys.orders });
      void message.success(
        cancellation
          ? t('customer.wizard.submittedCancel')
          : rejection
            ? t('customer.wizard.resubmitted')
            : t('customer.wizard.submitted'),
      );
      void navigate(`/console/orders/${order.id}`);
    } catch (err) {
      setSubmitError(err);
    } finally {
      setSubmitting(false);
    }
  };

  const path = modificationPath(order.state, !!order.flags.editUnlocked);

  return (
    <div className="stack wizard">
      <div className="page-header">
        <div>
          <Typography.Title level={1} className="page-title">
            {cancellation
              ? t('customer.wizard.titleCancel', { type: pick(orderTypeLabel(order.type)) })
              : rejection
                ? t('customer.wizard.titleRejected')
                : t('customer.wizard.title')}
          </Typography.Title>
          <Space wrap size={[8, 0]}>
            <Typography.Text type="secondary">
              {t('customer.wizard.orderNo', { no: order.orderNo })} ·{' '}
              <OrderTypeText type={order.type} variant={order.variant} />
            </Typography.Text>
            <StateTag state={order.state} type={order.type} />
          </Space>
        </div>
        <Link to={`/console/orders/${order.id}`}>{t('customer.wizard.toOrder')}</Link>
      </div>

      {!editable && (
        <Alert
          type="warning"
          showIcon
          title={t('customer.wizard.notEditable')}
          description={
            <>
              <div>{pick(MODIFICATION_PATH_TEXT[path])}</div>
              <Link to={`/console/orders/${order.id}`}>{t('customer.wizard.toOrder')}</Link>
            </>
          }
        />
      )}
      {rejection && editable && (
        <Alert
          type="error"
          showIcon
          title={t('customer.wizard.rejectionBanner', { count: rejection.reasons.length })}
          description={
            <ul className="problem-list">
              {rejection.reasons.map((r) => (
                <li key={`${r.field}-${r.code}`}>
                  <Button type="link" size="small" onClick={() => goTo(stepOf(r))} className="inline-link">
                    {t(`customer.wizard.steps.${stepOf(r)}`)}
                  </Button>
                  {r.message}
                  {r.fix && <div className="field-fix">{t('app.problem.fix', { fix: r.fix })}</div>}
                </li>
              ))}
            </ul>
          }
        />
      )}
      {(editor.state === 'conflict' || editor.state === 'error') && (
        <Alert
          type="error"
          showIcon
          title={
            editor.state === 'conflict' ? t('customer.wizard.save.conflictTitle') : t('customer.wizard.save.errorTitle')
          }
          description={
            <Space orientation="vertical">
              <ProblemAlert error={editor.error} />
              {editor.state === 'conflict' && (
                <Button onClick={() => void onReload()}>{t('customer.wizard.save.reload')}</Button>
              )}
            </Space>
          }
        />
      )}

      {order.type === 'ACCESS' && <AccessRecordPanel order={order} editable={editable} onChanged={onReload} />}

      {!cancellation && (
        <Card size={screens.md ? 'default' : 'small'}>
          {screens.md ? (
            <Steps
              current={index}
              size="small"
              onChange={(i) => goTo(WIZARD_STEPS[i])}
              items={WIZARD_STEPS.map((s) => ({
                key: s,
                title: t(`customer.wizard.steps.${s}`),
                status: stepStatus(s),
              }))}
              aria-label={t('customer.wizard.stepsLabel')}
            />
          ) : (
            // a phone has no room for five titled steps: a progress bar and a step picker instead
            <div className="mobile-steps">
              <Progress
                percent={Math.round(((index + 1) / WIZARD_STEPS.length) * 100)}
                showInfo={false}
                size="small"
                status={WIZARD_STEPS.some((s) => stepStatus(s) === 'error') ? 'exception' : 'active'}
                aria-hidden
              />
              <Select
                value={step}
                onChange={(s) => goTo(s)}
                aria-label={t('customer.wizard.stepsLabel')}
                style={{ width: '100%' }}
                options={WIZARD_STEPS.map((s, i) => ({
                  value: s,
                  label: `${t('customer.wizard.stepOf', { n: i + 1, total: WIZARD_STEPS.length })} ${t(`customer.wizard.steps.${s}`)}${stepStatus(s) === 'error' ? ` · ${t('customer.wizard.stepHasProblems')}` : ''}`,
                }))}
              />
            </div>
          )}
        </Card>
      )}

      <Card>
        <h2 id="wizard-step-title" tabIndex={-1} className="section-title step-title">
          {t(`customer.wizard.steps.${step}`)}
        </h2>
        <Typography.Paragraph type="secondary" className="small">
          {t(`customer.wizard.stepHelp.${step}`)}
        </Typography.Paragraph>
        {unplacedHere.length > 0 && (
          <Alert
            type={unplacedHere.some((m) => m.severity === 'block') ? 'error' : 'warning'}
            showIcon
            title={t('customer.wizard.stepProblems')}
            description={<MessageList messages={unplacedHere} />}
            style={{ marginBottom: 16 }}
          />
        )}
        <FieldMessagesContext value={fieldCtx}>
          <Form
            form={form}
            layout="vertical"
            initialValues={initial}
            onValuesChange={onValuesChange}
            disabled={!editable}
            requiredMark={false}
            scrollToFirstError
          >
            {step === 'subject' && (
              <ConfigProvider componentDisabled={subjectReadOnly}>
                <SubjectStep draft={draft} order={order} readOnly={subjectReadOnly && editable} />
              </ConfigProvider>
            )}
            {step === 'principals' && (
              <PrincipalsStep draft={draft} subjectReadOnly={subjectReadOnly} websitesReadOnly={websitesReadOnly} />
            )}
            {step === 'websites' && (
              <WebsitesStep draft={draft} readOnly={websitesReadOnly} onSet={setPath} onRemoveWebsite={removeWebsite} />
            )}
            {step === 'materials' && (
              <MaterialsStep
                orderId={order.id}
                draft={draft}
                ctx={ctx}
                readOnly={materialsReadOnly}
                uploadsMissing={uploads.data?.missing ?? false}
                messagesAt={fieldCtx.messagesAt}
                onBeforeUpload={() => editor.flush()}
                onUploaded={onUploaded}
                onRemove={onRemoveMaterial}
                onFacts={onFacts}
              />
            )}
            {step === 'review' && (
              <>
                <ReviewStep draft={draft} messages={messages} onGoTo={goTo} />
                {submitError ? (
                  <div style={{ marginTop: 16 }}>
                    <ProblemAlert error={submitError} hideFieldErrors={isProblem(submitError, 'RULE_VIOLATION')} />
                  </div>
                ) : null}
              </>
            )}
          </Form>
        </FieldMessagesContext>
        <div className="wizard-footer">
          <Space wrap>
            <Button
              icon={<ArrowLeftOutlined aria-hidden />}
              disabled={index === 0 || cancellation}
              onClick={() => goTo(WIZARD_STEPS[index - 1])}
            >
              {t('customer.wizard.prev')}
            </Button>
            {step !== 'review' ? (
              <Button type="primary" onClick={() => goTo(WIZARD_STEPS[index + 1])}>
                {t('customer.wizard.next')} <ArrowRightOutlined aria-hidden />
              </Button>
            ) : (
              <Button
                type="primary"
                icon={<SendOutlined aria-hidden />}
                loading={submitting}
                disabled={!editable}
                onClick={() => void submit()}
              >
                {cancellation
                  ? t('customer.wizard.submitCancel')
                  : rejection
                    ? t('customer.wizard.resubmit')
                    : t('customer.wizard.submit')}
              </Button>
            )}
          </Space>
          <Space wrap>
            <SaveIndicator state={editor.state} savedAt={editor.savedAt} schemaErrors={schemaErrors.length} />
            <Button
              icon={<SaveOutlined aria-hidden />}
              onClick={() => void save()}
              disabled={!editable || (subjectReadOnly && websitesReadOnly)}
            >
              {t('customer.wizard.save.button')}
            </Button>
          </Space>
        </div>
      </Card>
    </div>
  );
}
