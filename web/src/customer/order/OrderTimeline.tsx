import { Alert, Descriptions, Grid, Skeleton, Steps } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { beijingDateTimeText, usePlatformClock, workCalendar } from '../../app/clock.ts';
import { orderTimeline, type TimelineStep } from '../logic/timeline.ts';
import { useOrderEvents } from '../queries.ts';
import type { OrderView } from '../types.ts';

function StepDescription({ step }: { step: TimelineStep }) {
  const { t } = useTranslation();
  const lines: string[] = [];
  if (step.startedOn) lines.push(t('customer.timeline.started', { date: step.startedOn }));
  if (step.finishedOn) lines.push(t('customer.timeline.finished', { date: step.finishedOn }));
  if (step.slaWorkingDays !== null)
    lines.push(
      step.slaMaxWorkingDays
        ? t('customer.timeline.slaRange', { min: step.slaWorkingDays, max: step.slaMaxWorkingDays })
        : t('customer.timeline.sla', { days: step.slaWorkingDays }),
    );
  if (step.dueOn && step.status === 'process') lines.push(t('customer.timeline.dueOn', { date: step.dueOn }));
  if (step.expectedStartOn && step.expectedDueOn)
    lines.push(t('customer.timeline.expected', { start: step.expectedStartOn, due: step.expectedDueOn }));
  else if (step.expectedStartOn) lines.push(t('customer.timeline.expectedStart', { start: step.expectedStartOn }));
  if (step.slaWorkingDays === null && step.status === 'process') lines.push(t('customer.timeline.waitsOnYou'));
  return (
    <div className="timeline-sla">
      {lines.map((l) => (
        <div key={l}>{l}</div>
      ))}
      {step.overdue && <div className="field-help-warn">{t('customer.timeline.overdue')}</div>}
    </div>
  );
}

/**
 * Each step with its date, its SLA in working days and the expected bureau decision date (R-ORD-017..023), computed
 * in the browser with the platform calendar and the platform's "today".
 */
export function OrderTimeline({ order, compact = false }: { order: OrderView; compact?: boolean }) {
  const { t } = useTranslation();
  const events = useOrderEvents(order.id);
  const clock = usePlatformClock();
  const screens = Grid.useBreakpoint();
  const tl = useMemo(
    () =>
      events.data
        ? orderTimeline(
            {
              type: order.type,
              state: order.state,
              province: order.province,
              createdAt: order.createdAt,
              stateEnteredAt: order.stateEnteredAt,
              submittedAt: order.submittedAt,
              photoApproved: order.flags.photoApproved,
            },
            events.data,
            workCalendar(),
            clock.today,
          )
        : null,
    [events.data, order, clock.today],
  );
  if (events.isPending) return <Skeleton active paragraph={{ rows: 3 }} />;
  if (!tl) return null;
  const currentIndex = tl.steps.findIndex((s) => s.key === tl.current);
  return (
    <div className="stack order-timeline">
      <Steps
        orientation="vertical"
        size="small"
        current={currentIndex}
        aria-label={t('customer.timeline.label')}
        items={tl.steps.map((s) => ({
          key: s.key,
          title: t(`customer.timeline.steps.${s.key}`),
          status: s.status,
          content: compact && s.status === 'wait' && !s.expectedStartOn ? undefined : <StepDescription step={s} />,
        }))}
      />
      <Descriptions
        size="small"
        column={1}
        bordered
        layout={screens.md ? 'horizontal' : 'vertical'}
        items={[
          ...(tl.bureauDecision
            ? [
                {
                  key: 'bureau',
                  label: t('customer.timeline.bureauDecision'),
                  children: (
                    <>
                      <strong>{tl.bureauDecision.on}</strong>
                      {tl.bureauDecision.latestOn &&
                        ` · ${t('customer.timeline.bureauWindow', { date: tl.bureauDecision.latestOn })}`}
                      {tl.bureauDecision.estimate && (
                        <span className="muted"> {t('customer.timeline.bureauEstimate')}</span>
                      )}
                    </>
                  ),
                },
              ]
            : []),
          ...(tl.bureauSync
            ? [
                {
                  key: 'sync',
                  label: t('customer.timeline.bureauSyncLabel'),
                  children: t('customer.timeline.bureauSync', {
                    date: tl.bureauSync.latestOn,
                    days: tl.bureauSync.workingDays,
                  }),
                },
              ]
            : []),
          {
            key: 'total',
            label: t('customer.timeline.totalLabel'),
            children: t('customer.timeline.total', { days: tl.totalWorkingDays }),
          },
          ...(tl.stepExpiresAt
            ? [
                {
                  key: 'expires',
                  label: t('customer.timeline.stepExpiresLabel'),
                  children: t('customer.timeline.stepExpires', { time: beijingDateTimeText(tl.stepExpiresAt) }),
                },
              ]
            : []),
        ]}
      />
      {/* R-ACS-017: the customer may hear of the decision from the bureau before the provider has synced it */}
      {tl.bureauSync && !compact && (
        <Alert
          className="bureau-sync-note"
          type="info"
          showIcon
          title={t('customer.timeline.bureauSyncTitle')}
          description={t('customer.timeline.bureauSyncNote', {
            date: tl.bureauSync.latestOn,
            days: tl.bureauSync.workingDays,
          })}
        />
      )}
      {tl.provisional && <Alert type="info" showIcon title={t('customer.timeline.provisional')} />}
    </div>
  );
}
