import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, List, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, isMissingEndpoint } from '../../app/api.ts';
import { useAuth } from '../../app/auth.tsx';
import { ProblemAlert } from '../../app/ProblemAlert.tsx';
import { BeijingTime, OrderTypeText, StateTag } from '../common.tsx';
import { NextStep } from '../order/next-step.tsx';
import { OrderTimeline } from '../order/OrderTimeline.tsx';
import { inFlight, useOrders } from '../queries.ts';
import { AuthCodesPanel, ServersPanel } from '../resources/ResourcesPanels.tsx';
import type { OrderView } from '../types.ts';

/**
 * The account's filing record as the registry holds it: subject, websites, domains with their filing numbers and
 * the gateway's access decision (R-ACS-006, R-ACS-016). The registry query for customers is not part of the API
 * yet; until it is, the page says so and lists the websites of the account's orders instead.
 */
interface MyFilings {
  subject: { name: string; type: string; filingNumber: string | null; province: string; status: string } | null;
  websites: {
    name: string;
    filingNumber: string | null;
    status: string;
    accessedHere: boolean;
    domains: { domain: string; access: { decision: 'allow' | 'temp_allow' | 'block'; reason: string } | null }[];
  }[];
}

function useMyFilings() {
  return useQuery({
    queryKey: ['filings', 'mine'],
    queryFn: async () => {
      try {
        return { missing: false as const, data: await api<MyFilings>('GET', '/api/v1/filings/mine') };
      } catch (err) {
        if (isMissingEndpoint(err)) return { missing: true as const, data: null };
        throw err;
      }
    },
  });
}

const ACCESS_COLOR = { allow: 'success', temp_allow: 'processing', block: 'error' } as const;

function FilingsCard({ orders }: { orders: OrderView[] }) {
  const { t } = useTranslation();
  const filings = useMyFilings();
  if (filings.isPending) return <Skeleton active />;
  if (filings.isError) return <ProblemAlert error={filings.error} />;
  if (!filings.data.missing && filings.data.data) {
    const f = filings.data.data;
    return (
      <div className="stack">
        {f.subject ? (
          <dl className="kv">
            <dt>{t('customer.dashboard.subject')}</dt>
            <dd>{f.subject.name}</dd>
            <dt>{t('customer.dashboard.subjectNumber')}</dt>
            <dd>{f.subject.filingNumber ?? t('customer.dashboard.noNumberYet')}</dd>
          </dl>
        ) : (
          <Empty description={t('customer.dashboard.noSubject')} />
        )}
        <List
          dataSource={f.websites}
          rowKey={(w) => w.filingNumber ?? w.name}
          renderItem={(w) => (
            <List.Item>
              <List.Item.Meta
                title={`${w.name} · ${w.filingNumber ?? t('customer.dashboard.noNumberYet')}`}
                description={
                  <Space wrap>
                    {w.domains.map((d) => (
                      <Tag key={d.domain} color={d.access ? ACCESS_COLOR[d.access.decision] : 'default'}>
                        {d.domain} · {d.access ? t(`customer.dashboard.access.${d.access.decision}`) : '—'}
                      </Tag>
                    ))}
                  </Space>
                }
              />
            </List.Item>
          )}
        />
      </div>
    );
  }
  // No registry query yet: be plain about it, and show what the orders say.
  const websites = orders.flatMap((o) =>
    o.summary.websites.map((w, i) => ({ key: `${o.id}-${i}`, order: o, name: w.name, domains: w.domains })),
  );
  return (
    <div className="stack">
      <Alert type="info" showIcon title={t('customer.dashboard.registryMissing')} />
      {websites.length === 0 ? (
        <Empty description={t('customer.dashboard.noWebsites')} />
      ) : (
        <List
          dataSource={websites}
          rowKey="key"
          renderItem={(w) => (
            <List.Item>
              <List.Item.Meta
                title={
                  <Space wrap>
                    <span>{w.name ?? t('customer.dashboard.unnamedWebsite')}</span>
                    <StateTag state={w.order.state} type={w.order.type} />
                  </Space>
                }
                description={
                  <Space wrap size={[4, 4]}>
                    {w.domains.map((d) => (
                      <Tag key={d}>{d}</Tag>
                    ))}
                    <span className="small muted">
                      {t('customer.dashboard.filingNumber')}: {t('customer.dashboard.noNumberYet')} ·{' '}
                      {w.order.summary.subjectName ?? ''}
                    </span>
                  </Space>
                }
              />
            </List.Item>
          )}
        />
      )}
    </div>
  );
}

