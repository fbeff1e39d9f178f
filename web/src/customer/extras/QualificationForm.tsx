import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, InputNumber, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ProblemError } from '../../app/api.ts';
import { useLang } from '../../app/i18n.ts';
import { ProblemAlert } from '../../app/ProblemAlert.tsx';
import type { QualificationView } from './types.ts';

const KEY = ['extras', 'qualification'] as const;
const STATE_COLOR = { OPEN: 'blue', DOCUMENTS_SENT: 'green', REJECTED: 'red' } as const;

interface Values {
  domain: string;
  uin: string;
  registeredCapitalCny?: number | null;
}

/** R-EXT-004/005: ask for the provider's qualification documents; refusals land on the domain field. */
export function QualificationForm() {
  const { t } = useTranslation();
  const { pick } = useLang();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [created, setCreated] = useState<QualificationView | null>(null);
  const [saving, setSaving] = useState(false);
  const list = useQuery({
    queryKey: KEY,
    queryFn: () => api<QualificationView[]>('GET', '/api/v1/extras/qualification-requests'),
  });

  async function submit(v: Values) {
    setSaving(true);
    setError(null);
    setCreated(null);
    form.setFields([
      { name: 'domain', errors: [] },
      { name: 'uin', errors: [] },
      { name: 'registeredCapitalCny', errors: [] },
    ]);
    try {
      const body = {
        domain: v.domain,
        uin: v.uin,
        ...(typeof v.registeredCapitalCny === 'number' ? { registeredCapitalCny: v.registeredCapitalCny } : {}),
      };
      setCreated(await api<QualificationView>('POST', '/api/v1/extras/qualification-requests', body));
      form.resetFields();
      await qc.invalidateQueries({ queryKey: KEY });
    } catch (err) {
      setError(err);
      if (err instanceof ProblemError)
        form.setFields(
          err.errors
            .filter((e) => e.field === 'domain' || e.field === 'uin' || e.field === 'registeredCapitalCny')
            .map((e) => ({ name: e.field as keyof Values, errors: [e.message] })),
        );
    } finally {
      setSaving(false);
    }
  }

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Paragraph>{t('customer.extras.qualification.intro')}</Typography.Paragraph>
      {created ? (
        <Alert
          type="success"
          showIcon
          title={t('customer.extras.qualification.created')}
          description={created.warnings.map((w) => pick(w.message)).join(' ') || undefined}
        />
      ) : null}
      {error ? <ProblemAlert error={error} hideFieldErrors /> : null}
      <Form form={form} layout="vertical" onFinish={submit} style={{ maxWidth: 480 }}>
        <Form.Item name="domain" label={t('customer.extras.qualification.domain')} rules={[{ required: true }]}>
          <Input placeholder="example.cn" />
        </Form.Item>
        <Form.Item name="uin" label={t('customer.extras.qualification.uin')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item
          name="registeredCapitalCny"
          label={t('customer.extras.qualification.capital')}
          extra={t('customer.extras.qualification.capitalHint')}
        >
          <InputNumber min={0} style={{ width: '100%' }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={saving}>
          {t('customer.extras.qualification.submit')}
        </Button>
      </Form>
      <Table
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data ?? []}
        pagination={false}
        columns={[
          { title: t('customer.extras.qualification.domain'), dataIndex: 'domain' },
          { title: t('customer.extras.qualification.uin'), dataIndex: 'uin' },
          {
            title: t('customer.extras.qualification.state'),
            dataIndex: 'state',
            render: (s: QualificationView['state']) => (
              <Tag color={STATE_COLOR[s]}>{t(`customer.extras.qualification.states.${s}`)}</Tag>
            ),
          },
          { title: t('customer.extras.qualification.note'), dataIndex: 'note' },
        ]}
      />
    </Space>
  );
}
