import { ArrowLeftOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Row, Space, Tabs, Tag } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import type { OrderState } from '../../../../src/modules/filings/domain/states.ts';
import type { OrderType } from '../../../../src/modules/rules/draft.ts';
import { PageLoading } from '../../app/PageLoading.tsx';
import { ProblemAlert } from '../../app/ProblemAlert.tsx';
import { type ChecklistItem, qk, type ReviewPageData, useGet } from '../api.ts';
import { BeijingTime, OrderTypeLabel, SlaTag, StateTag } from '../components/common.tsx';
import { ImageViewer } from '../components/ImageViewer.tsx';
import { OrderDataView } from '../components/OrderDataView.tsx';
import { type BoKey, useBo } from '../i18n.tsx';
import { CallsPanel } from '../review/Calls.tsx';
import { ChecklistPanel } from '../review/Checklist.tsx';
import { DecisionPanel, type ReasonDraft } from '../review/Decision.tsx';
import { DiffPanel, HistoryPanel } from '../review/History.tsx';

/**
 * One order on one screen (R-ORD-017): the data beside the documents, and beside them the work — checklist with
 * R- ids, confirmation calls, the decision, what changed since the last rejection, and the history.
 */
export function ReviewPage() {
  const { id = '' } = useParams();
  const { t } = useBo();
  const navigate = useNavigate();
  const page = useGet<ReviewPageData>(qk.page(id), `/api/v1/review/orders/${id}`);
  const [tab, setTab] = useState<string>('checklist');
  const [pending, setPending] = useState<ReasonDraft | null>(null);
  const clearPending = useCallback(() => setPending(null), []);
  const lastRejection = page.data?.rejections.at(-1);
  const changed = useMemo(() => new Set(page.data?.diff?.changes.map((c) => c.path) ?? []), [page.data]);

  if (page.isPending) return <PageLoading />;
  if (page.error || !page.data) return <ProblemAlert error={page.error} />;
  const p = page.data;
  const o = p.order;
  const back = p.stage === 're-review' ? '/review/queues/re-review' : '/review/queues/initial';
  // what this user may do is what the lifecycle offers them (an admin reads, a reviewer decides)
  const events = o.allowedEvents as string[];
  const canReject = events.includes('INITIAL_REJECT') || events.includes('RE_REVIEW_REJECT');
  const rejectWith = (item: ChecklistItem) => {
    setPending({ code: item.reasonCode, field: item.field });
    setTab('decision');
  };

  return (
    <div className="bo-page bo-review" data-testid="review-page">
      <div className="bo-review-head">
        <Space wrap align="center">
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(back)}>
            {t('review.back')}
          </Button>
          <h1 className="bo-order-no">{o.orderNo}</h1>
          <StateTag state={o.state as OrderState} type={o.type as OrderType} />
          <Tag>{p.stage ? t(`review.stage.${p.stage}` as BoKey) : t('review.stage.none')}</Tag>
          {p.sla && <SlaTag sla={p.sla} />}
        </Space>
        <Button icon={<ReloadOutlined />} onClick={() => void page.refetch()} loading={page.isFetching}>
          {t('common.refresh')}
        </Button>
      </div>
      <Descriptions
        size="small"
        className="bo-order-facts"
        column={{ xs: 1, sm: 2, lg: 4 }}
        items={[
          { key: 'type', label: t('queue.col.type'), children: <OrderTypeLabel type={o.type} /> },
          { key: 'province', label: t('queue.col.province'), children: o.province },
          { key: 'subject', label: t('queue.col.subject'), children: o.summary.subjectName },
          { key: 'entered', label: t('queue.col.entered'), children: <BeijingTime ms={o.stateEnteredAt} /> },
        ]}
      />
      {o.flags.serverExpired && <Alert type="error" showIcon title="R-ACC-013 SERVER_EXPIRED" />}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={8}>
          <Card size="small" title={t('review.data')} className="bo-col-card">
            <OrderDataView draft={o.draft} flagged={lastRejection?.reasons ?? []} changed={changed} />
          </Card>
        </Col>
        <Col xs={24} xl={7}>
          <Card size="small" title={t('review.materials')} className="bo-col-card bo-sticky">
            <ImageViewer materials={p.materials} />
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          <Card size="small" className="bo-col-card">
            <Tabs
              size="small"
              tabBarGutter={14}
              activeKey={tab}
              onChange={setTab}
              items={[
                {
                  key: 'checklist',
                  label: (
                    <Space size={4}>
                      {t('review.tab.checklist')}
                      {p.checklist.blocking.length > 0 && <Tag color="error">{p.checklist.blocking.length}</Tag>}
                    </Space>
                  ),
                  children: <ChecklistPanel checklist={p.checklist} onRejectWith={rejectWith} canReject={canReject} />,
                },
                ...(p.stage === 'initial' || p.calls.attempts.length
                  ? [
                      {
                        key: 'calls',
                        label: (
                          <Space size={4}>
                            {t('review.tab.calls')}
                            <Tag color={p.calls.status.confirmed ? 'success' : 'default'}>
                              {p.calls.attempts.length}
                            </Tag>
                          </Space>
                        ),
                        children: <CallsPanel page={p} canCall={canReject && p.stage === 'initial'} />,
                      },
                    ]
                  : []),
                {
                  key: 'decision',
                  label: t('review.tab.decision'),
                  children: (
                    <DecisionPanel page={p} pending={pending} onPendingUsed={clearPending} canDecide={canReject} />
                  ),
                },
                {
                  key: 'diff',
                  label: (
                    <Space size={4}>
                      {t('review.tab.diff')}
                      {p.diff && <Tag color="blue">{p.diff.changes.length}</Tag>}
                    </Space>
                  ),
                  children: <DiffPanel page={p} />,
                },
                { key: 'history', label: t('review.tab.history'), children: <HistoryPanel page={p} /> },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
