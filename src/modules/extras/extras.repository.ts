import type { Tx } from '../../platform/db/database.ts';
import type { QualificationRequestsTable } from '../../platform/db/schema.ts';

/**
 * Reads of the registry, the inventory and the orders that the extras need, and the two tables of 006_extras.
 * The access projection is read through the access module's own repository (read only here).
 */

const LIVE_WEBSITE = ['FILED', 'SHELL'];
const TERMINAL_ORDER_STATES = ['APPROVED', 'ABANDONED', 'EXPIRED'];

export interface FiledSiteRow {
  website_id: string;
  website_name: string;
  website_filing_number: string | null;
  website_status: string;
  accessed_here: number;
  access_ip: string | null;
  server_id: string | null;
  website_approved_on: string | null;
  subject_id: string;
  account_id: string;
  subject_name: string;
  subject_filing_number: string | null;
  subject_status: string;
  province: string;
  subject_data_enc: string | null;
}

function siteQuery(tx: Tx) {
  return tx
    .selectFrom('websites as w')
    .innerJoin('subjects as s', 's.id', 'w.subject_id')
    .select([
      'w.id as website_id',
      'w.name as website_name',
      'w.filing_number as website_filing_number',
      'w.status as website_status',
      'w.accessed_here',
      'w.access_ip',
      'w.server_id',
      'w.approved_on as website_approved_on',
      's.id as subject_id',
      's.account_id',
      's.name as subject_name',
      's.filing_number as subject_filing_number',
      's.status as subject_status',
      's.province',
      's.data_enc as subject_data_enc',
    ]);
}

/** The live (filed or shell) websites that hold the registrable domain, from any account. */
export async function liveSitesOfDomain(tx: Tx, domain: string): Promise<FiledSiteRow[]> {
  return siteQuery(tx)
    .innerJoin('domains as d', 'd.website_id', 'w.id')
    .where('d.domain', '=', domain)
    .where('d.status', '=', 'FILED')
    .where('w.status', 'in', LIVE_WEBSITE)
    .distinct()
    .execute();
}

export async function siteById(tx: Tx, websiteId: string): Promise<FiledSiteRow | undefined> {
  return siteQuery(tx).where('w.id', '=', websiteId).executeTakeFirst();
}

/** The live websites of an account's subjects. */
export async function liveSitesOfAccount(tx: Tx, accountId: string): Promise<FiledSiteRow[]> {
  return siteQuery(tx)
    .where('s.account_id', '=', accountId)
    .where('w.status', 'in', LIVE_WEBSITE)
    .orderBy('w.created_at')
    .orderBy('w.id')
    .execute();
}

export async function filedDomainsOf(tx: Tx, websiteIds: readonly string[]) {
  if (websiteIds.length === 0) return [];
  return tx
    .selectFrom('domains')
    .select(['website_id', 'domain', 'host'])
    .where('website_id', 'in', websiteIds)
    .where('status', '=', 'FILED')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** Registrable domains an account's subjects hold, in any status (a cancelled one is still the account's to ask about). */
export async function subjectDomainsOfAccount(tx: Tx, accountId: string): Promise<string[]> {
  const rows = await tx
    .selectFrom('domains as d')
    .innerJoin('subjects as s', 's.id', 'd.subject_id')
    .select('d.domain')
    .distinct()
    .where('s.account_id', '=', accountId)
    .execute();
  return rows.map((r) => r.domain);
}

/** The non-personal summaries of an account's orders (they name the domains ordered). */
export async function orderSummariesOfAccount(tx: Tx, accountId: string): Promise<string[]> {
  const rows = await tx.selectFrom('orders').select('summary').where('account_id', '=', accountId).execute();
  return rows.map((r) => r.summary);
}

/**
 * When the account's FIRST / ADD_WEBSITE orders were approved, with the domains each names: the day their websites
 * first became allowed here (R-EXT-001, 网站开通之日).
 */
