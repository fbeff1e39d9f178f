import { Alert, Card, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { STATE_INFO } from '../../../../src/modules/filings/domain/states.ts';
import { REJECTION_REASONS } from '../../../../src/modules/rules/data/rejection-reasons.ts';
import { useLang } from '../../app/i18n.ts';
import { BeijingTime } from '../common.tsx';
import { stepOf } from '../logic/field-paths.ts';
import { rejectionDeadline } from '../logic/timeline.ts';
import type { OrderDetail } from '../types.ts';
import { RevokeOrAbandon } from './OrderActions.tsx';

const REJECTED_STATES = ['INITIAL_REJECTED', 'RE_REVIEW_REJECTED', 'BUREAU_REJECTED'] as const;

/**
 * A rejection as the customer needs it (R-REJ-001..008): each reason with its label, the reviewer's message, the fix,
 * the FAQ's remedy and the place to change it; the 45-day deadline; and the two ways out, explained.
 */
export function RejectionCard({ order }: { order: OrderDetail }) {
  const { t } = useTranslation();
  const { pick } = useLang();
  if (!order.rejection || !(REJECTED_STATES as readonly string[]).includes(order.state)) return null;
  const r = order.rejection;
  const photosOnly = order.state === 'RE_REVIEW_REJECTED';
  return (
    <Card
      className="rejection-card"
      title={
        <Space wrap>
          <h2 className="section-title">
            {t('customer.rejection.title', { step: pick(STATE_INFO[order.state].label) })}
          </h2>
          <Tag color="error">{t('customer.rejection.count', { count: r.reasons.length })}</Tag>
        </Space>
      }
    >
      <div className="stack">
        <Typography.Text type="secondary">
          {t('customer.rejection.at')} <BeijingTime ms={r.at ?? order.stateEnteredAt} /> ·{' '}
          {t('customer.rejection.deadline', { date: rejectionDeadline(order.stateEnteredAt) })}
        </Typography.Text>
        <List
          dataSource={r.reasons}
          rowKey={(x) => `${x.field}-${x.code}`}
          renderItem={(x) => {
            const info = REJECTION_REASONS[x.code];
            const step = stepOf(x);
            return (
              <List.Item>
                <div className="stack" style={{ gap: 4 }}>
                  <Space wrap>
                    <Tag color="red">{info ? pick(info.label) : x.code}</Tag>
                    <span className="small muted">
                      {t('customer.rejection.where', { step: t(`customer.wizard.steps.${step}`) })}
                    </span>
                  </Space>
                  <div>{x.message}</div>
                  {x.fix && <div className="field-fix">{t('app.problem.fix', { fix: x.fix })}</div>}
                  {info?.remedy && (
                    <div className="field-fix">{t('customer.rejection.remedy', { text: pick(info.remedy) })}</div>
                  )}
                </div>
              </List.Item>
            );
          }}
        />
        <Alert
          type="info"
          showIcon
          title={photosOnly ? t('customer.rejection.photosOnly') : t('customer.rejection.onlyFlagged')}
          description={
            photosOnly ? <Link to="#photos">{t('customer.rejection.toPhotos')}</Link> : t('customer.rejection.howTo')
          }
        />
        <RevokeOrAbandon order={order} />
      </div>
    </Card>
  );
}
