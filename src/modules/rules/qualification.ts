import { commercialAssistanceAvailable } from './provinces/table.ts';
import type { ProvinceName, ProvinceTable } from './provinces/types.ts';
import { normalizeHost, registrableDomain } from './validators/domain.ts';
import type { Violation } from './violation.ts';

/**
 * The request for the provider's qualification documents (接入商资质证明) that a customer needs for an ICP commercial
 * licence application (R-EXT-004, R-EXT-005). Pure: the caller (the ticket use case, or the console before sending)
 * looks the domain up in the registry and the server inventory and passes the facts in.
 */

/** R-EXT-005: the usual registered-capital threshold of the local bureaus, in CNY. */
export const COMMERCIAL_CAPITAL_THRESHOLD_CNY = 1_000_000;

export interface QualificationRequest {
  /** The domain of the filed website, as the customer typed it (any host of it). */
  domain: string;
  /** The UIN (account id) of the account whose server serves the domain. */
  uin: string;
  /** R-EXT-005: the subject's registered capital in CNY, when given. */
  registeredCapitalCny?: number;
}

/** What the registry and the inventory say about the registrable domain of the request. */
export interface QualificationFacts {
  /** The filed website the domain belongs to; null when no website of the registry has it. */
  website: null | {
    filingNumber: string;
    /** Filed and not cancelled, with no order of the subject or website still in flight (R-EXT-004 (c)). */
    filingComplete: boolean;
    /** The website has an active access record at this provider. */
    accessedHere: boolean;
    /** UINs of the accounts whose servers the website is accessed on here. */
    serverAccountUins: readonly string[];
    subjectProvince: ProvinceName;
    subjectCity?: string;
  };
  provinces: ProvinceTable;
}

export interface QualificationDecision {
  accepted: boolean;
  /** The blocking reason when refused (NOT_FILED_HERE or COMMERCIAL_ASSIST_NOT_AVAILABLE). */
  refusal: Violation | null;
  /** Non-blocking findings (R-EXT-005 capital below the usual threshold). */
  warnings: Violation[];
}

const NOT_FILED_HERE = (why: { zh: string; en: string }): Violation => ({
  rule: 'R-EXT-004',
  code: 'NOT_FILED_HERE',
  severity: 'block',
  field: 'domain',
  message: why,
  fix: {
    zh: '需要提供您的域名以及对应服务器的UIN，我们核实之后会将资质提供给您',
    en: 'Give the domain and the UIN of the account whose server it is served from; we verify them and send the documents',
  },
});

export function qualificationRequestDecision(
  request: QualificationRequest,
  facts: QualificationFacts,
): QualificationDecision {
  const warnings: Violation[] = [];
  if (request.registeredCapitalCny !== undefined && request.registeredCapitalCny < COMMERCIAL_CAPITAL_THRESHOLD_CNY) {
    warnings.push({
      rule: 'R-EXT-005',
      code: 'REGISTERED_CAPITAL_LOW',
      severity: 'warn',
      field: 'registeredCapitalCny',
      message: {
        zh: '注册资本低于 100 万元，多数地方通信管理局不予办理经营许可证',
        en: 'The registered capital is below CNY 1,000,000, the usual threshold of the local bureaus',
      },
    });
  }
  const refuse = (refusal: Violation): QualificationDecision => ({ accepted: false, refusal, warnings });

  const host = normalizeHost(request.domain);
  const registrable = host ? registrableDomain(host) : null;
  const w = facts.website;
  // (a) the domain belongs to a website filed and accessed here, on a server of the account the UIN names
  if (!registrable || !w)
    return refuse(
      NOT_FILED_HERE({ zh: '该域名没有在本接入商备案', en: 'The domain is not filed with this access provider' }),
    );
  if (!w.accessedHere || !w.serverAccountUins.includes(request.uin.trim()))
    return refuse(
      NOT_FILED_HERE({
        zh: '该域名未接入在此 UIN 对应账号的服务器上',
        en: 'The domain is not served from a server of the account with this UIN',
      }),
    );
  // (c) only a complete filing can be vouched for
  if (!w.filingComplete)
    return refuse(
      NOT_FILED_HERE({
        zh: '该网站的备案尚未完成，备案通过后再申请',
        en: 'The filing of this website is not complete; apply once it is approved',
      }),
    );
  // (b) the provider assists only in some provinces and cities (R-PRV-024)
  const rules = facts.provinces[w.subjectProvince];
  if (!rules || !commercialAssistanceAvailable(rules, w.subjectCity))
    return refuse({
      rule: 'R-EXT-004',
      code: 'COMMERCIAL_ASSIST_NOT_AVAILABLE',
      severity: 'block',
      field: 'domain',
      message: {
        zh: '目前只支持北京、天津、上海、广州、深圳地区的经营性备案，其他省份暂时无法提供经营性备案方面的协助',
        en: 'Commercial-licence assistance is offered only in Beijing, Tianjin, Shanghai, Guangzhou and Shenzhen',
      },
    });
  return { accepted: true, refusal: null, warnings };
}
