import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Radio, Result, Select, Space, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { orderTypeLabel } from '../../../../src/modules/filings/domain/order-types.ts';
import { checkFiling } from '../../../../src/modules/rules/check.ts';
import type { CertificateType, FilingDraft, SubjectType } from '../../../../src/modules/rules/draft.ts';
import { api, isProblem, ProblemError } from '../../app/api.ts';
import { useAuth } from '../../app/auth.tsx';
import { usePlatformClock } from '../../app/clock.ts';
import { useLang } from '../../app/i18n.ts';
import { ProblemAlert } from '../../app/ProblemAlert.tsx';
import { OrderTypeText, ProvinceSelect, StateTag } from '../common.tsx';
import { browserCheckContext } from '../logic/check-context.ts';
import { cleanDraft } from '../logic/draft-utils.ts';
import { inFlight, keys, useOrders, useServers } from '../queries.ts';
import { judgeServers } from '../resources/ResourcesPanels.tsx';
import type { VerifyResult } from '../types.ts';
import { subjectCertificateOptions, subjectTypeOptions } from '../wizard/options.ts';

interface Values {
  subject: { type?: SubjectType; certificateType?: CertificateType; certificateNumber?: string; name?: string };
  province?: string;
  domains: string[];
  resource: 'SERVER' | 'CODE';
  serverId?: string;
  authCode?: string;
}

/** The fields of this form, as draft paths: only their violations are shown here. */
const VERIFY_FIELDS =
  /^(subject\.(type|certificateType|certificateNumber|name)|province|websites\[0\]\.domains\[\d+\])$/;

type DomainClass = { domain: string; type?: string; error?: { code: string; message?: { zh: string; en: string } } };

/**
 * The verify step (验证备案信息, R-ORD-003/004): the platform detects the order type from registry data — the
 * customer never picks it — and explains it. Refusals are shown with their message and what to do.
 */
