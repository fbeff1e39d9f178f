import { maskIdNumber, maskName } from '../../platform/crypto/pii.ts';
import type { Database } from '../../platform/db/database.ts';
import { DomainError } from '../../platform/errors.ts';
import type { BureauPort, BureauStatus, PortalRecord } from '../bureau/port.ts';
import type { SqlReader } from '../bureau/sqlite.ts';
import { CERTIFICATE_TYPES } from '../rules/draft.ts';
import { registrableDomain } from '../rules/validators/domain.ts';
import {
  type PublicRecord,
  recordsByDomain,
  recordsByNumber,
  recordsBySubjectKeys,
  recordsBySubjectName,
} from './registry.repository.ts';
import type { Registry } from './registry.service.ts';

/**
 * The public query (R-BUR-012): by domain (any host resolves to its registrable domain), by filing number, by subject
 * name or by certificate number. The registry supplies the details; the bureau's answer (isp_querybeianstatus) is
 * authoritative: a record the bureau no longer has is "no record", a filing the registry does not know (another
 * provider's, or a decision not yet synced, R-BUR-011) comes from the bureau's own public query, and a website renamed
 * at the bureau shows the bureau's name. When the bureau cannot be reached, the registry answers and says so.
 */

export type PublicQuery = { domain?: string; number?: string; subject?: string; cert?: string };

export interface PublicQueryResult {
  query: { by: 'domain' | 'number' | 'subject' | 'cert'; value: string };
  records: PublicRecord[];
  /** `bureau`: confirmed by (or taken from) the bureau; `registry`: the bureau was unreachable. */
  source: 'bureau' | 'registry';
}

export interface QueryDeps {
  database: Database;
  registry: Registry;
  /** null: registry only (no bureau configured). */
  bureau: BureauPort | null;
  /** How many records one query confirms at the bureau (each is one isp_querybeianstatus call). */
  confirmLimit?: number;
  /** The read connection of the hot path (SQLite file databases); null: everything through Kysely. */
  reader?: SqlReader | null;
}

function fromPortal(r: PortalRecord): PublicRecord {
  return { ...r, approvedOn: r.approvedOn || null };
}

function invalid(field: string, zh: string, en: string): DomainError {
  return new DomainError('VALIDATION_FAILED', {
    reason: 'QUERY_INVALID',
    message: { zh, en },
    violations: [{ rule: 'R-BUR-012', code: 'QUERY_INVALID', severity: 'block', field, message: { zh, en } }],
  });
}

/** Personal subjects are shown with a masked name unless the query named them (R-BUR-012 shows the subject name). */
function present(records: PublicRecord[], by: PublicQueryResult['query']['by']): PublicRecord[] {
  return records.map((r) =>
    r.subjectType === 'PERSONAL' && by !== 'subject' ? { ...r, subjectName: maskName(r.subjectName) } : r,
  );
}

