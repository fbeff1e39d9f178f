import { Resolver } from 'node:dns/promises';
import type { Clock } from '../../platform/clock.ts';
import type { Config } from '../../platform/config.ts';
import type { PiiCrypto } from '../../platform/crypto/boot.ts';
import type { Database } from '../../platform/db/database.ts';
import { newId } from '../../platform/db/ids.ts';
import { DomainError, ruleViolation } from '../../platform/errors.ts';
import type { LocalizedText } from '../../platform/i18n.ts';
import { accessRow } from '../access/access.repository.ts';
import type { Actor } from '../audit/audit.repository.ts';
import { beijingDate } from '../calendar/civil-date.ts';
import { isProvinceName } from '../rules/provinces/table.ts';
import type { ProvinceTable } from '../rules/provinces/types.ts';
import { qualificationRequestDecision } from '../rules/qualification.ts';
import { normalizeHost, registrableDomain } from '../rules/validators/domain.ts';
import type { Violation } from '../rules/violation.ts';
import { diagnosisHints, gatewayVerdict, type HostResolution } from './diagnosis.ts';
import {
  activeRegistryAccess,
  decideQualification,
  type FiledSiteRow,
  filedDomainsOf,
  insertQualification,
  liveSitesOfAccount,
  liveSitesOfDomain,
  openingApprovalsOfAccount,
  openOrderCountOfSubject,
  orderSummariesOfAccount,
  psbOf,
  type QualificationRow,
  qualificationById,
  qualificationsOf,
  type ServerWithOwner,
  serversByIpOrId,
  siteById,
  subjectDomainsOfAccount,
  upsertPsb,
} from './extras.repository.ts';
import { accessInfoSheetPdf } from './info-sheet.ts';
import { normalizePsbNumber, psbHtmlSnippet, psbTasks, psbViolations } from './psb.ts';

/** The system boundary of the diagnosis: host → IPv4 addresses. Tests pass a function; the app the real resolver. */
export type ResolveHost = (host: string) => Promise<string[]>;

/** The real resolver with a short timeout: a slow DNS must not hold the console request. */
export function systemResolver(timeoutMs = 2000): ResolveHost {
  const r = new Resolver({ timeout: timeoutMs, tries: 1 });
  return (host) => r.resolve4(host);
}

export interface ExtrasDeps {
  database: Database;
  clock: Clock;
  config: Pick<Config, 'BEIAN_PROVIDER_NAME' | 'BEIAN_DNS_SERVERS' | 'BEIAN_ACCESS_LICENCE_NUMBER'>;
  pii: PiiCrypto;
  /** This provider's id at the bureau: its registry_access rows are "here". */
  providerId: number;
  /** The province table in force on a day (admins' overrides included). */
  provinces: (today: string) => ProvinceTable;
  resolve?: ResolveHost;
}

export const QUALIFICATION_STATES = ['OPEN', 'DOCUMENTS_SENT', 'REJECTED'] as const;
export type QualificationState = (typeof QUALIFICATION_STATES)[number];

const notFound = (what: LocalizedText) => new DomainError('NOT_FOUND', { reason: 'NOT_FOUND', message: what });
const DOMAIN_NOT_FOUND = { zh: '您的账号下没有该域名', en: 'Your account has no such domain' };
const WEBSITE_NOT_FOUND = { zh: '您的账号下没有该网站', en: 'Your account has no such website' };

const isStaff = (a: Actor) => a.role === 'admin' || a.role === 'reviewer';
const accountOf = (a: Actor) => a.accountId ?? a.id ?? '';

function registrableOf(input: string): { host: string; domain: string } | null {
  const host = normalizeHost(input);
  if (!host) return null;
  try {
    const domain = registrableDomain(host);
    return domain ? { host, domain } : null;
  } catch {
    return null;
  }
}

function domainsOfSummary(summary: string): string[] {
  try {
    const s = JSON.parse(summary) as { websites?: { domains?: unknown }[] };
    return (s.websites ?? []).flatMap((w) => (Array.isArray(w.domains) ? w.domains.map(String) : []));
  } catch {
    return [];
  }
}

