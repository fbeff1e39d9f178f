import { addCalendarDays, compareDates, type WorkCalendar } from '../../calendar/index.ts';
import { REJECTION_REASONS } from '../../rules/data/rejection-reasons.ts';
import { suffixAllowedInProvince } from '../../rules/provinces/table.ts';
import type { ProvinceRules } from '../../rules/provinces/types.ts';
import { isPersonalNature } from '../codes.ts';

/**
 * The bureau's review of one record (R-BUR-002), as pure functions of the record and the facts the bureau holds.
 * The simulator adds what needs its own records (conflicts, order type, existing websites, the filing password).
 * Each finding carries the section 3-5 result code that fits it (1002 审核拒绝 where the table has none), the R-REJ-007
 * reason and the indexed element path, so the provider can show it on the right field.
 */

export interface Finding {
  reason: string;
  code: number;
  path?: string;
  text: string;
}

/** Registrar facts (R-WEB-009..013). */
export interface DomainFact {
  realNameVerifiedOn: string | null;
  registrantType: 'PERSONAL' | 'ORGANISATION';
  registrantName: string;
}
/** The access server behind an IP (R-ACC-013): expired from `expiresOn` on. */
export interface ServerFact {
  expiresOn: string;
}
/** A certificate's end date (R-SUB-026). */
export interface CertFact {
  validTo: string;
}
/** The bureau's probe of a domain (R-PRE-014). */
export interface SiteFact {
  open: boolean;
  url?: string;
  status?: number;
  title?: string;
  at?: string;
}
/** What a re-check of an already filed website finds (R-ORD-030/031). */
export interface ExistingWebsiteFact {
  noncompliant?: string;
  unused?: boolean;
  unreachable?: boolean;
}

export interface ReviewSubject {
  nature: number;
  name: string;
  certNumber: string;
  /** Path of the subject block in the record, e.g. `Zt_xx`. */
  path: string;
  principalCertNumber?: string;
}

export interface ReviewWebsite {
  path: string;
  name: string;
  domains: { path: string; ym: string; domain: string | null }[];
  ips: { path: string; ip: string }[];
}

export interface ReviewContext {
  today: string;
  calendar: WorkCalendar;
  rules?: ProvinceRules;
  /** Domains the bureau has no registrar facts for count as verified by the subject (the provider checked them). */
  assumeRegistrarFacts: boolean;
  facts: {
    domain(domain: string): DomainFact | undefined;
    server(ip: string): ServerFact | undefined;
    cert(number: string): CertFact | undefined;
    site(domain: string): SiteFact | undefined;
  };
  blacklist: { certs: ReadonlySet<string>; names: ReadonlySet<string> };
  approvedSuffixes: ReadonlySet<string>;
}

export const RESULT_CODE_OF: Readonly<Record<string, number>> = {
  SUBJECT_CONFLICT: 1003,
  DOMAIN_CONFLICT: 1005,
  FILING_PASSWORD_WRONG: 1018,
  SERVER_INVALID: 1063,
  SUFFIX_NOT_APPROVED: 1004,
};

export function finding(reason: string, path: string | undefined, detail?: string, code?: number): Finding {
  const label = REJECTION_REASONS[reason]?.label.zh;
  const text = [label, detail].filter(Boolean).join('：') || reason;
  return { reason, code: code ?? RESULT_CODE_OF[reason] ?? 1002, ...(path ? { path } : {}), text };
}

/** R-WEB-010: visible from 00:00 of the day after the 3rd working day that follows verification. */
export function realNameVisibleFrom(verifiedOn: string, calendar: WorkCalendar): string {
  return addCalendarDays(calendar.addWorkingDays(verifiedOn, 3), 1);
}

/** Expired on `today` when its last valid day is before today ('LONG_TERM' never expires). */
export function certExpired(validTo: string, today: string): boolean {
  return validTo !== 'LONG_TERM' && compareDates(validTo, today) < 0;
}

/** A server is expired from its expiry date on (context.ts ServerFacts.expiresOn). */
export function serverExpired(expiresOn: string, today: string): boolean {
  return compareDates(expiresOn, today) <= 0;
}

function topLabel(domain: string): string {
  return domain.slice(domain.lastIndexOf('.') + 1);
}

