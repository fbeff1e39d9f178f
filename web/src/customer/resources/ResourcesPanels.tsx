import { CheckCircleFilled, CopyOutlined, ExclamationCircleFilled, KeyOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, List, Skeleton, Space, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { serverFacts } from '../../../../src/modules/resources/facts.ts';
import {
  authCodeGenerationRefusal,
  DEFAULT_SYNC_DELAY_MINUTES,
  serverEligibility,
} from '../../../../src/modules/rules/eligibility.ts';
import { api } from '../../app/api.ts';
import { usePlatformClock } from '../../app/clock.ts';
import { useLang } from '../../app/i18n.ts';
import { ProblemAlert } from '../../app/ProblemAlert.tsx';
import { BeijingTime } from '../common.tsx';
import { keys, useAuthCodes, useServers } from '../queries.ts';
import type { AuthCodeView, ServerView } from '../types.ts';

export interface JudgedServer {
  server: ServerView;
  eligible: boolean;
  /** Only the sync delay stands in the way (R-ACC-012): the platform decides, the console only warns. */
  syncing: boolean;
  reasons: { code: string; rule: string; message: { zh: string; en: string } }[];
}

/**
 * R-ACC-006..012 in the browser, with the same `serverEligibility` the verify step uses. The browser cannot know the
 * platform's configured sync delay, so it assumes the default and reports "still syncing" as a warning only.
 */
export function judgeServers(servers: readonly ServerView[], today: string, nowIso: string): JudgedServer[] {
  return servers.map((s) => {
    const r = serverEligibility(serverFacts(s, undefined, DEFAULT_SYNC_DELAY_MINUTES), today, { now: nowIso });
    const hard = r.reasons.filter((x) => x.code !== 'NOT_YET_SYNCED');
    return {
      server: s,
      eligible: hard.length === 0 && !s.isLoadBalancer,
      syncing: r.reasons.some((x) => x.code === 'NOT_YET_SYNCED'),
      reasons: hard,
    };
  });
}

export function ServersPanel() {
  const { t } = useTranslation();
  const { pick } = useLang();
  const servers = useServers();
  const codes = useAuthCodes();
  const clock = usePlatformClock();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const generate = useMutation({
    mutationFn: (serverId: string) =>
      api<AuthCodeView>('POST', `/api/v1/servers/${encodeURIComponent(serverId)}/auth-codes`),
    onSuccess: async (code) => {
      void message.success(t('customer.resources.codeGenerated', { code: code.code }));
      await qc.invalidateQueries({ queryKey: keys.authCodes });
    },
  });

  if (servers.isPending) return <Skeleton active />;
  if (servers.isError) return <ProblemAlert error={servers.error} />;
  const judged = judgeServers(servers.data, clock.today, clock.nowIso);
  const facts = servers.data.map((s) => serverFacts(s));
  const generatedFor = (id: string) => (codes.data ?? []).filter((c) => c.serverId === id).length;

  return (
    <div className="stack">
      <Typography.Paragraph type="secondary" className="small">
        {t('customer.resources.serversIntro')}
      </Typography.Paragraph>
      {generate.isError && <ProblemAlert error={generate.error} />}
      {judged.length === 0 ? (
        <Empty description={t('customer.resources.noServers')} />
      ) : (
        <List
          grid={{ gutter: 12, xs: 1, sm: 1, md: 2, lg: 3, xl: 3, xxl: 3 }}
          dataSource={judged}
          rowKey={(j) => j.server.id}
          renderItem={(j) => {
            const s = j.server;
            const refusal = authCodeGenerationRefusal(serverFacts(s, generatedFor(s.id)), facts, clock.today);
            return (
              <List.Item>
                <Card
                  size="small"
                  title={<span className="server-name">{s.name}</span>}
                  extra={
                    j.eligible ? (
                      <Tag icon={<CheckCircleFilled aria-hidden />} color="success">
                        {t('customer.resources.eligible')}
                      </Tag>
                    ) : (
                      <Tag icon={<ExclamationCircleFilled aria-hidden />} color="default">
                        {t('customer.resources.notEligible')}
                      </Tag>
                    )
                  }
                >
                  <dl className="kv small">
                    <dt>{t('customer.resources.region')}</dt>
                    <dd>
                      {s.region}{' '}
                      <Tag>
                        {s.regionKind === 'mainland'
                          ? t('customer.resources.mainland')
                          : t('customer.resources.nonMainland')}
                      </Tag>
                    </dd>
                    <dt>{t('customer.resources.billing')}</dt>
                    <dd>
                      {s.billingMode === 'prepaid'
                        ? t('customer.resources.prepaid', { months: s.prepaidMonths })
                        : t('customer.resources.payg')}
                    </dd>
                    <dt>{t('customer.resources.expires')}</dt>
                    <dd>{s.expiresAt}</dd>
                    <dt>{t('customer.resources.ip')}</dt>
                    <dd>
                      {s.publicIp ?? '—'}
                      {s.isLoadBalancer && <Tag className="small">{t('customer.resources.loadBalancer')}</Tag>}
                    </dd>
                  </dl>
                  {(j.reasons.length > 0 || s.isLoadBalancer) && (
                    <ul className="problem-list small" aria-label={t('customer.resources.whyNot')}>
                      {j.reasons.map((r) => (
                        <li key={r.code}>{pick(r.message)}</li>
                      ))}
                      {s.isLoadBalancer && <li>{t('customer.resources.lbNotForFiling')}</li>}
                    </ul>
                  )}
                  {j.eligible && j.syncing && (
                    <Typography.Paragraph type="warning" className="small">
                      {t('customer.resources.syncing')}
                    </Typography.Paragraph>
                  )}
                  <Tooltip title={refusal ? pick(refusal.message) : undefined}>
                    <Button
                      icon={<KeyOutlined aria-hidden />}
                      size="small"
                      disabled={!!refusal}
                      loading={generate.isPending && generate.variables === s.id}
                      onClick={() => generate.mutate(s.id)}
                    >
                      {t('customer.resources.generateCode')}
                    </Button>
                  </Tooltip>
                  {/* the code refusal, unless the filing reasons above already say the same */}
                  {refusal && !j.reasons.some((r) => r.code === refusal.code) && !s.isLoadBalancer && (
                    <div className="small muted">{pick(refusal.message)}</div>
                  )}
                  {refusal && s.isLoadBalancer && <div className="small muted">{pick(refusal.message)}</div>}
                </Card>
              </List.Item>
            );
          }}
        />
      )}
    </div>
  );
}

const CODE_STATE_COLOR: Record<string, string> = {
  AVAILABLE: 'success',
  RESERVED: 'processing',
  CONSUMED: 'default',
  INVALID: 'error',
};

export function AuthCodesPanel() {
  const { t } = useTranslation();
  const codes = useAuthCodes();
  const qc = useQueryClient();
  const { message, modal } = App.useApp();
  const revoke = useMutation({
    mutationFn: (id: string) => api('DELETE', `/api/v1/auth-codes/${encodeURIComponent(id)}`),
    onSuccess: async () => {
      void message.success(t('customer.resources.codeRevoked'));
      await qc.invalidateQueries({ queryKey: keys.authCodes });
    },
  });
  if (codes.isPending) return <Skeleton active />;
  if (codes.isError) return <ProblemAlert error={codes.error} />;
  return (
    <div className="stack">
      <Typography.Paragraph type="secondary" className="small">
        {t('customer.resources.codesIntro')}
      </Typography.Paragraph>
      {revoke.isError && <ProblemAlert error={revoke.error} />}
      {codes.data.length === 0 ? (
        <Empty description={t('customer.resources.noCodes')} />
      ) : (
        <List
          size="small"
          bordered
          dataSource={codes.data}
          rowKey="id"
          renderItem={(c) => (
            <List.Item
              actions={
                c.state === 'AVAILABLE'
                  ? [
                      <Button
                        key="revoke"
                        size="small"
                        danger
                        onClick={() =>
                          modal.confirm({
                            title: t('customer.resources.revokeTitle'),
                            content: t('customer.resources.revokeBody', { code: c.code }),
                            okText: t('customer.resources.revoke'),
                            okButtonProps: { danger: true },
                            onOk: () => revoke.mutateAsync(c.id),
                          })
                        }
                      >
                        {t('customer.resources.revoke')}
                      </Button>,
                    ]
                  : []
              }
            >
              <Space wrap size={[8, 4]}>
                <Typography.Text
                  code
                  copyable={{ icon: <CopyOutlined aria-hidden />, tooltips: false }}
                  className="auth-code"
                >
                  {c.code}
                </Typography.Text>
                <Tag color={CODE_STATE_COLOR[c.state]}>{t(`customer.resources.codeState.${c.state}`)}</Tag>
                <span className="small muted">
                  {c.serverName} · {c.ip ?? '—'} · <BeijingTime ms={c.createdAt} />
                </span>
              </Space>
            </List.Item>
          )}
        />
      )}
    </div>
  );
}
