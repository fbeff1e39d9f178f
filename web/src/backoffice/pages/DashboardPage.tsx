import { ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Col, DatePicker, Empty, Row, Statistic, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { type OrderState, stateLabel } from '../../../../src/modules/filings/domain/states.ts';
import { ProblemAlert } from '../../app/ProblemAlert.tsx';
import { type Dashboard, qk, useGet } from '../api.ts';
import { BarChart, LineChart } from '../components/charts.tsx';
import { PageTitle } from '../components/common.tsx';
import { type BoKey, useBo } from '../i18n.tsx';

/**
 * The dashboard (R-ORD-017, R-ORD-021, R-ORD-024 "tracked and reported"): where orders are, how long each step
 * takes, why orders are rejected (by reason and rule), and how the review SLAs hold week by week.
 */
export function DashboardPage() {
  const { t, pick } = useBo();
  const [range, setRange] = useState<[Dayjs, Dayjs] | null>(null);
  const qs = range ? `?from=${range[0].format('YYYY-MM-DD')}&to=${range[1].format('YYYY-MM-DD')}` : '';
  const q = useGet<Dashboard>(qk.dashboard(qs), `/api/v1/review/dashboard${qs}`);
  const d = q.data;

  const stateData = d
    ? Object.entries(d.ordersByState)
        .sort((a, b) => b[1] - a[1])
        .map(([s, n]) => ({ label: pick(stateLabel(s as OrderState, 'FIRST')), value: n }))
    : [];
  const provinceData = d
    ? Object.entries(d.ordersByProvince)
        .sort((a, b) => b[1] - a[1])
        .slice(0, 16)
        .map(([p, n]) => ({ label: p, value: n }))
    : [];
  const stepData = d
    ? d.timeInStep.map((s) => ({ label: pick(stateLabel(s.state as OrderState, 'FIRST')), value: s.medianHours ?? 0 }))
    : [];
  const weeks = d ? [...new Set([...d.slaBreaches.initial, ...d.slaBreaches.reReview].map((p) => p.week))].sort() : [];
  const seriesOf = (points: { week: string; total: number; breached: number }[], k: 'total' | 'breached') =>
    weeks.map((w) => points.find((p) => p.week === w)?.[k] ?? 0);

  return (
    <div className="bo-page" data-testid="dashboard">
      <PageTitle
        title={t('dash.title')}
        extra={
          <>
            <DatePicker.RangePicker
              aria-label={t('dash.range')}
              value={range}
              onChange={(v) => setRange(v?.[0] && v[1] ? [v[0], v[1]] : null)}
            />
            <Button icon={<ReloadOutlined />} onClick={() => void q.refetch()} loading={q.isFetching}>
              {t('common.refresh')}
            </Button>
          </>
        }
      />
      <ProblemAlert error={q.error} />
      {d && (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={12}>
            <Card size="small" title={t('dash.byState')}>
              {stateData.length ? (
                <BarChart title={t('dash.byState')} data={stateData} />
              ) : (
                <Empty description={t('dash.noData')} />
              )}
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card size="small" title={t('dash.byProvince')}>
              {provinceData.length ? (
                <BarChart title={t('dash.byProvince')} data={provinceData} color="#2f9e77" />
              ) : (
                <Empty description={t('dash.noData')} />
              )}
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card size="small" title={t('dash.timeInStep')}>
              <BarChart title={t('dash.timeInStep')} data={stepData} color="#7b61ff" unit="h" />
              <Table
                size="small"
                rowKey="state"
                pagination={false}
                dataSource={d.timeInStep}
                columns={[
                  {
                    title: t('queue.col.state'),
                    dataIndex: 'state',
                    render: (s: string) => pick(stateLabel(s as OrderState, 'FIRST')),
                  },
                  { title: t('dash.samples'), dataIndex: 'count' },
                  {
                    title: t('dash.median'),
                    dataIndex: 'medianHours',
                    render: (v: number | null) => (v === null ? '—' : t('dash.hours', { n: v })),
                  },
                  {
                    title: t('dash.p90'),
                    dataIndex: 'p90Hours',
                    render: (v: number | null) => (v === null ? '—' : t('dash.hours', { n: v })),
                  },
                  { title: t('dash.medianWd'), dataIndex: 'medianWorkingDays', render: (v: number | null) => v ?? '—' },
                ]}
              />
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card size="small" title={t('dash.sla')}>
              {weeks.length ? (
                <LineChart
                  title={t('dash.sla')}
                  labels={weeks}
                  series={[
                    {
                      name: `${t('dash.sla.initial')}·${t('dash.sla.total')}`,
                      color: '#1456c8',
                      values: seriesOf(d.slaBreaches.initial, 'total'),
                    },
                    {
                      name: `${t('dash.sla.initial')}·${t('dash.sla.breached')}`,
                      color: '#d4380d',
                      values: seriesOf(d.slaBreaches.initial, 'breached'),
                    },
                    {
                      name: `${t('dash.sla.reReview')}·${t('dash.sla.breached')}`,
                      color: '#faad14',
                      values: seriesOf(d.slaBreaches.reReview, 'breached'),
                    },
                  ]}
                />
              ) : (
                <Empty description={t('dash.noData')} />
              )}
              <Row gutter={16} style={{ marginTop: 8 }}>
                <Col span={12}>
                  <Statistic
                    title={t('dash.timeToApproval')}
                    value={d.timeToApproval.medianWorkingDays ?? '—'}
                    suffix="WD"
                  />
                </Col>
                <Col span={12}>
                  <Statistic title={t('dash.samples')} value={d.timeToApproval.count} />
                </Col>
              </Row>
            </Card>
          </Col>
          <Col xs={24}>
            <Card size="small" title={t('dash.rejections')}>
              {d.rejectionsByCode.length ? (
                <>
                  <BarChart
                    title={t('dash.rejections')}
                    data={d.rejectionsByCode
                      .slice(0, 12)
                      .map((r) => ({ label: r.label ? pick(r.label) : r.code, value: r.total }))}
                    color="#d4380d"
                  />
                  <Table
                    size="small"
                    rowKey="code"
                    pagination={false}
                    dataSource={d.rejectionsByCode}
                    columns={[
                      {
                        title: t('dash.code'),
                        dataIndex: 'code',
                        render: (c: string, r) => (
                          <span>
                            {r.label ? pick(r.label) : c} <code className="small">{c}</code>
                          </span>
                        ),
                      },
                      {
                        title: t('dash.rules'),
                        dataIndex: 'rules',
                        render: (rs: string[]) => rs.map((x) => <Tag key={x}>{x}</Tag>),
                      },
                      { title: t('dash.stage.initial' as BoKey), dataIndex: 'initial' },
                      { title: t('dash.stage.re-review' as BoKey), dataIndex: 're-review' },
                      { title: t('dash.stage.bureau' as BoKey), dataIndex: 'bureau' },
                      { title: t('dash.count'), dataIndex: 'total' },
                    ]}
                  />
                </>
              ) : (
                <Empty description={t('dash.noData')} />
              )}
            </Card>
          </Col>
        </Row>
      )}
    </div>
  );
}
