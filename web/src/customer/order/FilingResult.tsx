import { Alert, Card, Descriptions, Grid, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../app/ProblemAlert.tsx';
import { DomainAccessList, type FiledWebsite } from '../dashboard/DomainAccess.tsx';
import { useMyFilings } from '../queries.ts';
import type { OrderView } from '../types.ts';

/**
 * An approved filing's result (R-BUR-011): the subject number and the numbers of the order's websites, as the
 * registry holds them after the sync, with what the gateway does for each domain. Read from GET /api/v1/filings, so the
 * page shows the provider's synced record, not a number guessed from the order.
 */
export function FilingResult({ order }: { order: OrderView }) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const filings = useMyFilings();
  if (filings.isPending) return <Skeleton active paragraph={{ rows: 2 }} />;
  if (filings.isError) return <ProblemAlert error={filings.error} />;
  const f = filings.data.data;
  const domains = new Set(order.summary.websites.flatMap((w) => w.domains));
  const sites: FiledWebsite[] = (f?.websites ?? []).filter((w) => w.domains.some((d) => domains.has(d)));
  if (!f) return null;
  return (
    <Card id="result" title={<h2 className="section-title">{t('customer.order.result')}</h2>}>
      <div className="stack">
        <Alert type="success" showIcon title={t('customer.order.resultIntro')} />
        <Descriptions
          size="small"
          column={1}
          bordered
          layout={screens.md ? 'horizontal' : 'vertical'}
          items={[
            {
              key: 'subject',
              label: t('customer.order.resultSubject'),
              children: <span className="filing-number">{f.subject.filingNumber ?? '—'}</span>,
            },
            ...sites.map((w) => ({
              key: w.id,
              label: `${t('customer.order.resultWebsite')} · ${w.name}`,
              children: (
                <div className="stack-tight">
                  <span className="filing-number">{w.filingNumber ?? '—'}</span>
                  <DomainAccessList website={w} />
                </div>
              ),
            })),
          ]}
        />
      </div>
    </Card>
  );
}
