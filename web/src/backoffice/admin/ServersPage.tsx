import { App, Button, Card, Input, Table, Tag } from 'antd';
import { useState } from 'react';
import { ProblemAlert } from '../../app/ProblemAlert.tsx';
import { qk, type ServerView, useGet, useSend } from '../api.ts';
import { PageTitle } from '../components/common.tsx';
import { useBo } from '../i18n.tsx';

const SAMPLE = `{"servers":[{"externalId":"gz-001","accountNo":"100000000001","name":"GZ-1","region":"ap-guangzhou","regionKind":"mainland","billingMode":"prepaid","prepaidMonths":12,"purchasedAt":"2026-10-01","expiresAt":"2027-10-01","publicIp":"203.0.113.10"}]}`;

/** The server inventory (resources module): the list and a JSON import, all or nothing and idempotent by externalId. */
export function ServersPage() {
  const { t } = useBo();
  const { message } = App.useApp();
  const [json, setJson] = useState('');
  const [bad, setBad] = useState(false);
  const servers = useGet<ServerView[]>(qk.servers, '/api/v1/admin/servers');
  const imp = useSend<unknown, { imported: number; created: number }>('POST', '/api/v1/admin/servers/import', [
    qk.servers,
  ]);
  return (
    <div className="bo-page" data-testid="servers">
      <PageTitle title={t('servers.title')} />
      <Card size="small" title={t('servers.import')}>
        <Input.TextArea
          rows={4}
          className="bo-mono"
          placeholder={SAMPLE}
          value={json}
          status={bad ? 'error' : undefined}
          onChange={(e) => {
            setJson(e.target.value);
            setBad(false);
          }}
          aria-label={t('servers.import')}
        />
        <ProblemAlert error={imp.error} />
        <Button
          type="primary"
          style={{ marginTop: 8 }}
          loading={imp.isPending}
          onClick={async () => {
            let body: unknown;
            try {
              body = JSON.parse(json);
            } catch {
              setBad(true);
              return;
            }
            const r = await imp.mutateAsync(body);
            void message.success(t('servers.imported', { n: r.imported, c: r.created }));
            setJson('');
          }}
        >
          {t('servers.import')}
        </Button>
      </Card>
      <Card size="small" style={{ marginTop: 16 }}>
        <ProblemAlert error={servers.error} />
        <Table<ServerView>
          size="small"
          rowKey="id"
          loading={servers.isPending}
          dataSource={servers.data ?? []}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
          columns={[
            { title: t('servers.name'), dataIndex: 'name' },
            {
              title: t('servers.region'),
              dataIndex: 'region',
              render: (r: string, s) => (
                <span>
                  {r} <Tag>{s.regionKind}</Tag>
                </span>
              ),
            },
            { title: t('servers.ip'), dataIndex: 'publicIp' },
            {
              title: t('servers.billing'),
              dataIndex: 'billingMode',
              render: (b: string, s) => `${b} · ${s.prepaidMonths}`,
            },
            { title: t('servers.expires'), dataIndex: 'expiresAt' },
            {
              title: t('servers.account'),
              dataIndex: 'accountId',
              render: (a: string) => <code className="small">{a.slice(0, 8)}</code>,
            },
          ]}
        />
      </Card>
    </div>
  );
}
