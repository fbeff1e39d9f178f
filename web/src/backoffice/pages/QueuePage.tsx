import { ReloadOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  InputNumber,
  Select,
  Space,
  Switch,
  Table,
  type TableColumnsType,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import type { OrderState } from '../../../../src/modules/filings/domain/states.ts';
import { ORDER_TYPE_LABELS } from '../../../../src/modules/rules/data/order-types.ts';
import { ORDER_TYPES, type OrderType } from '../../../../src/modules/rules/draft.ts';
import { ProblemAlert } from '../../app/ProblemAlert.tsx';
import { type QueueName, type QueueRow, qk, useGet } from '../api.ts';
import { BeijingTime, OrderTypeLabel, PageTitle, ProvinceSelect, SlaTag, StateTag } from '../components/common.tsx';
import { type BoKey, useBo } from '../i18n.tsx';

const QUEUES: QueueName[] = ['initial', 're-review', 'bureau', 'expiring'];

/**
 * The reviewer's work queues (R-ORD-017, R-ORD-021, R-ORD-022, R-ORD-026): one tab per queue, filters by province,
 * order type and age in the URL (so a filtered queue can be shared), oldest first, each row with its SLA clock.
 */
export function QueuePage() {
  const { t, pick } = useBo();
  const navigate = useNavigate();
  const params = useParams();
  const queue: QueueName = QUEUES.includes(params.queue as QueueName) ? (params.queue as QueueName) : 'initial';
  const [search, setSearch] = useSearchParams();
  const query = new URLSearchParams();
  for (const k of ['province', 'type', 'minAgeDays', 'breachedOnly']) {
    const v = search.get(k);
    if (v) query.set(k, v);
  }
  const qs = query.toString();
  const rows = useGet<QueueRow[]>(qk.queue(queue, qs), `/api/v1/review/queues/${queue}${qs ? `?${qs}` : ''}`, {
    refetchInterval: 60_000,
  });
  const set = (k: string, v: string | undefined) => {
    const next = new URLSearchParams(search);
    if (v) next.set(k, v);
    else next.delete(k);
    setSearch(next, { replace: true });
  };

  const columns: TableColumnsType<QueueRow> = [
    {
      title: t('queue.col.orderNo'),
      dataIndex: 'orderNo',
      render: (v: string, r) => (
        <Space orientation="vertical" size={0}>
          <Typography.Link onClick={() => navigate(`/review/orders/${r.id}`)}>{v}</Typography.Link>
          {r.resubmission && <Tag color="orange">{t('queue.resubmission')}</Tag>}
        </Space>
      ),
    },
    { title: t('queue.col.type'), dataIndex: 'type', render: (v: string) => <OrderTypeLabel type={v} /> },
    { title: t('queue.col.province'), dataIndex: 'province' },
    { title: t('queue.col.subject'), dataIndex: 'subjectName' },
    {
      title: t('queue.col.domains'),
      dataIndex: 'domains',
      render: (d: string[]) => (
        <span className="bo-domains">
          {d.slice(0, 3).join('、')}
          {d.length > 3 ? ` +${d.length - 3}` : ''}
        </span>
      ),
    },
    { title: t('queue.col.entered'), dataIndex: 'enteredAt', render: (ms: number) => <BeijingTime ms={ms} /> },
  ];
  if (queue === 'initial' || queue === 're-review')
    columns.push({
      title: t('queue.col.sla'),
      key: 'sla',
      render: (_, r) => ('sla' in r && r.sla ? <SlaTag sla={r.sla} /> : null),
    });
  if (queue === 'initial')
    columns.push({
      title: t('queue.col.calls'),
      key: 'calls',
      render: (_, r) =>
        'calls' in r && r.calls ? (
          r.calls.reached ? (
            <Tag color="success">{t('calls.reached')}</Tag>
          ) : (
            <span>{t('calls.summary', { attempts: r.calls.attempts, failed: r.calls.failed })}</span>
          )
        ) : null,
    });
  if (queue === 'bureau')
    columns.push(
      {
        title: t('queue.col.state'),
        key: 'state',
        render: (_, r) => <StateTag state={r.state as OrderState} type={r.type as OrderType} />,
      },
      {
        title: t('queue.col.bureau'),
        key: 'bureau',
        render: (_, r) =>
          'bureau' in r ? (
            <Space orientation="vertical" size={0}>
              {r.bureau.expectedDecisionOn && (
                <span>{t('bureau.expected', { date: r.bureau.expectedDecisionOn })}</span>
              )}
              {r.bureau.overdue && <Tag color="error">{t('bureau.overdue')}</Tag>}
              {r.bureau.submission ? (
                <Tag color={r.bureau.problem ? 'error' : 'default'}>
                  {r.bureau.submission.state} ×{r.bureau.submission.attempts}
                </Tag>
              ) : (
                <span className="muted">{t('bureau.noSubmission')}</span>
              )}
              {r.bureau.problem && <Tag color="red">{t('bureau.problem')}</Tag>}
            </Space>
          ) : null,
      },
    );
  if (queue === 'expiring')
    columns.push(
      {
        title: t('queue.col.state'),
        key: 'state',
        render: (_, r) => <StateTag state={r.state as OrderState} type={r.type as OrderType} />,
      },
      {
        title: t('queue.col.expiry'),
        key: 'expiry',
        render: (_, r) =>
          'expiry' in r ? (
            <Tag color={r.expiry.daysLeft <= 2 ? 'error' : 'warning'}>
              {`${r.expiry.dueOn} · ${t('expiry.daysLeft', { n: r.expiry.daysLeft })}`}
            </Tag>
          ) : null,
      },
    );
  columns.push({
    title: t('common.actions'),
    key: 'go',
    render: (_, r) => (
      <Button
        type={queue === 'initial' || queue === 're-review' ? 'primary' : 'default'}
        size="small"
        onClick={() => navigate(`/review/orders/${r.id}`)}
      >
        {queue === 'initial' || queue === 're-review' ? t('queue.review') : t('queue.view')}
      </Button>
    ),
  });

  return (
    <div className="bo-page">
      <PageTitle
        title={t(`queue.title.${queue}` as BoKey)}
        hint={t(`queue.hint.${queue}` as BoKey)}
        extra={
          <Button icon={<ReloadOutlined />} onClick={() => void rows.refetch()} loading={rows.isFetching}>
            {t('common.refresh')}
          </Button>
        }
      />
      <Tabs
        activeKey={queue}
        onChange={(k) => navigate({ pathname: `/review/queues/${k}`, search: search.toString() })}
        items={QUEUES.map((q) => ({ key: q, label: t(`queue.title.${q}` as BoKey) }))}
      />
      <Card size="small" className="bo-filters">
        <Space wrap size="middle">
          <span className="bo-filter">
            <span>{t('queue.filter.province')}</span>
            <ProvinceSelect
              allowClear
              style={{ width: 140 }}
              placeholder={t('common.all')}
              value={search.get('province') ?? undefined}
              onChange={(v) => set('province', v)}
              aria-label={t('queue.filter.province')}
            />
          </span>
          <span className="bo-filter">
            <span>{t('queue.filter.type')}</span>
            <Select
              allowClear
              style={{ width: 150 }}
              placeholder={t('common.all')}
              value={search.get('type') ?? undefined}
              onChange={(v) => set('type', v)}
              options={ORDER_TYPES.map((o) => ({ value: o, label: pick(ORDER_TYPE_LABELS[o]) }))}
              aria-label={t('queue.filter.type')}
            />
          </span>
          <span className="bo-filter">
            <span>{t('queue.filter.minAge')}</span>
            <InputNumber
              min={0}
              max={999}
              style={{ width: 90 }}
              value={search.get('minAgeDays') ? Number(search.get('minAgeDays')) : null}
              onChange={(v) => set('minAgeDays', v === null ? undefined : String(v))}
              aria-label={t('queue.filter.minAge')}
            />
          </span>
          {(queue === 'initial' || queue === 're-review' || queue === 'bureau') && (
            <span className="bo-filter">
              <span>{t('queue.filter.breached')}</span>
              <Switch
                checked={search.get('breachedOnly') === 'true'}
                onChange={(v) => set('breachedOnly', v ? 'true' : undefined)}
                aria-label={t('queue.filter.breached')}
              />
            </span>
          )}
          <Typography.Text type="secondary">{t('queue.count', { n: rows.data?.length ?? 0 })}</Typography.Text>
        </Space>
      </Card>
      <ProblemAlert error={rows.error} />
      <Table<QueueRow>
        rowKey="id"
        size="middle"
        loading={rows.isPending}
        dataSource={rows.data ?? []}
        columns={columns}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        rowClassName={(r) => ('sla' in r && r.sla?.breached ? 'bo-row-breached' : '')}
        data-testid="queue-table"
      />
    </div>
  );
}
