import {
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  Input,
  InputNumber,
  List,
  Popconfirm,
  Row,
  Select,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { PROVINCE_RULE_KEYS } from '../../../../src/modules/rules/provinces/table.ts';
import {
  PROVINCE_NAMES,
  type ProvinceName,
  type ProvinceRuleKey,
} from '../../../../src/modules/rules/provinces/types.ts';
import { ProblemAlert } from '../../app/ProblemAlert.tsx';
import {
  type ProvinceRequirementsPage,
  type ProvinceRulesInForce,
  qk,
  type StoredOverride,
  useGet,
  useSend,
} from '../api.ts';
import { beijingText, PageTitle, ProvinceSelect, valueText } from '../components/common.tsx';
import { useBo } from '../i18n.tsx';
import { initialInput, parseOverrideInput, valueKind } from '../logic/override-value.ts';

interface FormValues {
  province: ProvinceName;
  key: ProvinceRuleKey;
  value: unknown;
  effectiveFrom: Dayjs;
  source: string;
}

/**
 * Province-rule overrides (R-PRV-001): the table in force today, the override history, and the form. The value
 * editor takes the shape of the value in force; the server validates it against the key and audits the change.
 */
export function ProvinceRulesPage() {
  const { t, pick } = useBo();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [jsonError, setJsonError] = useState(false);
  const overrides = useGet<StoredOverride[]>(qk.overrides, '/api/v1/admin/province-overrides');
  const inForce = useGet<ProvinceRulesInForce>(qk.provinceRules, '/api/v1/admin/province-rules');
  const province = (Form.useWatch('province', form) ?? '广东') as ProvinceName;
  const key = Form.useWatch('key', form) as ProvinceRuleKey | undefined;
  const requirements = useGet<ProvinceRequirementsPage>(
    qk.requirements(province),
    `/api/v1/provinces/${encodeURIComponent(province)}/requirements`,
  );
  const current = key && inForce.data ? inForce.data.table[province][key] : undefined;
  const kind = valueKind(current);
  const invalidate = [qk.overrides, qk.provinceRules, ['admin', 'requirements'], ['review', 'page']];
  const create = useSend<
    { province: string; key: string; value: unknown; effectiveFrom: string; source: string },
    StoredOverride
  >('POST', '/api/v1/admin/province-overrides', invalidate);
  const remove = useSend<{ id: string }>('DELETE', (b) => `/api/v1/admin/province-overrides/${b.id}`, invalidate);
  const today = inForce.data?.date ?? dayjs().format('YYYY-MM-DD');
  // the platform's today (the demo clock may be ahead of the browser's)
  useEffect(() => {
    if (inForce.data && !form.isFieldTouched('effectiveFrom'))
      form.setFieldValue('effectiveFrom', dayjs(inForce.data.date));
  }, [inForce.data, form]);

  const onKeyChange = (k: ProvinceRuleKey) => {
    const v = inForce.data?.table[province][k];
    form.setFieldValue('value', initialInput(valueKind(v), v));
    setJsonError(false);
  };

  const onFinish = async (v: FormValues) => {
    const parsed = parseOverrideInput(kind, v.value);
    if (!parsed.ok) {
      setJsonError(true);
      return;
    }
    await create.mutateAsync({
      province: v.province,
      key: v.key,
      value: parsed.value,
      effectiveFrom: v.effectiveFrom.format('YYYY-MM-DD'),
      source: v.source,
    });
    void message.success(t('prov.created'));
    form.resetFields(['source']);
  };

  return (
    <div className="bo-page" data-testid="province-rules">
      <PageTitle title={t('prov.title')} hint={t('prov.hint')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={11}>
          <Card size="small" title={t('common.add')}>
            <Form
              form={form}
              layout="vertical"
              onFinish={onFinish}
              initialValues={{ province: '广东', effectiveFrom: dayjs(today) }}
            >
              <Form.Item name="province" label={t('prov.province')} rules={[{ required: true }]}>
                <ProvinceSelect
                  aria-label={t('prov.province')}
                  onChange={() => {
                    const k = form.getFieldValue('key');
                    if (k) setTimeout(() => onKeyChange(k), 0);
                  }}
                />
              </Form.Item>
              <Form.Item name="key" label={t('prov.key')} rules={[{ required: true }]}>
                <Select
                  showSearch
                  aria-label={t('prov.key')}
                  options={PROVINCE_RULE_KEYS.map((k) => ({ value: k, label: k }))}
                  onChange={onKeyChange}
                />
              </Form.Item>
              {key && (
                <Typography.Paragraph type="secondary">
                  {t('prov.current')}：<code data-testid="current-value">{valueText(current, 'true', 'false')}</code>
                </Typography.Paragraph>
              )}
              <Form.Item
                name="value"
                label={kind === 'json' ? t('prov.json') : t('prov.value')}
                valuePropName={kind === 'boolean' ? 'checked' : 'value'}
                validateStatus={jsonError ? 'error' : undefined}
                help={jsonError ? t('prov.badJson') : undefined}
              >
                {kind === 'boolean' ? (
                  <Switch aria-label={t('prov.value')} />
                ) : kind === 'number' ? (
                  <InputNumber min={1} max={60} aria-label={t('prov.value')} />
                ) : kind === 'string' ? (
                  <Input aria-label={t('prov.value')} />
                ) : (
                  <Input.TextArea
                    rows={5}
                    className="bo-mono"
                    aria-label={t('prov.json')}
                    onChange={() => setJsonError(false)}
                  />
                )}
              </Form.Item>
              <Form.Item name="effectiveFrom" label={t('prov.effectiveFrom')} rules={[{ required: true }]}>
                <DatePicker aria-label={t('prov.effectiveFrom')} />
              </Form.Item>
              <Form.Item name="source" label={t('common.source')} rules={[{ required: true, whitespace: true }]}>
                <Input.TextArea rows={2} maxLength={500} aria-label={t('common.source')} />
              </Form.Item>
              <ProblemAlert error={create.error} />
              <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="save-override">
                {t('prov.submit')}
              </Button>
            </Form>
          </Card>
        </Col>
        <Col xs={24} lg={13}>
          <Card
            size="small"
            title={t('prov.requirements', { province })}
            extra={
              inForce.data && (
                <Typography.Text type="secondary">{`${t('prov.version')} ${inForce.data.version}`}</Typography.Text>
              )
            }
          >
            <List
              size="small"
              loading={requirements.isPending}
              dataSource={requirements.data?.lines.filter((l) => l.special) ?? []}
              renderItem={(l) => (
                <List.Item>
                  <Tag>{l.rule}</Tag> <code className="small">{l.key}</code> {pick(l.text)}
                </List.Item>
              )}
            />
          </Card>
        </Col>
      </Row>
      <Card size="small" title={t('prov.list')} style={{ marginTop: 16 }}>
        <ProblemAlert error={overrides.error ?? remove.error} />
        <Table<StoredOverride>
          rowKey="id"
          size="small"
          loading={overrides.isPending}
          dataSource={[...(overrides.data ?? [])].reverse()}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
          columns={[
            {
              title: t('prov.province'),
              dataIndex: 'province',
              filters: PROVINCE_NAMES.map((p) => ({ text: p, value: p })),
              onFilter: (v, r) => r.province === v,
            },
            { title: t('prov.key'), dataIndex: 'key', render: (k: string) => <code>{k}</code> },
            {
              title: t('prov.value'),
              dataIndex: 'value',
              render: (v: unknown) => <code className="small">{valueText(v, 'true', 'false')}</code>,
            },
            {
              title: t('prov.effectiveFrom'),
              dataIndex: 'effectiveFrom',
              render: (d: string) => (
                <span>
                  {d} {d <= today ? <Tag color="green">{t('prov.inForce')}</Tag> : <Tag>{t('prov.future')}</Tag>}
                </span>
              ),
            },
            { title: t('prov.revision'), dataIndex: 'revision' },
            { title: t('common.source'), dataIndex: 'source' },
            { title: t('prov.createdAt'), dataIndex: 'createdAt', render: (ms: number) => beijingText(ms) },
            {
              title: t('common.actions'),
              key: 'x',
              render: (_, r) =>
                r.effectiveFrom > today ? (
                  <Popconfirm title={t('common.delete')} onConfirm={() => remove.mutateAsync({ id: r.id })}>
                    <Button size="small" danger>
                      {t('common.delete')}
                    </Button>
                  </Popconfirm>
                ) : null,
            },
          ]}
        />
      </Card>
    </div>
  );
}
