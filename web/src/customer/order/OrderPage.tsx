import { Alert, Card, Descriptions, Grid, List, Skeleton, Space, Tag, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { MODIFICATION_PATH_TEXT, modificationPath } from '../../../../src/modules/filings/domain/limits.ts';
import { isCancellation } from '../../../../src/modules/filings/domain/order-types.ts';
import { curtainEntryVisible } from '../../../../src/modules/materials/curtain.ts';
import { useLang } from '../../app/i18n.ts';
import { ProblemAlert } from '../../app/ProblemAlert.tsx';
import { AccessPasswordNotice } from '../access/AccessPasswordNotice.tsx';
import { BeijingTime, OrderTypeText, StateTag } from '../common.tsx';
import { useOrder, useOrderEvents } from '../queries.ts';
import type { OrderDetail } from '../types.ts';
import { FilingResult } from './FilingResult.tsx';
import { NextStep } from './next-step.tsx';
import { RevokeOrAbandon } from './OrderActions.tsx';
import { OrderTimeline } from './OrderTimeline.tsx';
import { PhotoSection } from './PhotoSection.tsx';
import { RejectionCard } from './RejectionCard.tsx';

function History({ order }: { order: OrderDetail }) {
  const { t } = useTranslation();
  const events = useOrderEvents(order.id);
  if (!events.data) return null;
  // saving the draft or adding a file is recorded too; the customer's history shows the steps the order went through
  const steps = events.data.filter((e) => e.from !== e.to);
  return (
    <List
      size="small"
      dataSource={steps}
      rowKey="seq"
      aria-label={t('customer.order.history')}
      renderItem={(e) => (
        <List.Item>
          <Space wrap size={[8, 4]}>
            <span className="small muted">
              <BeijingTime ms={e.at} />
            </span>
            <span className="small">{t(`customer.order.actor.${e.actorRole}`, { defaultValue: e.actorRole })}</span>
            {e.from && <StateTag state={e.from} type={order.type} />}
            {e.from && <span aria-hidden>→</span>}
            <StateTag state={e.to} type={order.type} />
          </Space>
        </List.Item>
      )}
    />
  );
}

/** One order: where it stands, what to do next, its timeline, rejection reasons and the photo step. */
export function OrderPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const { pick } = useLang();
  const { hash } = useLocation();
  const order = useOrder(id);
  const screens = Grid.useBreakpoint();
  useEffect(() => {
    if (hash && order.data) document.getElementById(hash.slice(1))?.scrollIntoView();
  }, [hash, order.data]);
  if (order.isPending) return <Skeleton active />;
  if (order.isError) return <ProblemAlert error={order.error} />;
  const o = order.data;
  const path = modificationPath(o.state, !!o.flags.editUnlocked);
  const rejected = ['INITIAL_REJECTED', 'RE_REVIEW_REJECTED', 'BUREAU_REJECTED'].includes(o.state);

  return (
    <div className="stack">
      <div className="page-header">
        <div>
          <Typography.Title level={1} className="page-title">
            {t('customer.order.title', { no: o.orderNo })}
          </Typography.Title>
          <Space wrap>
            <OrderTypeText type={o.type} variant={o.variant} />
            <StateTag state={o.state} type={o.type} />
            {o.flags.serverExpired && <Tag color="error">{t('customer.order.serverExpired')}</Tag>}
          </Space>
        </div>
        <Link to="/console">{t('customer.order.back')}</Link>
      </div>

      {o.flags.serverExpired && <Alert type="error" showIcon title={t('customer.order.serverExpiredBody')} />}

      <AccessPasswordNotice order={o} />

      {!rejected && (
        <Card title={<h2 className="section-title">{t('customer.order.now')}</h2>}>
          <div className="stack">
            <NextStep order={o} />
            {/* what can still change; in a draft everything can, and at the bureau the next step already says it */}
            {o.state !== 'DRAFT' && o.state !== 'PENDING_BUREAU' && (
              <Typography.Text type="secondary">{pick(MODIFICATION_PATH_TEXT[path])}</Typography.Text>
            )}
            {o.type === 'ACCESS' && o.flags.initialReviewPassed && (
              <Alert type="success" showIcon title={t('customer.order.temporaryAccess')} />
            )}
            <RevokeOrAbandon order={o} />
          </div>
        </Card>
      )}

      {o.state === 'APPROVED' && !isCancellation(o.type) && <FilingResult order={o} />}

      <RejectionCard order={o} />

      {curtainEntryVisible(o.state) && <PhotoSection order={o} />}

      <Card title={<h2 className="section-title">{t('customer.order.timeline')}</h2>}>
        <OrderTimeline order={o} />
      </Card>

      <Card title={<h2 className="section-title">{t('customer.order.summary')}</h2>}>
        <Descriptions
          size="small"
          layout={screens.md ? 'horizontal' : 'vertical'}
          column={{ xs: 1, sm: 1, md: 2 }}
          items={[
            { key: 'subject', label: t('customer.order.subject'), children: o.summary.subjectName ?? '—' },
            { key: 'cert', label: t('customer.order.cert'), children: o.summary.certMasked ?? '—' },
            { key: 'province', label: t('customer.order.province'), children: o.province ?? '—' },
            { key: 'ip', label: t('customer.order.accessIp'), children: o.accessIp ?? '—' },
            { key: 'created', label: t('customer.order.created'), children: <BeijingTime ms={o.createdAt} /> },
            { key: 'submitted', label: t('customer.order.submitted'), children: <BeijingTime ms={o.submittedAt} /> },
            {
              key: 'websites',
              label: t('customer.order.websites'),
              span: 'filled',
              children: (
                <ul className="problem-list">
                  {o.summary.websites.map((w, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: websites have no id before filing
                    <li key={i}>
                      {w.name ?? t('customer.dashboard.unnamedWebsite')} — {w.domains.join(', ')}
                    </li>
                  ))}
                </ul>
              ),
            },
          ]}
        />
      </Card>

      <Card title={<h2 className="section-title">{t('customer.order.history')}</h2>}>
        <History order={o} />
      </Card>
    </div>
  );
}
