import { useQuery } from '@tanstack/react-query';
import { Alert, AutoComplete, Button, Card, Descriptions, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.ts';
import { useLang } from '../../app/i18n.ts';
import { ProblemAlert } from '../../app/ProblemAlert.tsx';
import type { DiagnosisView } from './types.ts';

const STATUS_COLOR = { MATCH: 'green', MISMATCH: 'orange', UNRESOLVED: 'red' } as const;

/** R-ACS-016: enter or pick one of the account's domains; the result states the gateway decision, DNS and hints. */
export function Diagnosis() {
  const { t } = useTranslation();
  const { pick } = useLang();
  const [domain, setDomain] = useState('');
  const [asked, setAsked] = useState<string | null>(null);
  const domains = useQuery({
    queryKey: ['diagnosis', 'domains'],
    queryFn: () => api<{ domains: string[] }>('GET', '/api/v1/diagnosis/domains'),
  });
  const result = useQuery({
    queryKey: ['diagnosis', asked],
    queryFn: () => api<DiagnosisView>('GET', `/api/v1/diagnosis?domain=${encodeURIComponent(asked!)}`),
    enabled: !!asked,
    retry: false,
  });
  const d = result.data;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Paragraph>{t('customer.extras.diagnosis.intro')}</Typography.Paragraph>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (domain.trim()) setAsked(domain.trim());
        }}
      >
        <Space wrap>
          <AutoComplete
            aria-label={t('customer.extras.diagnosis.domain')}
            placeholder={t('customer.extras.diagnosis.placeholder')}
            style={{ width: 320 }}
            value={domain}
            onChange={setDomain}
            options={(domains.data?.domains ?? []).map((v) => ({ value: v }))}
          />
          <Button type="primary" htmlType="submit" loading={result.isFetching}>
            {t('customer.extras.diagnosis.run')}
          </Button>
        </Space>
      </form>
      {result.error ? <ProblemAlert error={result.error} /> : null}
      {d ? (
        <Card title={d.domain} data-testid="diagnosis-result">
          <Alert
            type={d.gateway.allowed ? 'success' : 'error'}
            showIcon
            title={d.gateway.allowed ? t('customer.extras.diagnosis.allowed') : t('customer.extras.diagnosis.blocked')}
            description={`${d.gateway.reason} — ${pick(d.gateway.explanation)}`}
          />
          <Descriptions column={1} style={{ marginTop: 16 }} size="small" bordered>
            <Descriptions.Item label={t('customer.extras.diagnosis.filingNumber')}>
              {d.filingNumber ?? t('customer.extras.diagnosis.noFiling')}
            </Descriptions.Item>
            <Descriptions.Item label={t('customer.extras.diagnosis.providers')}>
              {d.providers.length === 0
                ? t('customer.extras.diagnosis.noProviders')
                : d.providers.map((p) => (
                    <div key={p.providerId}>
                      {p.here ? <Tag color="blue">{t('customer.extras.diagnosis.here')}</Tag> : null}
                      {p.name} {p.accessIps.join(', ')}
                    </div>
                  ))}
            </Descriptions.Item>
            {d.resolutions.map((r) => (
              <Descriptions.Item key={r.host} label={r.host}>
                <Tag color={STATUS_COLOR[r.status]}>{t(`customer.extras.diagnosis.resolution.${r.status}`)}</Tag>
                {r.ips.join(', ')}
                {r.server ? ` → ${r.server.name} (${r.server.region})` : ''}
                {r.error ? ` (${r.error})` : ''}
              </Descriptions.Item>
            ))}
            <Descriptions.Item label={t('customer.extras.diagnosis.dnsServers')}>
              {d.dnsServers.join(', ')}
            </Descriptions.Item>
          </Descriptions>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('customer.extras.diagnosis.hints')}
          </Typography.Title>
          <List
            size="small"
            dataSource={d.hints}
            renderItem={(h) => (
              <List.Item data-hint={h.code}>
                <Space align="start">
                  {h.likely ? (
                    <Tag color="orange">{t('customer.extras.diagnosis.likely')}</Tag>
                  ) : (
                    <Tag>{t('customer.extras.diagnosis.possible')}</Tag>
                  )}
                  <span>{pick(h.text)}</span>
                </Space>
              </List.Item>
            )}
          />
        </Card>
      ) : null}
    </Space>
  );
}
