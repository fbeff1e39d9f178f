import { CheckCircleFilled, ClockCircleFilled, StopFilled } from '@ant-design/icons';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AccessDecision, AccessReason } from '../../../../src/modules/access/access.repository.ts';
import type { MyFilings } from '../queries.ts';

/** GET /api/v1/filings: the gateway's decision for one filed domain, read from the access projection (R-ACS-006). */
export interface DomainAccessView {
  domain: string;
  decision: AccessDecision;
  reason: AccessReason;
}

/** A filed website as GET /api/v1/filings returns it, with the per-domain access decisions. */
export type FiledWebsite = MyFilings['websites'][number] & { access?: DomainAccessView[] };

const LOOK: Record<AccessDecision, { color: string; icon: React.ReactNode }> = {
  allow: { color: 'success', icon: <CheckCircleFilled aria-hidden /> },
  temp_allow: { color: 'processing', icon: <ClockCircleFilled aria-hidden /> },
  block: { color: 'error', icon: <StopFilled aria-hidden /> },
};

/**
 * Each domain of a filed website with the access state the gateway enforces for it (R-ACS-006/014). Only what the
 * API reports is shown: a domain the API gives no decision for is listed without one, never assumed reachable.
 */
export function DomainAccessList({ website }: { website: FiledWebsite }) {
  const { t } = useTranslation();
  const byDomain = new Map((website.access ?? []).map((a) => [a.domain, a]));
  return (
    <ul className="domain-access" aria-label={t('customer.dashboard.accessLabel')}>
      {website.domains.map((d) => {
        const a = byDomain.get(d);
        return (
          <li key={d} data-domain={d}>
            <span className="domain-name">{d}</span>
            {a && (
              <>
                <Tag color={LOOK[a.decision].color} icon={LOOK[a.decision].icon}>
                  {t(`customer.dashboard.access.${a.decision}`)}
                </Tag>
                <span className="small muted">
                  {t(`customer.dashboard.accessReason.${a.reason}`, { defaultValue: a.reason })}
                </span>
              </>
            )}
          </li>
        );
      })}
    </ul>
  );
}