function OrdersCard({ orders }: { orders: OrderView[] }) {
  const { t } = useTranslation();
  if (orders.length === 0) return <Empty description={t('customer.dashboard.noOrders')} />;
  return (
    <Table<OrderView>
      size="small"
      rowKey="id"
      dataSource={orders}
      pagination={orders.length > 10 ? { pageSize: 10 } : false}
      scroll={{ x: 'max-content' }}
      columns={[
        {
          title: t('customer.dashboard.orderNo'),
          dataIndex: 'orderNo',
          render: (_, o) => <Link to={`/console/orders/${o.id}`}>{o.orderNo}</Link>,
        },
        {
          title: t('customer.dashboard.orderType'),
          render: (_, o) => <OrderTypeText type={o.type} variant={o.variant} />,
        },
        { title: t('customer.dashboard.state'), render: (_, o) => <StateTag state={o.state} type={o.type} /> },
        {
          title: t('customer.dashboard.domains'),
          render: (_, o) => o.summary.websites.flatMap((w) => w.domains).join(', '),
        },
        { title: t('customer.dashboard.created'), render: (_, o) => <BeijingTime ms={o.createdAt} /> },
      ]}
    />
  );
}

export function Dashboard() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const orders = useOrders();
  const current = inFlight(orders.data);

  return (
    <div className="stack">
      <div className="page-header">
        <div>
          <Typography.Title level={1} className="page-title">
            {t('customer.dashboard.title')}
          </Typography.Title>
          <Typography.Text type="secondary">
            {t('customer.dashboard.hello', { name: user?.displayName || user?.email })}
          </Typography.Text>
        </div>
        {!current && (
          <Link to="/console/new">
            <Button type="primary" icon={<PlusOutlined />}>
              {t('customer.dashboard.startFiling')}
            </Button>
          </Link>
        )}
      </div>

      {orders.isError && <ProblemAlert error={orders.error} />}
      {orders.isPending && <Skeleton active />}

      {current && (
        <Card
          title={
            <Space wrap>
              <h2 className="section-title">{t('customer.dashboard.currentOrder')}</h2>
              <StateTag state={current.state} type={current.type} />
            </Space>
          }
          extra={<Link to={`/console/orders/${current.id}`}>{t('customer.dashboard.details')}</Link>}
        >
          <div className="stack">
            <dl className="kv">
              <dt>{t('customer.dashboard.orderNo')}</dt>
              <dd>{current.orderNo}</dd>
              <dt>{t('customer.dashboard.orderType')}</dt>
              <dd>
                <OrderTypeText type={current.type} variant={current.variant} />
              </dd>
              <dt>{t('customer.dashboard.domains')}</dt>
              <dd>{current.summary.websites.flatMap((w) => w.domains).join(', ')}</dd>
            </dl>
            <NextStep order={current} />
            <OrderTimeline order={current} compact />
            <Typography.Paragraph type="secondary" className="small">
              {t('customer.dashboard.oneInFlight')}
            </Typography.Paragraph>
          </div>
        </Card>
      )}

      <Card title={<h2 className="section-title">{t('customer.dashboard.filings')}</h2>}>
        <FilingsCard orders={(orders.data ?? []).filter((o) => o.state === 'APPROVED' || o === current)} />
      </Card>

      <Card title={<h2 className="section-title">{t('customer.dashboard.orders')}</h2>}>
        <OrdersCard orders={orders.data ?? []} />
      </Card>

      <Card
        title={<h2 className="section-title">{t('customer.resources.serversTitle')}</h2>}
        extra={<Link to="/console/resources">{t('customer.dashboard.manage')}</Link>}
      >
        <ServersPanel />
      </Card>
      <Card title={<h2 className="section-title">{t('customer.resources.codesTitle')}</h2>}>
        <AuthCodesPanel />
      </Card>
    </div>
  );
}
