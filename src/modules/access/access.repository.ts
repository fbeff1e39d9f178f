import type { Tx } from '../../platform/db/database.ts';

/**
 * The access projection (R-ACS, §17.2 access column): one row per registrable domain with the gateway's decision.
 * Written only inside `transition()` and the bureau sync, in the same transaction as the state change, so the edge
 * never sees a decision that the order data does not back. A domain with no row is not filed here: blocked.
 */
export type AccessDecision = 'allow' | 'temp_allow' | 'block';
/**
 * Why a domain is served or blocked; the block page explains each (R-ACS-014). `CANCELLED` is what a CANCEL_* order
 * writes at approval; `FILING_CANCELLED` (the bureau cancelled the number, R-BUR-016) and `ACCESS_CANCELLED`
 * (provider-initiated cancel access, R-CHG-016/018) are the two R-ACS-014 categories when the cause is known.
 */
export const ACCESS_REASONS = [
  'FILED',
  'ACCESS_IN_REVIEW',
  'NOT_FILED',
  'FILING_IN_PROGRESS',
  'NOT_ACCESSED_HERE',
  'CANCELLED',
  'FILING_CANCELLED',
  'ACCESS_CANCELLED',
] as const;
export type AccessReason = (typeof ACCESS_REASONS)[number];

export interface AccessChange {
  domain: string;
  decision: AccessDecision;
  reason: AccessReason;
  subjectId?: string | null;
  orderId?: string | null;
}

const VERSION_KEY = 'access_version';

/** Bumps the projection's global version; the row update serialises concurrent writers on both databases. */
async function nextVersion(tx: Tx, now: number): Promise<number> {
  const bumped = await tx
    .updateTable('settings')
    .set((eb) => ({ value: eb.cast(eb(eb.cast('value', 'integer'), '+', 1), 'text'), updated_at: now }))
    .where('key', '=', VERSION_KEY)
    .returning('value')
    .executeTakeFirst();
  if (bumped) return Number(bumped.value);
  await tx.insertInto('settings').values({ key: VERSION_KEY, value: '1', updated_at: now }).execute();
  return 1;
}

export async function applyAccessChanges(tx: Tx, changes: AccessChange[], now: number): Promise<number | null> {
  if (changes.length === 0) return null;
  const version = await nextVersion(tx, now);
  for (const c of changes) {
    const values = {
      decision: c.decision,
      reason: c.reason,
      subject_id: c.subjectId ?? null,
      order_id: c.orderId ?? null,
      version,
      updated_at: now,
    };
    const updated = await tx
      .updateTable('access_domains')
      .set(values)
      .where('domain', '=', c.domain)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0)
      await tx
        .insertInto('access_domains')
        .values({ domain: c.domain, ...values })
        .execute();
  }
  return version;
}

export async function accessVersion(tx: Tx): Promise<number> {
  const row = await tx.selectFrom('settings').select('value').where('key', '=', VERSION_KEY).executeTakeFirst();
  return row ? Number(row.value) : 0;
}

export async function accessRowsSince(tx: Tx, sinceVersion: number) {
  return tx
    .selectFrom('access_domains')
    .select(['domain', 'decision', 'reason', 'version'])
    .where('version', '>', sinceVersion)
    .execute();
}

export async function accessRow(tx: Tx, domain: string) {
  return tx.selectFrom('access_domains').selectAll().where('domain', '=', domain).executeTakeFirst();
}

export interface AccessRow {
  domain: string;
  decision: string;
  reason: string;
  version: number;
}

/** The cursor of a keyset page: the last row the previous page returned. */
export type AccessCursor = { version: number; domain: string } | null;

/**
 * One keyset page of the rows changed after `sinceVersion`, in (version, domain) order: the gateway's poll and the
 * incremental export read any number of changes without holding them all in memory at once.
 */
export async function accessRowsSincePage(
  tx: Tx,
  sinceVersion: number,
  after: AccessCursor,
  limit: number,
): Promise<AccessRow[]> {
  return tx
    .selectFrom('access_domains')
    .select(['domain', 'decision', 'reason', 'version'])
    .where((eb) =>
      after
        ? eb.or([
            eb('version', '>', after.version),
            eb.and([eb('version', '=', after.version), eb('domain', '>', after.domain)]),
          ])
        : eb('version', '>', sinceVersion),
    )
    .orderBy('version')
    .orderBy('domain')
    .limit(limit)
    .execute();
}

/** One page of every row in primary-key order (the gateway's full load, the nginx export). */
export async function accessRowsPage(tx: Tx, afterDomain: string | null, limit: number): Promise<AccessRow[]> {
  let q = tx
    .selectFrom('access_domains')
    .select(['domain', 'decision', 'reason', 'version'])
    .orderBy('domain')
    .limit(limit);
  if (afterDomain !== null) q = q.where('domain', '>', afterDomain);
  return q.execute();
}

export async function accessRowCount(tx: Tx): Promise<number> {
  const r = await tx
    .selectFrom('access_domains')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** The rows of the given domains (domains without a row are simply absent). */
export async function accessRowsFor(tx: Tx, domains: readonly string[]) {
  if (domains.length === 0) return [];
  return tx.selectFrom('access_domains').selectAll().where('domain', 'in', domains).execute();
}
