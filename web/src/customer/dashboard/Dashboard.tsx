import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, List, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAuth } from '../../app/auth.tsx';
import { ProblemAlert } from '../../app/ProblemAlert.tsx';
import { BeijingTime, OrderTypeText, StateTag } from '../common.tsx';
import { NextStep } from '../order/next-step.tsx';
import { OrderTimeline } from '../order/OrderTimeline.tsx';
import { inFlight, useMyFilings, useOrders } from '../queries.ts';
import { AuthCodesPanel, ServersPanel } from '../resources/ResourcesPanels.tsx';
import type { OrderView } from '../types.ts';
import { DomainAccessList, type FiledWebsite } from './DomainAccess.tsx';

function FilingsCard({ pending }: { pending: OrderView | undefined }) {
  const { t } = useTranslation();
  const filings = useMyFilings();
  if (filings.isPending) return <Skeleton active />;
  if (filings.isError) return <ProblemAlert error={filings.error} />;
  const f = filings.data.data;
  return (
    <div className="stack">
      {filings.data.missing && <Alert type="info" showIcon title={t('customer.dashboard.registryMissing')} />}
      {f ? (
        <>
          <dl className="kv">
            <dt>{t('customer.dashboard.subject')}</dt>
            <dd>
              {f.subject.name} <span className="muted small">{f.subject.certificateNumber}</span>
            </dd>
            <dt>{t('customer.dashboard.subjectNumber')}</dt>
            <dd>{f.subject.filingNumber ?? t('customer.dashboard.noNumberYet')}</dd>
            <dt>{t('customer.dashboard.province')}</dt>
            <dd>{f.subject.province}</dd>
          </dl>
          <List<FiledWebsite>
            dataSource={f.websites}
            rowKey="id"
            renderItem={(w) => (
              <List.Item className="filed-website">
                <List.Item.Meta
                  title={
                    <Space wrap size={[8, 4]}>
                      <span>{w.name}</span>
                      <Tag color={w.accessedHere ? 'success' : 'warning'}>
                        {w.accessedHere
                          ? t('customer.dashboard.accessedHere')
                          : t('customer.dashboard.notAccessedHere')}
                      </Tag>
                    </Space>
                  }
                  description={
                    <div className="stack-tight">
                      <div>
                        <span className="muted">{t('customer.dashboard.websiteNumber')}：</span>
                        <span className="filing-number">{w.filingNumber ?? t('customer.dashboard.noNumberYet')}</span>
                      </div>
                      <DomainAccessList website={w} />
                      {w.accessIp && <span className="small muted">IP {w.accessIp}</span>}
                    </div>
                  }
                />
              </List.Item>
            )}
          />
          {f.websites.some((w: FiledWebsite) => w.access) && (
            <Typography.Text type="secondary" className="small">
              {t('customer.dashboard.accessNote')}
            </Typography.Text>
          )}
        </>
      ) : (
        <Empty description={pending ? t('customer.dashboard.notFiledYet') : t('customer.dashboard.noSubject')} />
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
            <Button type="primary" icon={<PlusOutlined aria-hidden />}>
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
        <FilingsCard pending={current} />
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