function errorCode(err: unknown): string {
  if (err && typeof err === 'object' && 'code' in err && typeof err.code === 'string') return err.code;
  return 'ERROR';
}

export function createExtrasService(deps: ExtrasDeps) {
  const { database, clock } = deps;
  const db = database.db;
  const resolve = deps.resolve ?? systemResolver();
  const today = () => beijingDate(clock.now());
  const dnsServers = deps.config.BEIAN_DNS_SERVERS.split(',')
    .map((s) => s.trim())
    .filter(Boolean);

  function subjectCity(site: FiledSiteRow): string | undefined {
    if (!site.subject_data_enc) return undefined;
    const data = JSON.parse(
      deps.pii.keyring.decryptString(site.subject_data_enc, `subjects.data.${site.subject_id}`),
    ) as {
      subject?: { communicationAddress?: { city?: string }; certificateAddress?: string };
    };
    const city = data.subject?.communicationAddress?.city?.trim();
    if (city) return city;
    // the registered address 「广东省广州市天河区…」 names the city when the communication address does not
    return /^(?:[\u4e00-\u9fa5]{2,7}?(?:省|自治区))?([\u4e00-\u9fa5]{2,4}?市)/.exec(
      data.subject?.certificateAddress ?? '',
    )?.[1];
  }

  /** Registrable domains the account may ask about: its subjects' filed domains and the domains of its orders. */
  async function accountDomains(accountId: string): Promise<string[]> {
    const own = await subjectDomainsOfAccount(db, accountId);
    const ordered = (await orderSummariesOfAccount(db, accountId)).flatMap(domainsOfSummary);
    const set = new Set(own);
    for (const d of ordered) {
      const r = registrableOf(d);
      if (r) set.add(r.domain);
    }
    return [...set].sort();
  }

  /** IPs the website is accessed on here: the website's own, and this provider's registry access records. */
  async function accessIpsOf(site: FiledSiteRow): Promise<string[]> {
    const ips = new Set<string>();
    if (site.access_ip) ips.add(site.access_ip);
    for (const a of await activeRegistryAccess(db, [site.website_id]))
      if (Number(a.provider_id) === deps.providerId && a.access_ip) ips.add(a.access_ip);
    return [...ips];
  }

  async function resolveHost(host: string, accountId: string | null, servers: Map<string, ServerWithOwner>) {
    let ips: string[];
    try {
      ips = await resolve(host);
    } catch (err) {
      return { host, status: 'UNRESOLVED', ips: [], server: null, error: errorCode(err) } satisfies HostResolution;
    }
    if (ips.length === 0)
      return { host, status: 'UNRESOLVED', ips, server: null, error: 'ENODATA' } satisfies HostResolution;
    const missing = ips.filter((ip) => !servers.has(ip));
    if (missing.length)
      for (const s of await serversByIpOrId(db, missing, [])) if (s.public_ip) servers.set(s.public_ip, s);
    const hit = ips.map((ip) => servers.get(ip)).find((s) => s && s.region_kind === 'mainland');
    return {
      host,
      status: hit ? 'MATCH' : 'MISMATCH',
      ips,
      server: hit
        ? { name: hit.name, region: hit.region, ip: hit.public_ip ?? '', ownedByAccount: hit.account_id === accountId }
        : null,
      error: null,
    } satisfies HostResolution;
  }

  /** R-ACS-016 / FAQ-281: the per-domain access diagnosis. */
  async function diagnose(actor: Actor, input: string) {
    const parsed = registrableOf(input);
    if (!parsed)
      throw ruleViolation([
        {
          rule: 'R-ACS-016',
          code: 'DOMAIN_INVALID',
          severity: 'block',
          field: 'domain',
          message: { zh: '请输入有效的域名', en: 'Enter a valid domain name' },
        },
      ]);
    const { domain } = parsed;
    const accountId = isStaff(actor) ? null : accountOf(actor);
    if (accountId !== null && !(await accountDomains(accountId)).includes(domain)) throw notFound(DOMAIN_NOT_FOUND);

    const row = await accessRow(db, domain);
    const access = row ? { decision: row.decision, reason: row.reason, updatedAt: Number(row.updated_at) } : null;
    const sites = await liveSitesOfDomain(db, domain);
    const site = sites.find((s) => s.accessed_here === 1) ?? sites[0] ?? null;
    const registry = await activeRegistryAccess(
      db,
      sites.map((s) => s.website_id),
    );
    const providers = new Map<number, { providerId: number; here: boolean; name: string; accessIps: string[] }>();
    const providerEntry = (id: number) => {
      let p = providers.get(id);
      if (!p) {
        const here = id === deps.providerId;
        p = { providerId: id, here, name: here ? deps.config.BEIAN_PROVIDER_NAME : `#${id}`, accessIps: [] };
        providers.set(id, p);
      }
      return p;
    };
    for (const s of sites)
      if (s.accessed_here === 1) {
        const p = providerEntry(deps.providerId);
        if (s.access_ip && !p.accessIps.includes(s.access_ip)) p.accessIps.push(s.access_ip);
      }
    for (const a of registry) {
      const p = providerEntry(Number(a.provider_id));
      if (a.access_ip && !p.accessIps.includes(a.access_ip)) p.accessIps.push(a.access_ip);
    }

    const servers = new Map<string, ServerWithOwner>();
    const hosts = [domain, `www.${domain}`];
    const resolutions = await Promise.all(hosts.map((h) => resolveHost(h, accountId, servers)));
    const facts = { domain, access, resolutions, now: clock.now().getTime() };
    return {
      domain,
      gateway: gatewayVerdict(access),
      filingNumber: site?.website_filing_number ?? null,
      subjectFilingNumber: site?.subject_filing_number ?? null,
      providers: [...providers.values()].sort((a, b) => Number(b.here) - Number(a.here) || a.providerId - b.providerId),
      resolutions,
      dnsServers,
      hints: diagnosisHints(facts),
    };
  }

  /** The domains the console offers in the diagnosis picker. */
  async function diagnosisDomains(actor: Actor) {
    return { domains: await accountDomains(accountOf(actor)) };
  }

  async function websiteView(sites: FiledSiteRow[]) {
    const ids = sites.map((s) => s.website_id);
    const domains = await filedDomainsOf(db, ids);
    const psb = new Map((await psbOf(db, ids)).map((p) => [p.website_id, p]));
    const day = today();
    // R-EXT-001: a website opens here when the FIRST / ADD_WEBSITE order naming it is approved; an ACCESS order
    // moves a site that was opened elsewhere long ago, so it starts no 30-day clock
    const openedOnOf = new Map<string, string>();
    for (const accountId of new Set(sites.map((s) => s.account_id)))
      for (const a of await openingApprovalsOfAccount(db, accountId)) {
        const on = beijingDate(new Date(Number(a.at)));
        for (const d of domainsOfSummary(a.summary)) {
          const r = registrableOf(d);
          const key = r ? `${accountId}:${r.domain}` : null;
          if (key && (!openedOnOf.has(key) || on < (openedOnOf.get(key) ?? on))) openedOnOf.set(key, on);
        }
      }
    return sites.map((s) => {
      const p = psb.get(s.website_id);
      const record = p ? { psbNumber: p.psb_number, approvedOn: p.approved_on } : null;
      const siteDomains = [...new Set(domains.filter((d) => d.website_id === s.website_id).map((d) => d.domain))];
      const opened = siteDomains
        .map((d) => openedOnOf.get(`${s.account_id}:${d}`))
        .filter((x): x is string => !!x)
        .sort();
      const openedOn = s.accessed_here === 1 ? (opened[0] ?? null) : null;
      return {
        id: s.website_id,
        name: s.website_name,
        filingNumber: s.website_filing_number,
        subjectName: s.subject_name,
        subjectFilingNumber: s.subject_filing_number,
        status: s.website_status,
        accessedHere: s.accessed_here === 1,
        domains: siteDomains,
        psb: record ? { ...record, htmlCode: psbHtmlSnippet(record.psbNumber) } : null,
        tasks: psbTasks({ openedOn, psb: record }, day),
      };
    });
  }

  /** The account's live websites with their PSB record and tasks (R-EXT-001/002) — the console's after-filing list. */
  async function websites(actor: Actor) {
    return websiteView(await liveSitesOfAccount(db, accountOf(actor)));
  }

  async function ownSite(actor: Actor, websiteId: string): Promise<FiledSiteRow> {
    const site = await siteById(db, websiteId);
    if (!site || (!isStaff(actor) && site.account_id !== accountOf(actor))) throw notFound(WEBSITE_NOT_FOUND);
    return site;
  }

  /** R-EXT-002 / FAQ-258: records the PSB number and approval date; returns the website with its tasks. */
  async function recordPsb(actor: Actor, websiteId: string, input: { psbNumber: string; approvedOn: string }) {
    const site = await ownSite(actor, websiteId);
    if (site.website_status !== 'FILED' && site.website_status !== 'SHELL') throw notFound(WEBSITE_NOT_FOUND);
    const problems = psbViolations(input, today());
    if (problems.length) throw new DomainError('VALIDATION_FAILED', { reason: problems[0].code, violations: problems });
    await upsertPsb(
      db,
      {
        id: newId(),
        websiteId,
        accountId: site.account_id,
        psbNumber: normalizePsbNumber(input.psbNumber),
        approvedOn: input.approvedOn,
        by: actor.id,
      },
      clock.now().getTime(),
    );
    const [view] = await websiteView([site]);
    return view;
  }

  /** R-EXT-003: the access provider information sheet of a filed website accessed here. */
  async function infoSheet(actor: Actor, websiteId: string): Promise<{ pdf: Buffer; fileName: string }> {
    const site = await ownSite(actor, websiteId);
    if (!['FILED', 'SHELL'].includes(site.website_status) || site.accessed_here !== 1 || !site.website_filing_number)
      throw new DomainError('CONFLICT', {
        reason: 'NOT_ACCESSED_HERE',
        message: {
          zh: '只有已备案并接入本服务商的网站才能下载接入商信息',
          en: 'The sheet is available only for a filed website accessed at this provider',
        },
      });
    const ips = await accessIpsOf(site);
    const servers = await serversByIpOrId(db, ips, site.server_id ? [site.server_id] : []);
    const regionKind: Record<string, string> = { mainland: '中国大陆', hongkong: '中国香港', overseas: '境外' };
    const regions = [...new Set(servers.map((s) => `${regionKind[s.region_kind] ?? s.region_kind} · ${s.region}`))];
    for (const s of servers)
      if (s.public_ip && !ips.includes(s.public_ip) && s.id === site.server_id) ips.push(s.public_ip);
    const domains = [...new Set((await filedDomainsOf(db, [site.website_id])).map((d) => d.domain))];
    const pdf = await accessInfoSheetPdf({
      date: today(),
      providerName: deps.config.BEIAN_PROVIDER_NAME,
      licenceNumber: deps.config.BEIAN_ACCESS_LICENCE_NUMBER,
      subjectName: site.subject_name,
      subjectFilingNumber: site.subject_filing_number ?? '',
      websiteName: site.website_name,
      websiteFilingNumber: site.website_filing_number,
      domains,
      accessIps: ips,
      serverRegions: regions,
    });
    return { pdf, fileName: `access-provider-info-${site.website_filing_number.replace(/[^\w-]+/g, '_')}.pdf` };
  }

  function qualificationView(r: QualificationRow) {
    return {
      id: r.id,
      accountId: r.account_id,
      domain: r.domain,
      uin: r.uin,
      registeredCapitalCny: r.registered_capital_cny === null ? null : Number(r.registered_capital_cny),
      websiteId: r.website_id,
      filingNumber: r.filing_number,
      warnings: JSON.parse(r.warnings) as Violation[],
      state: r.state as QualificationState,
      note: r.note,
      decidedAt: r.decided_at === null ? null : Number(r.decided_at),
      createdAt: Number(r.created_at),
    };
  }

  /** R-EXT-004/005, FAQ-259/262: a qualification-document request, accepted as an OPEN ticket or refused. */
  async function requestQualification(
    actor: Actor,
    input: { domain: string; uin: string; registeredCapitalCny?: number },
  ) {
    const accountId = accountOf(actor);
    const parsed = registrableOf(input.domain);
    const sites = parsed ? await liveSitesOfDomain(db, parsed.domain) : [];
    // only a party to the filing may ask about it: the subject's account, or the account whose server serves it;
    // for anyone else the domain is simply "not filed here" (nothing about another account's filing is revealed)
    let site: FiledSiteRow | null = null;
    let servers: ServerWithOwner[] = [];
    for (const candidate of [...sites].sort((a, b) => b.accessed_here - a.accessed_here)) {
      const ips = await accessIpsOf(candidate);
      const its = await serversByIpOrId(db, ips, candidate.server_id ? [candidate.server_id] : []);
      if (candidate.account_id === accountId || its.some((s) => s.account_id === accountId)) {
        site = candidate;
        servers = its;
        break;
      }
    }
    const day = today();
    let website: Parameters<typeof qualificationRequestDecision>[1]['website'] = null;
    if (site && isProvinceName(site.province)) {
      const complete =
        site.website_status === 'FILED' &&
        site.subject_status === 'FILED' &&
        (await openOrderCountOfSubject(db, site.subject_id)) === 0;
      website = {
        filingNumber: site.website_filing_number ?? '',
        filingComplete: complete,
        accessedHere: site.accessed_here === 1,
        serverAccountUins: [...new Set(servers.map((s) => s.account_no))],
        subjectProvince: site.province,
        subjectCity: subjectCity(site),
      };
    }
    const decision = qualificationRequestDecision(
      { domain: input.domain, uin: input.uin, registeredCapitalCny: input.registeredCapitalCny },
      { website, provinces: deps.provinces(day) },
    );
    if (!decision.accepted && decision.refusal) throw ruleViolation([decision.refusal]);
    const now = clock.now().getTime();
    const row: QualificationRow = {
      id: newId(),
      account_id: accountId,
      domain: parsed?.domain ?? input.domain.trim(),
      uin: input.uin.trim(),
      registered_capital_cny: input.registeredCapitalCny ?? null,
      website_id: site?.website_id ?? null,
      filing_number: site?.website_filing_number ?? null,
      warnings: JSON.stringify(decision.warnings),
      state: 'OPEN',
      note: null,
      decided_by: null,
      decided_at: null,
      created_at: now,
      updated_at: now,
    };
    await insertQualification(db, row);
    return qualificationView(row);
  }

  async function listQualifications(actor: Actor, state?: QualificationState) {
    const rows = await qualificationsOf(db, isStaff(actor) ? { state } : { accountId: accountOf(actor), state });
    return rows.map(qualificationView);
  }

  /** Support closes a ticket: the documents were sent (attached outside the platform), or the request is refused. */
  async function decide(actor: Actor, id: string, d: { state: 'DOCUMENTS_SENT' | 'REJECTED'; note: string }) {
    const existing = await qualificationById(db, id);
    if (!existing) throw notFound({ zh: '工单不存在', en: 'No such ticket' });
    const ok = await decideQualification(
      db,
      id,
      { state: d.state, note: d.note.trim(), by: actor.id },
      clock.now().getTime(),
    );
    if (!ok)
      throw new DomainError('ILLEGAL_TRANSITION', {
        reason: 'TICKET_ALREADY_DECIDED',
        message: { zh: '该工单已处理', en: 'The ticket has already been decided' },
      });
    const row = await qualificationById(db, id);
    return qualificationView(row as QualificationRow);
  }

  return {
    diagnose,
    diagnosisDomains,
    websites,
    recordPsb,
    infoSheet,
    requestQualification,
    listQualifications,
    decide,
  };
}

export type ExtrasService = ReturnType<typeof createExtrasService>;
