import type { Tx } from '../../platform/db/database.ts';

/**
 * The access projection (R-ACS, §17.2 access column): one row per registrable domain with the gateway's decision.
 * Written only inside `transition()` and the bureau sync, in the same transaction as the state change, so the edge
 * never sees a decision that the order data does not back. A domain with no row is not filed here: blocked.
 */
export type AccessDecision = 'allow' | 'temp_allow' | 'block';
export type AccessReason =
  | 'FILED'
  | 'ACCESS_IN_REVIEW'
  | 'NOT_FILED'
  | 'FILING_IN_PROGRESS'
  | 'NOT_ACCESSED_HERE'
  | 'CANCELLED';

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