export function NewOrder() {
  const { t } = useTranslation();
  const { pick } = useLang();
  const { user } = useAuth();
  const clock = usePlatformClock();
  const qc = useQueryClient();
  const orders = useOrders();
  const servers = useServers();
  const [form] = Form.useForm<Values>();
  const values = Form.useWatch([], form) as Values | undefined;
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<VerifyResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [tried, setTried] = useState(false);
  const current = inFlight(orders.data);
  // choosing 「我要备案」 again from the result page starts over
  const location = useLocation();
  useEffect(() => {
    void location.key;
    setResult(null);
    setError(null);
    setTried(false);
  }, [location.key]);

  const eligible = useMemo(
    () => judgeServers(servers.data ?? [], clock.today, clock.nowIso).filter((j) => j.eligible),
    [servers.data, clock.today, clock.nowIso],
  );

  // the same rules the wizard runs, on what this form knows
  const violations = useMemo(() => {
    if (!values || !user) return [];
    const draft = cleanDraft({
      orderType: 'FIRST',
      province: values.province,
      subject: values.subject,
      websites: [{ domains: values.domains ?? [] }],
    }) as FilingDraft;
    return checkFiling(draft, browserCheckContext({ today: clock.today, accountId: user.id })).violations.filter((v) =>
      VERIFY_FIELDS.test(v.field),
    );
  }, [values, user, clock.today]);
  const at = (field: string) => {
    const vs = violations.filter((v) => v.field === field);
    const domain = /^websites\[0\]\.domains\[(\d+)\]$/.exec(field);
    const path = domain ? ['domains', Number(domain[1])] : field.split('.');
    const touched = form.isFieldTouched(path as Parameters<typeof form.isFieldTouched>[0]);
    if (!vs.length || (!tried && !touched)) return {};
    return {
      validateStatus: vs.some((v) => v.severity === 'block') ? ('error' as const) : ('warning' as const),
      help: vs.map((v) => (
        <div key={v.code}>
          {pick(v.message)}
          {v.fix && <div className="field-fix">{t('app.problem.fix', { fix: pick(v.fix) })}</div>}
        </div>
      )),
    };
  };

  const onFinish = async (v: Values) => {
    setTried(true);
    setError(null);
    if (violations.some((x) => x.severity === 'block')) return;
    setBusy(true);
    try {
      const r = await api<VerifyResult>('POST', '/api/v1/orders', {
        subject: {
          type: v.subject.type,
          certificateType: v.subject.certificateType,
          certificateNumber: v.subject.certificateNumber?.trim(),
          name: v.subject.name?.trim(),
        },
        province: v.province,
        domains: v.domains.map((d) => d.trim()).filter(Boolean),
        ...(v.resource === 'SERVER' && v.serverId ? { serverId: v.serverId } : {}),
        ...(v.resource === 'CODE' && v.authCode ? { authCode: v.authCode.trim() } : {}),
      });
      setResult(r);
      await qc.invalidateQueries({ queryKey: keys.orders });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  if (result)
    return (
      <Card>
        <Result
          status="success"
          title={t('customer.verify.passed', { type: pick(orderTypeLabel(result.type, result.variant)) })}
          subTitle={t('customer.verify.orderNo', { no: result.orderNo })}
          extra={
            <Link to={`/console/orders/${result.id}/edit`}>
              <Button type="primary">{t('customer.verify.fillIn')}</Button>
            </Link>
          }
        >
          <div className="stack">
            <Typography.Paragraph>{t(`customer.verify.typeExplain.${result.type}`)}</Typography.Paragraph>
            {result.variant && (
              <Typography.Paragraph type="secondary">
                {t(`customer.verify.variantExplain.${result.variant}`)}
              </Typography.Paragraph>
            )}
            <Alert
              type="info"
              showIcon
              title={result.type === 'ACCESS' ? t('customer.verify.accessDns') : t('customer.verify.keepClosed')}
            />
          </div>
        </Result>
      </Card>
    );

  const domainClasses =
    (error instanceof ProblemError ? (error.details.domains as DomainClass[] | undefined) : undefined) ?? [];

  return (
    <div className="stack">
      <div className="page-header">
        <div>
          <Typography.Title level={1} className="page-title">
            {t('customer.verify.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('customer.verify.intro')}</Typography.Text>
        </div>
        <Link to="/console/need-to-file">{t('customer.verify.notSure')}</Link>
      </div>

      {current && (
        <Alert
          type="warning"
          showIcon
          title={t('customer.verify.inFlightTitle')}
          description={
            <Space orientation="vertical">
              <span>{t('customer.verify.inFlightBody')}</span>
              <Space wrap>
                <span>
                  {current.orderNo} · <OrderTypeText type={current.type} variant={current.variant} />
                </span>
                <StateTag state={current.state} type={current.type} />
                <Link to={`/console/orders/${current.id}`}>{t('customer.verify.openCurrent')}</Link>
              </Space>
            </Space>
          }
        />
      )}

      {error ? (
        <div className="stack">
          <ProblemAlert error={error} />
          {isProblem(error, 'ORDER_IN_FLIGHT') && (
            <Alert type="info" showIcon title={t('customer.verify.inFlightBody')} />
          )}
          {isProblem(error, 'NO_AVAILABLE_RESOURCE') && (
            <Alert
              type="info"
              showIcon
              title={t('customer.verify.noResource')}
              description={<Link to="/console/resources">{t('customer.verify.toResources')}</Link>}
            />
          )}
          {isProblem(error, 'MIXED_ORDER_TYPES') && <Alert type="info" showIcon title={t('customer.verify.mixed')} />}
          {domainClasses.length > 0 && (
            <Card size="small" title={t('customer.verify.perDomain')}>
              <ul className="problem-list">
                {domainClasses.map((d) => (
                  <li key={d.domain}>
                    <strong>{d.domain}</strong>:{' '}
                    {d.type
                      ? pick(orderTypeLabel(d.type as 'FIRST', null))
                      : d.error?.message
                        ? pick(d.error.message)
                        : d.error?.code}
                  </li>
                ))}
              </ul>
            </Card>
          )}
        </div>
      ) : null}

      <Card>
        <Form<Values>
          form={form}
          layout="vertical"
          onFinish={onFinish}
          initialValues={{ domains: [''], resource: 'SERVER', subject: {} }}
          requiredMark={false}
          disabled={!!current}
        >
          <div className="form-grid">
            <Form.Item
              name={['subject', 'type']}
              label={t('customer.verify.subjectType')}
              rules={[{ required: true, message: t('customer.verify.required') }]}
              {...at('subject.type')}
            >
              <Select
                options={subjectTypeOptions(pick)}
                onChange={() => form.setFieldValue(['subject', 'certificateType'], undefined)}
              />
            </Form.Item>
            <Form.Item
              name={['subject', 'certificateType']}
              label={t('customer.verify.certificateType')}
              rules={[{ required: true, message: t('customer.verify.required') }]}
              {...at('subject.certificateType')}
            >
              <Select options={subjectCertificateOptions(pick, values?.subject?.type)} />
            </Form.Item>
            <Form.Item
              name={['subject', 'certificateNumber']}
              label={t('customer.verify.certificateNumber')}
              extra={t('customer.verify.certificateNumberHelp')}
              rules={[{ required: true, message: t('customer.verify.required') }]}
              {...at('subject.certificateNumber')}
            >
              <Input maxLength={40} autoComplete="off" />
            </Form.Item>
            <Form.Item
              name={['subject', 'name']}
              label={t('customer.verify.subjectName')}
              rules={[{ required: true, message: t('customer.verify.required') }]}
              {...at('subject.name')}
            >
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item
              name="province"
              label={t('customer.verify.province')}
              extra={t('customer.verify.provinceHelp')}
              rules={[{ required: true, message: t('customer.verify.required') }]}
              {...at('province')}
            >
              <ProvinceSelect />
            </Form.Item>
          </div>

          <Typography.Text strong>{t('customer.verify.domains')}</Typography.Text>
          <Typography.Paragraph type="secondary" className="small">
            {t('customer.verify.domainsHelp')}
          </Typography.Paragraph>
          <Form.List name="domains">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f, i) => (
                  <Space.Compact key={f.key} block>
                    <Form.Item
                      name={f.name}
                      style={{ flex: 1 }}
                      rules={[{ required: true, whitespace: true, message: t('customer.verify.required') }]}
                      {...at(`websites[0].domains[${i}]`)}
                    >
                      <Input
                        placeholder="example.com"
                        inputMode="url"
                        autoComplete="off"
                        aria-label={t('customer.wizard.website.domainN', { n: i + 1 })}
                      />
                    </Form.Item>
                    {fields.length > 1 && (
                      <Button
                        icon={<DeleteOutlined aria-hidden />}
                        onClick={() => remove(f.name)}
                        aria-label={t('customer.wizard.website.removeDomain', { n: i + 1 })}
                      />
                    )}
                  </Space.Compact>
                ))}
                <Button
                  size="small"
                  icon={<PlusOutlined aria-hidden />}
                  onClick={() => add('')}
                  style={{ marginBottom: 16 }}
                >
                  {t('customer.wizard.website.addDomain')}
                </Button>
              </>
            )}
          </Form.List>

          <Form.Item name="resource" label={t('customer.verify.resource')}>
            <Radio.Group>
              <Space orientation="vertical">
                <Radio value="SERVER">{t('customer.verify.useServer')}</Radio>
                <Radio value="CODE">{t('customer.verify.useCode')}</Radio>
              </Space>
            </Radio.Group>
          </Form.Item>
          {values?.resource !== 'CODE' ? (
            <Form.Item name="serverId" label={t('customer.verify.server')} extra={t('customer.verify.serverHelp')}>
              <Select
                allowClear
                placeholder={eligible.length ? t('customer.verify.serverAuto') : t('customer.verify.noEligible')}
                options={eligible.map((j) => ({
                  value: j.server.id,
                  label: `${j.server.name} · ${j.server.publicIp ?? ''}`,
                }))}
              />
            </Form.Item>
          ) : (
            <Form.Item
              name="authCode"
              label={t('customer.verify.authCode')}
              extra={t('customer.verify.authCodeHelp')}
              rules={[{ required: true, message: t('customer.verify.required') }]}
            >
              <Input maxLength={64} autoComplete="off" />
            </Form.Item>
          )}
          {values?.resource !== 'CODE' && servers.isSuccess && eligible.length === 0 && (
            <Alert type="warning" showIcon title={t('customer.verify.noEligibleBody')} style={{ marginBottom: 16 }} />
          )}
          {tried && violations.some((v) => v.severity === 'block') && (
            <Alert type="error" showIcon title={t('customer.verify.fixFirst')} style={{ marginBottom: 16 }} />
          )}
          <Button type="primary" htmlType="submit" loading={busy} onClick={() => setTried(true)}>
            {t('customer.verify.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
