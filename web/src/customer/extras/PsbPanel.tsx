import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Form, Input, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ProblemError } from '../../app/api.ts';
import { useLang } from '../../app/i18n.ts';
import { ProblemAlert } from '../../app/ProblemAlert.tsx';
import type { ExtrasWebsite } from './types.ts';

export const extrasWebsitesKey = ['extras', 'websites'] as const;

export function useExtrasWebsites() {
  return useQuery({
    queryKey: extrasWebsitesKey,
    queryFn: () => api<ExtrasWebsite[]>('GET', '/api/v1/extras/websites'),
  });
}

/** R-EXT-001/002/003: per filed website, the 公安备案 tasks, the PSB record and the access provider sheet. */
export function PsbPanel() {
  const { t } = useTranslation();
  const sites = useExtrasWebsites();
  if (sites.error) return <ProblemAlert error={sites.error} />;
  if (!sites.data) return null;
  if (sites.data.length === 0) return <Empty description={t('customer.extras.psb.none')} />;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Paragraph>{t('customer.extras.psb.intro')}</Typography.Paragraph>
      {sites.data.map((w) => (
        <WebsiteCard key={w.id} site={w} />
      ))}
    </Space>
  );
}

function WebsiteCard({ site }: { site: ExtrasWebsite }) {
  const { t } = useTranslation();
  const { pick } = useLang();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ psbNumber: string; approvedOn: string }>();
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);

  async function save(values: { psbNumber: string; approvedOn: string }) {
    setSaving(true);
    setError(null);
    form.setFields([
      { name: 'psbNumber', errors: [] },
      { name: 'approvedOn', errors: [] },
    ]);
    try {
      await api('PUT', `/api/v1/extras/websites/${encodeURIComponent(site.id)}/psb`, values);
      void message.success(t('customer.extras.psb.saved'));
      await qc.invalidateQueries({ queryKey: extrasWebsitesKey });
    } catch (err) {
      setError(err);
      if (err instanceof ProblemError)
        form.setFields(
          err.errors
            .filter((e) => e.field === 'psbNumber' || e.field === 'approvedOn')
            .map((e) => ({ name: e.field as 'psbNumber' | 'approvedOn', errors: [e.message] })),
        );
    } finally {
      setSaving(false);
    }
  }

  return (
    <Card
      title={`${site.name} · ${site.filingNumber ?? ''}`}
      extra={
        site.accessedHere && site.filingNumber ? (
          <a href={`/api/v1/extras/websites/${encodeURIComponent(site.id)}/access-info.pdf`} download>
            {t('customer.extras.psb.infoSheet')}
          </a>
        ) : null
      }
    >
      <Typography.Paragraph type="secondary">{site.domains.join(', ')}</Typography.Paragraph>
      <List
        size="small"
        header={t('customer.extras.psb.tasks')}
        locale={{ emptyText: t('customer.extras.psb.noTasks') }}
        dataSource={site.tasks}
        renderItem={(task) => (
          <List.Item data-task={task.kind}>
            <Space direction="vertical" size={2}>
              <Space wrap>
                <strong>{pick(task.title)}</strong>
                {task.done ? (
                  <Tag color="green">{t('customer.extras.psb.done')}</Tag>
                ) : (
                  <Tag color={task.overdue ? 'red' : 'blue'}>{t('customer.extras.psb.due', { date: task.dueOn })}</Tag>
                )}
              </Space>
              <span>{pick(task.text)}</span>
              <a href={task.link} target="_blank" rel="noreferrer">
                {t('customer.extras.psb.platform')}
              </a>
            </Space>
          </List.Item>
        )}
      />
      {site.psb ? (
        <div style={{ marginTop: 12 }}>
          <Typography.Paragraph copyable={{ text: site.psb.psbNumber }}>
            {t('customer.extras.psb.number')}: {site.psb.psbNumber} ({site.psb.approvedOn})
          </Typography.Paragraph>
          <Typography.Paragraph copyable={{ text: site.psb.htmlCode }} code>
            {site.psb.htmlCode}
          </Typography.Paragraph>
        </div>
      ) : null}
      {error ? <ProblemAlert error={error} hideFieldErrors /> : null}
      <Form
        form={form}
        layout="inline"
        style={{ marginTop: 12 }}
        onFinish={save}
        initialValues={{ psbNumber: site.psb?.psbNumber ?? '', approvedOn: site.psb?.approvedOn ?? '' }}
      >
        <Form.Item name="psbNumber" label={t('customer.extras.psb.number')}>
          <Input placeholder="44010602000001" style={{ width: 260 }} />
        </Form.Item>
        <Form.Item name="approvedOn" label={t('customer.extras.psb.approvedOn')}>
          <Input type="date" />
        </Form.Item>
        <Form.Item>
          <Button htmlType="submit" loading={saving}>
            {t('customer.extras.psb.record')}
          </Button>
        </Form.Item>
      </Form>
    </Card>
  );
}
