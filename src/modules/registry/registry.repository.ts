import { type CompiledQuery, sql } from 'kysely';
import type { Tx } from '../../platform/db/database.ts';
import type { SqlReader } from '../bureau/sqlite.ts';

/**
 * Reads of the registry (filed subjects, websites, domains, access records) shared by the bureau sync and the public
 * query. Statuses per §17.3: websites FILED / SHELL / CANCELLED, subjects FILED / CANCELLED, domains FILED /
 * REMOVED / CANCELLED, access records ACTIVE / REMOVED.
 */

export const LIVE_WEBSITE = ['FILED', 'SHELL'] as const;

export interface PublicRecord {
  subjectName: string;
  subjectType: string;
  subjectFilingNumber: string;
  websiteName: string;
  websiteFilingNumber: string;
  domains: string[];
  approvedOn: string | null;
}

function websiteQuery(tx: Tx) {
  return tx
    .selectFrom('websites')
    .innerJoin('subjects', 'subjects.id', 'websites.subject_id')
    .select([
      'websites.id as website_id',
      'websites.name as website_name',
      'websites.filing_number as website_number',
      'websites.approved_on',
      'subjects.name as subject_name',
      'subjects.subject_type',
      'subjects.filing_number as subject_number',
    ])
    .where('websites.status', 'in', [...LIVE_WEBSITE])
    .where('subjects.status', '=', 'FILED');
}

type WebsiteHit = Awaited<ReturnType<ReturnType<typeof websiteQuery>['execute']>>[number];

async function withDomains(tx: Tx, hits: WebsiteHit[]): Promise<PublicRecord[]> {
  if (hits.length === 0) return [];
  const rows = await tx
    .selectFrom('domains')
    .select(['website_id', 'domain', 'host'])
    .where(
      'website_id',
      'in',
      hits.map((h) => h.website_id),
    )
    .where('status', '=', 'FILED')
    .execute();
  return hits.map((h) => ({
    subjectName: h.subject_name,
    subjectType: h.subject_type,
    subjectFilingNumber: h.subject_number ?? '',
    websiteName: h.website_name,
    websiteFilingNumber: h.website_number ?? '',
    domains: [...new Set(rows.filter((r) => r.website_id === h.website_id).map((r) => r.host ?? r.domain))],
    approvedOn: h.approved_on,
  }));
}

/** By registrable domain (the caller normalises any host to it). */
export async function recordsByDomain(tx: Tx, domain: string, reader?: SqlReader | null): Promise<PublicRecord[]> {
  if (reader) return recordsByDomainPrepared(tx, domain, reader);
  const hits = await byDomainQuery(tx, domain).execute();
  return withDomains(tx, hits);
}

const byDomainQuery = (tx: Tx, domain: string) =>
  websiteQuery(tx)
    .innerJoin('domains', 'domains.website_id', 'websites.id')
    .where('domains.domain', '=', domain)
    .where('domains.status', '=', 'FILED')
    // a bound LIMIT costs SQLite several times the indexed lookup itself; the constant is inlined
    .limit(sql.lit(1));

// The hot path on SQLite: the same Kysely queries, compiled once with a marker where the caller's value goes, run as
// cached prepared statements on the read connection.
const MARK = '\u0000bind';
const bind = (q: CompiledQuery, ...values: unknown[]) => {
  let i = 0;
  return q.parameters.map((p) => (p === MARK ? values[i++] : p));
};
let compiled: { hit: CompiledQuery; domains: CompiledQuery } | null = null;

function recordsByDomainPrepared(tx: Tx, domain: string, reader: SqlReader): PublicRecord[] {
  compiled ??= {
    hit: byDomainQuery(tx, MARK).compile(),
    domains: tx
      .selectFrom('domains')
      .select(['website_id', 'domain', 'host'])
      .where('website_id', '=', MARK)
      .where('status', '=', 'FILED')
      .compile(),
  };
  const hit = reader.all<WebsiteHit>(compiled.hit, bind(compiled.hit, domain))[0];
  if (!hit) return [];
  const rows = reader.all<{ domain: string; host: string | null }>(
    compiled.domains,
    bind(compiled.domains, hit.website_id),
  );
  return [
    {
      subjectName: hit.subject_name,
      subjectType: hit.subject_type,
      subjectFilingNumber: hit.subject_number ?? '',
      websiteName: hit.website_name,
      websiteFilingNumber: hit.website_number ?? '',
      domains: [...new Set(rows.map((r) => r.host ?? r.domain))],
      approvedOn: hit.approved_on,
    },
  ];
}

/** By a website number (…号-n: that website) or a subject number (…号: all its live websites). */
export async function recordsByNumber(tx: Tx, number: string): Promise<PublicRecord[]> {
  const n = number.trim();
  const site = await websiteQuery(tx).where('websites.filing_number', '=', n).execute();
  if (site.length) return withDomains(tx, site);
  return withDomains(
    tx,
    await websiteQuery(tx)
      .where('subjects.filing_number', '=', n)
      .orderBy('websites.filing_number')
      .limit(sql.lit(100))
      .execute(),
  );
}

export async function recordsBySubjectName(tx: Tx, name: string): Promise<PublicRecord[]> {
  return withDomains(
    tx,
    await websiteQuery(tx)
      .where('subjects.name', '=', name.trim())
      .orderBy('websites.filing_number')
      .limit(sql.lit(100))
      .execute(),
  );
}

/** By the blind-index keys of a certificate number under every certificate type (the number alone names no type). */
export async function recordsBySubjectKeys(tx: Tx, keys: readonly string[]): Promise<PublicRecord[]> {
  if (keys.length === 0) return [];
  return withDomains(
    tx,
    await websiteQuery(tx)
      .where('subjects.subject_key', 'in', [...keys])
      .orderBy('websites.filing_number')
      .limit(sql.lit(100))
      .execute(),
  );
}
