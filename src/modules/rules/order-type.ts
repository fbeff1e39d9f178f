import type { CheckContext, RegistrySubject, RegistryWebsite } from './context.ts';
import type { OrderType } from './draft.ts';
import { subjectByFilingNumber, websiteByDomain } from './rules/helpers.ts';
import { registrableDomain } from './validators/domain.ts';

/**
 * R-ORD-004: the verify step decides the order type from bureau data, never from a customer choice. One outcome per
 * domain; R-ORD-011 refuses an order whose domains lead to different types.
 */

export type DomainOutcome =
  | { domain: string; type: 'FIRST' | 'ADD_WEBSITE' | 'ACCESS'; website?: RegistryWebsite }
  | {
      domain: string;
      error: 'DOMAIN_CONFLICT' | 'ALREADY_ACCESSED' | 'ACCESS_DATA_INCONSISTENT' | 'DOMAIN_ALREADY_FILED';
      /** 「情况二」: the domain's subject has the entered name but an older certificate number (R-ORD-005). */
      sameNameOlderNumber?: boolean;
      website?: RegistryWebsite;
      owner?: RegistrySubject;
    };

export interface OrderTypeDetection {
  /** The single type the domains agree on, if they do and none failed. */
  type?: 'FIRST' | 'ADD_WEBSITE' | 'ACCESS';
  variant?: 'with-subject' | 'without-subject';
  subject?: RegistrySubject;
  outcomes: DomainOutcome[];
  mixed: boolean;
}

const key = (s: string | undefined) => (s ?? '').trim().toUpperCase();

export function detectOrderType(
  input: { certificateNumber?: string; subjectName?: string; domains: readonly string[] },
  ctx: Pick<CheckContext, 'registry' | 'openOrders' | 'orderId'>,
): OrderTypeDetection {
  const subjects = ctx.registry?.subjects ?? [];
  const subject = input.certificateNumber
    ? subjects.find((s) => key(s.certificateNumber) === key(input.certificateNumber))
    : undefined;
  const outcomes: DomainOutcome[] = [];
  const busy = new Set<string>();
  for (const o of ctx.openOrders ?? []) {
    if (o.id === ctx.orderId || !(o.provider === 'OTHER' || o.atBureau)) continue;
    if (key(o.subjectCertificateNumber) === key(input.certificateNumber)) continue;
    for (const d of o.domains) busy.add(d);
  }
  for (const raw of input.domains) {
    const domain = registrableDomain(raw) ?? raw.trim().toLowerCase();
    const inFlight = busy.has(domain);
    if (inFlight) {
      outcomes.push({ domain, error: 'DOMAIN_CONFLICT' });
      continue;
    }
    const website = websiteByDomain(ctx, domain);
    if (!website) {
      outcomes.push({ domain, type: subject ? 'ADD_WEBSITE' : 'FIRST' });
      continue;
    }
    const owner = subjectByFilingNumber(ctx, website.subjectFilingNumber);
    if (subject && owner && owner.filingNumber === subject.filingNumber) {
      outcomes.push(
        website.accessedHere
          ? { domain, error: 'ALREADY_ACCESSED', website, owner }
          : { domain, type: 'ACCESS', website },
      );
      continue;
    }
    const sameName = !!owner && !!input.subjectName && owner.name === input.subjectName;
    if (subject && sameName) {
      outcomes.push({ domain, error: 'ACCESS_DATA_INCONSISTENT', website, owner });
      continue;
    }
    outcomes.push({ domain, error: 'DOMAIN_ALREADY_FILED', sameNameOlderNumber: !subject && sameName, website, owner });
  }
  const types = new Set(outcomes.flatMap((o) => ('type' in o ? [o.type] : [])));
  const failed = outcomes.some((o) => 'error' in o);
  const mixed = types.size > 1;
  const single: OrderType | undefined = !failed && types.size === 1 ? [...types][0] : undefined;
  return {
    type: single as OrderTypeDetection['type'],
    variant: subject ? (subject.accessedHere ? 'with-subject' : 'without-subject') : undefined,
    subject,
    outcomes,
    mixed,
  };
}