export async function openingApprovalsOfAccount(tx: Tx, accountId: string) {
  return tx
    .selectFrom('orders as o')
    .innerJoin('order_events as e', 'e.order_id', 'o.id')
    .select(['o.summary', 'e.at'])
    .where('o.account_id', '=', accountId)
    .where('o.order_type', 'in', ['FIRST', 'ADD_WEBSITE'])
    .where('e.to_state', '=', 'APPROVED')
    .execute();
}

export async function openOrderCountOfSubject(tx: Tx, subjectId: string): Promise<number> {
  const r = await tx
    .selectFrom('orders')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('subject_id', '=', subjectId)
    .where('state', 'not in', TERMINAL_ORDER_STATES)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function activeRegistryAccess(tx: Tx, websiteIds: readonly string[]) {
  if (websiteIds.length === 0) return [];
  return tx
    .selectFrom('registry_access')
    .select(['website_id', 'provider_id', 'access_ip'])
    .where('website_id', 'in', websiteIds)
    .where('status', '=', 'ACTIVE')
    .execute();
}

export interface ServerWithOwner {
  id: string;
  name: string;
  region: string;
  region_kind: string;
  public_ip: string | null;
  account_id: string;
  account_no: string;
}

/** Servers of the inventory by public IP or id, with the UIN (account number) of the owning account. */
export async function serversByIpOrId(
  tx: Tx,
  ips: readonly string[],
  ids: readonly string[],
): Promise<ServerWithOwner[]> {
  if (ips.length === 0 && ids.length === 0) return [];
  return tx
    .selectFrom('servers as sv')
    .innerJoin('users as u', 'u.id', 'sv.account_id')
    .select(['sv.id', 'sv.name', 'sv.region', 'sv.region_kind', 'sv.public_ip', 'sv.account_id', 'u.account_no'])
    .where((eb) =>
      eb.or([
        ...(ips.length ? [eb('sv.public_ip', 'in', [...ips])] : []),
        ...(ids.length ? [eb('sv.id', 'in', [...ids])] : []),
      ]),
    )
    .execute();
}

// ---------------------------------------------------------------------------------------------------------------
// 006_extras

export async function psbOf(tx: Tx, websiteIds: readonly string[]) {
  if (websiteIds.length === 0) return [];
  return tx.selectFrom('psb_records').selectAll().where('website_id', 'in', websiteIds).execute();
}

export async function upsertPsb(
  tx: Tx,
  r: { websiteId: string; accountId: string; psbNumber: string; approvedOn: string; by: string | null; id: string },
  now: number,
) {
  const updated = await tx
    .updateTable('psb_records')
    .set({
      psb_number: r.psbNumber,
      approved_on: r.approvedOn,
      account_id: r.accountId,
      created_by: r.by,
      updated_at: now,
    })
    .where('website_id', '=', r.websiteId)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) > 0) return false;
  await tx
    .insertInto('psb_records')
    .values({
      id: r.id,
      website_id: r.websiteId,
      account_id: r.accountId,
      psb_number: r.psbNumber,
      approved_on: r.approvedOn,
      created_by: r.by,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return true;
}

export type QualificationRow = QualificationRequestsTable;

export async function insertQualification(tx: Tx, row: QualificationRow) {
  await tx.insertInto('qualification_requests').values(row).execute();
}

export async function qualificationsOf(tx: Tx, filter: { accountId?: string; state?: string }) {
  let q = tx.selectFrom('qualification_requests').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc');
  if (filter.accountId) q = q.where('account_id', '=', filter.accountId);
  if (filter.state) q = q.where('state', '=', filter.state);
  return q.limit(500).execute();
}

export async function qualificationById(tx: Tx, id: string) {
  return tx.selectFrom('qualification_requests').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Decides an OPEN ticket; false when it was no longer open (a concurrent decision won). */
export async function decideQualification(
  tx: Tx,
  id: string,
  d: { state: string; note: string; by: string | null },
  now: number,
): Promise<boolean> {
  const r = await tx
    .updateTable('qualification_requests')
    .set({ state: d.state, note: d.note, decided_by: d.by, decided_at: now, updated_at: now })
    .where('id', '=', id)
    .where('state', '=', 'OPEN')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