export function createPublicQuery(deps: QueryDeps) {
  const { db } = deps.database;
  const limit = deps.confirmLimit ?? 10;

  function parse(q: PublicQuery): PublicQueryResult['query'] {
    const given = (['domain', 'number', 'subject', 'cert'] as const).filter((k) => q[k]?.trim());
    if (given.length !== 1)
      throw invalid(
        'query',
        '请输入域名、备案号、主办单位名称或证件号码中的一项',
        'Give exactly one of domain, number, subject or cert',
      );
    const by = given[0]!;
    const value = q[by]!.trim();
    if (value.length > 253) throw invalid(by, '查询内容过长', 'The query is too long');
    return { by, value };
  }

  async function statusOf(domain: string): Promise<BureauStatus | 'unavailable'> {
    if (!deps.bureau) return 'unavailable';
    try {
      return await deps.bureau.status({ domain });
    } catch (e) {
      if (e instanceof DomainError && e.code === 'SERVICE_UNAVAILABLE') return 'unavailable';
      throw e;
    }
  }

  async function portal(q: PublicQuery): Promise<PublicRecord[] | 'unavailable'> {
    if (!deps.bureau) return 'unavailable';
    try {
      return (await deps.bureau.publicQuery(q)).map(fromPortal);
    } catch (e) {
      if (e instanceof DomainError && e.code === 'SERVICE_UNAVAILABLE') return 'unavailable';
      throw e;
    }
  }

  /** Keeps the registry records the bureau still has, with the bureau's website name. */
  async function confirm(records: PublicRecord[]): Promise<PublicRecord[] | 'unavailable'> {
    const out: PublicRecord[] = [];
    for (const r of records.slice(0, limit)) {
      const domain = r.domains.map((d) => registrableDomain(d)).find(Boolean);
      if (!domain) continue;
      const s = await statusOf(domain);
      if (s === 'unavailable') return 'unavailable';
      if (s.filed && s.websiteFilingNumber === r.websiteFilingNumber)
        out.push({ ...r, websiteName: s.websiteName ?? r.websiteName });
    }
    return out;
  }

  /** The registry side alone (what the benchmark compares with a raw lookup). */
  async function fromRegistry(query: PublicQueryResult['query']): Promise<PublicRecord[]> {
    switch (query.by) {
      case 'domain': {
        const domain = registrableDomain(query.value);
        if (!domain) throw invalid('domain', '域名格式不正确', 'Not a valid domain name');
        return recordsByDomain(db, domain, deps.reader);
      }
      case 'number':
        return recordsByNumber(db, query.value);
      case 'subject':
        return recordsBySubjectName(db, query.value);
      case 'cert':
        return recordsBySubjectKeys(db, deps.registry.keysOfNumber(query.value, CERTIFICATE_TYPES));
    }
  }

  async function query(q: PublicQuery): Promise<PublicQueryResult> {
    const query = parse(q);
    const local = await fromRegistry(query);
    const shown = { by: query.by, value: query.by === 'cert' ? maskIdNumber(query.value) : query.value };
    if (!deps.bureau) return { query: shown, records: present(local, query.by), source: 'registry' };

    if (query.by === 'domain') {
      const domain = registrableDomain(query.value)!;
      const s = await statusOf(domain);
      if (s === 'unavailable') return { query: shown, records: present(local, query.by), source: 'registry' };
      if (!s.filed) return { query: shown, records: [], source: 'bureau' };
      const mine = local.find((r) => r.websiteFilingNumber === s.websiteFilingNumber);
      if (mine)
        return {
          query: shown,
          records: present([{ ...mine, websiteName: s.websiteName ?? mine.websiteName }], query.by),
          source: 'bureau',
        };
      const theirs = await portal({ domain });
      if (theirs !== 'unavailable' && theirs.length)
        return { query: shown, records: present(theirs, query.by), source: 'bureau' };
      return {
        query: shown,
        records: [
          {
            subjectName: '',
            subjectType: '',
            subjectFilingNumber: s.subjectFilingNumber ?? '',
            websiteName: s.websiteName ?? '',
            websiteFilingNumber: s.websiteFilingNumber ?? '',
            domains: [domain],
            approvedOn: null,
          },
        ],
        source: 'bureau',
      };
    }

    const confirmed = local.length ? await confirm(local) : [];
    if (confirmed === 'unavailable') return { query: shown, records: present(local, query.by), source: 'registry' };
    if (confirmed.length) return { query: shown, records: present(confirmed, query.by), source: 'bureau' };
    const theirs = await portal({ [query.by]: query.value });
    if (theirs === 'unavailable') return { query: shown, records: present(local, query.by), source: 'registry' };
    return { query: shown, records: present(theirs, query.by), source: 'bureau' };
  }

  return { query, fromRegistry: (q: PublicQuery) => fromRegistry(parse(q)) };
}

export type PublicQueryService = ReturnType<typeof createPublicQuery>;