/** Domains of new websites: suffix, real name, registrant (R-WEB-005/006/009..013, R-PRV-009/013), site closed (R-PRE-014). */
export function reviewDomains(
  subject: ReviewSubject,
  websites: readonly ReviewWebsite[],
  ctx: ReviewContext,
  opts: { newWebsites: boolean },
): Finding[] {
  const out: Finding[] = [];
  const personal = isPersonalNature(subject.nature);
  for (const w of websites) {
    for (const d of w.domains) {
      if (!d.domain) {
        out.push(finding('DOMAIN_INVALID', d.path, `${d.ym} 不是可备案的域名`, 1004));
        continue;
      }
      const label = topLabel(d.domain);
      if (!ctx.approvedSuffixes.has(label) || (ctx.rules && !suffixAllowedInProvince(ctx.rules, d.domain))) {
        out.push(finding('SUFFIX_NOT_APPROVED', d.path, `.${label} 域名后缀不支持备案`, 1004));
        continue;
      }
      const f = ctx.facts.domain(d.domain);
      if (!f && ctx.assumeRegistrarFacts) continue;
      if (!f?.realNameVerifiedOn) {
        out.push(finding('DOMAIN_NOT_REAL_NAME', d.path, `${d.domain} 未完成实名认证`));
        continue;
      }
      const visible = realNameVisibleFrom(f.realNameVerifiedOn, ctx.calendar);
      if (compareDates(ctx.today, visible) < 0)
        out.push(finding('DOMAIN_NOT_REAL_NAME', d.path, `${d.domain} 实名认证需 3 个工作日后生效（${visible} 起）`));
      if ((f.registrantType === 'PERSONAL') !== personal) {
        out.push(finding('DOMAIN_OWNER_TYPE_MISMATCH', d.path, `${d.domain} 的实名类型与主体性质不一致`));
      } else if (f.registrantName.trim() !== subject.name.trim() && (personal || ctx.rules?.domainOwnerMustMatch)) {
        // R-WEB-012 personal: exact name; R-WEB-013 organisation: only where the province makes it a rejection
        out.push(finding('DOMAIN_OWNER_MISMATCH', d.path, `${d.domain} 的持有者为「${f.registrantName}」`));
      }
    }
    if (opts.newWebsites)
      for (const d of w.domains) {
        if (!d.domain) continue;
        const probe = ctx.facts.site(d.domain);
        if (probe?.open)
          out.push(
            finding(
              'SITE_OPEN_BEFORE_FILING',
              d.path,
              `探测 ${probe.url ?? `http://${d.ym}/`}${probe.at ? ` 于 ${probe.at}` : ''} 返回 ${probe.status ?? 200}${probe.title ? `「${probe.title}」` : ''}`,
            ),
          );
      }
  }
  return out;
}

/** R-ACC-013: every access IP's server must be unexpired on the decision day. */
export function reviewServers(websites: readonly ReviewWebsite[], ctx: ReviewContext): Finding[] {
  const out: Finding[] = [];
  for (const w of websites)
    for (const ip of w.ips) {
      const s = ctx.facts.server(ip.ip);
      if (s && serverExpired(s.expiresOn, ctx.today))
        out.push(finding('SERVER_INVALID', ip.path, `接入服务器 ${ip.ip} 已于 ${s.expiresOn} 到期`));
    }
  return out;
}

/** R-SUB-026: the subject certificate and the principal's ID must be valid on the decision date. */
export function reviewCertificates(subject: ReviewSubject, ctx: ReviewContext): Finding[] {
  const out: Finding[] = [];
  const check = (number: string | undefined, path: string) => {
    if (!number) return;
    const c = ctx.facts.cert(number.trim().toUpperCase());
    if (c && certExpired(c.validTo, ctx.today)) out.push(finding('CERT_EXPIRED', path, `证件有效期至 ${c.validTo}`));
  };
  check(subject.certNumber, `${subject.path}.Zj.Zjhm`);
  check(subject.principalCertNumber, `${subject.path}.Fzr.Fzr_zjhm`);
  return out;
}

/** R-BUR-018: the subject's certificate number or a website name on the blacklist. */
export function reviewBlacklist(
  subject: ReviewSubject | null,
  websites: readonly ReviewWebsite[],
  ctx: ReviewContext,
): Finding[] {
  const out: Finding[] = [];
  if (subject && ctx.blacklist.certs.has(subject.certNumber.trim().toUpperCase()))
    out.push(finding('BLACKLISTED', `${subject.path}.Zj.Zjhm`, '主体证件号码已列入黑名单', 1065));
  for (const w of websites)
    for (const name of w.name.split(/[;；]/))
      if (name.trim() && ctx.blacklist.names.has(name.trim()))
        out.push(finding('BLACKLISTED', `${w.path}.Wzmc`, `网站名称「${name.trim()}」已列入黑名单`, 1064));
  return out;
}

/** R-ORD-030/031 at the bureau: an ADD_WEBSITE may be rejected for the subject's other filed websites. */
export function reviewExisting(
  existing: readonly { filingNumber: string; fact: ExistingWebsiteFact | undefined }[],
  rules: ProvinceRules | undefined,
): Finding[] {
  const out: Finding[] = [];
  for (const e of existing) {
    if (!e.fact) continue;
    if (e.fact.noncompliant)
      out.push(finding('EXISTING_WEBSITE_NONCOMPLIANT', undefined, `${e.filingNumber}：${e.fact.noncompliant}`));
    if ((e.fact.unused && rules?.checkUnusedFiledSites) || (e.fact.unreachable && rules?.checkUnreachableFiledSites))
      out.push(
        finding(
          'EXISTING_WEBSITE_UNUSED_OR_UNREACHABLE',
          undefined,
          `${e.filingNumber} 已备案网站${e.fact.unused ? '未使用' : '无法访问'}，请先注销或完成建设`,
        ),
      );
  }
  return out;
}
