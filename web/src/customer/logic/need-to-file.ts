import { approvedSuffixSet } from '../../../../src/modules/rules/data/suffixes.ts';
import { normalizeHost, parseDomain } from '../../../../src/modules/rules/validators/domain.ts';
import { ipKind } from '../../../../src/modules/rules/validators/ip.ts';

/**
 * The console's "do I need to file?" helper (R-ACS-001, FAQ-001..005). It implements exactly the catalogue's rule:
 * a domain needs filing only when it serves web content from one of THIS provider's mainland servers. Merely
 * registered domains, domains pointing outside the mainland and sites not yet serving need nothing now — and filing
 * early is recommended because it takes weeks.
 */

/** Where the domain's website is (or will be) hosted. */
export type Hosting =
  /** one of this provider's servers in mainland China */
  | 'PROVIDER_MAINLAND'
  /** this provider's Hong Kong / Macao / Taiwan / overseas regions */
  | 'PROVIDER_NON_MAINLAND'
  /** another provider's server in mainland China */
  | 'OTHER_MAINLAND'
  /** another provider outside the mainland */
  | 'OTHER_NON_MAINLAND'
  /** it does not point anywhere (registered only), or it is used for email (MX) only */
  | 'NOWHERE';

/** Whether the domain serves web content (any HTTP/HTTPS on any port, webmail included). */
export type Serving = 'NOW' | 'LATER' | 'NO';

/** What the customer knows about an existing filing number for the domain. */
export type FiledStatus = 'NO' | 'HERE' | 'OTHER_PROVIDER' | 'UNKNOWN';

export interface NeedToFileInput {
  domain: string;
  hosting: Hosting;
  serving: Serving;
  filed?: FiledStatus;
}

export type Verdict =
  /** R-ACS-004: an IP address needs no filing */
  | 'IP_ADDRESS'
  /** not a usable host name */
  | 'INVALID_DOMAIN'
  /** no filing needed (now) */
  | 'NOT_NEEDED'
  /** not needed yet, but required before the site serves visitors here; start early (FAQ-004) */
  | 'NOT_YET_RECOMMENDED'
  /** file (FIRST / ADD_WEBSITE, detected at the verify step) before serving */
  | 'FILE_HERE'
  /** filed through another provider: an ACCESS filing here (R-ORD-004, R-ACS-006) */
  | 'ACCESS_HERE'
  /** already filed and accessed here: nothing to do (sub-domains included, R-ACS-005) */
  | 'ALREADY_DONE'
  /** "whoever provides access files" (R-ORD-036): the other provider files it */
  | 'FILE_AT_OTHER_PROVIDER'
  /** the suffix cannot be filed (R-WEB-005): on a mainland server it is blocked (R-ACS-015) */
  | 'SUFFIX_NOT_FILABLE';

export interface NeedToFileAnswer {
  verdict: Verdict;
  /** The registrable domain the decision is about (sub-domains inherit it, R-ACS-005). */
  registrable?: string;
  /** True when the entered host was a sub-domain (www., mail., …). */
  subdomain: boolean;
  /** The suffix is on the bureau's approved list (R-WEB-005). */
  suffixFilable?: boolean;
  /** Catalogue rules the answer rests on, shown with it. */
  rules: string[];
  /** The gateway blocks this domain today if it points to a provider mainland server (R-ACS-006, R-ACS-015). */
  blockedIfServedHere: boolean;
}

export function needToFile(input: NeedToFileInput): NeedToFileAnswer {
  const raw = input.domain.trim();
  const bare = raw.replace(/^https?:\/\//i, '').replace(/[/:?#].*$/, '');
  if (ipKind(bare.replace(/^\[|\]$/g, '')) !== null)
    return { verdict: 'IP_ADDRESS', subdomain: false, rules: ['R-ACS-004'], blockedIfServedHere: false };
  const host = normalizeHost(bare);
  const parsed = host ? parseDomain(host) : null;
  if (!parsed?.ok)
    return { verdict: 'INVALID_DOMAIN', subdomain: false, rules: ['R-WEB-003'], blockedIfServedHere: false };

  const base = {
    registrable: parsed.registrable,
    subdomain: !parsed.isRegistrable,
    suffixFilable: approvedSuffixSet.has(parsed.topLabel),
  };
  const rules = parsed.isRegistrable ? ['R-ACS-001'] : ['R-ACS-001', 'R-ACS-005'];
  const filed = input.filed ?? 'UNKNOWN';
  const servedHere = input.hosting === 'PROVIDER_MAINLAND';
  const blockedIfServedHere = filed !== 'HERE';

  if (input.hosting === 'PROVIDER_NON_MAINLAND' || input.hosting === 'OTHER_NON_MAINLAND')
    return { ...base, verdict: 'NOT_NEEDED', rules: [...rules, 'R-ACS-003'], blockedIfServedHere: false };
  if (input.hosting === 'OTHER_MAINLAND')
    return { ...base, verdict: 'FILE_AT_OTHER_PROVIDER', rules: [...rules, 'R-ORD-036'], blockedIfServedHere };
  if (!base.suffixFilable && servedHere)
    return { ...base, verdict: 'SUFFIX_NOT_FILABLE', rules: [...rules, 'R-WEB-005', 'R-ACS-015'], blockedIfServedHere };
  if (filed === 'HERE')
    return { ...base, verdict: 'ALREADY_DONE', rules: [...rules, 'R-ACS-006'], blockedIfServedHere };

  // From here the site is (or will be) on this provider's mainland servers, or nowhere yet.
  const action: Verdict = filed === 'OTHER_PROVIDER' ? 'ACCESS_HERE' : 'FILE_HERE';
  const actionRules = filed === 'OTHER_PROVIDER' ? ['R-ORD-004', 'R-ACS-006'] : ['R-ACS-006', 'R-ACS-008'];
  if (input.hosting === 'NOWHERE' || input.serving === 'NO') {
    // FAQ-003: registered only / no web content: nothing is demanded; FAQ-004: a site coming later should start now
    if (input.serving === 'LATER')
      return { ...base, verdict: 'NOT_YET_RECOMMENDED', rules: [...rules, 'R-ORD-022'], blockedIfServedHere };
    return { ...base, verdict: 'NOT_NEEDED', rules, blockedIfServedHere };
  }
  if (input.serving === 'LATER')
    return { ...base, verdict: 'NOT_YET_RECOMMENDED', rules: [...rules, 'R-ORD-022'], blockedIfServedHere };
  return { ...base, verdict: action, rules: [...rules, ...actionRules], blockedIfServedHere };
}
