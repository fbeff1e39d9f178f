import type { Tx } from '../../platform/db/database.ts';
import { newId } from '../../platform/db/ids.ts';

/** Who did something: a signed-in user, a machine token, or the system itself (timers, sync). */
export interface Actor {
  id: string | null;
  role: Role;
  /** The account a customer acts for (its own id); staff and machines have none. */
  accountId?: string;
  email?: string;
  tokenId?: string;
}

export const ROLES = ['customer', 'reviewer', 'photo_agent', 'admin', 'edge', 'billing', 'system', 'bureau'] as const;
export type Role = (typeof ROLES)[number];
export const SYSTEM: Actor = { id: null, role: 'system' };

export interface AuditEntry {
  actor: Actor;
  action: string;
  objectType?: string;
  objectId?: string;
  requestId?: string;
  ip?: string;
  details?: Record<string, unknown>;
}

/** Append-only: there is no update or delete in this repository, on purpose. */
export async function appendAudit(tx: Tx, e: AuditEntry, at: number): Promise<void> {
  await tx
    .insertInto('audit_log')
    .values({
      id: newId(),
      at,
      actor_id: e.actor.id,
      actor_role: e.actor.role,
      action: e.action,
      object_type: e.objectType ?? null,
      object_id: e.objectId ?? null,
      request_id: e.requestId ?? null,
      ip: e.ip ?? null,
      details: e.details ? JSON.stringify(e.details) : null,
    })
    .execute();
}

export async function listAudit(
  tx: Tx,
  filter: { objectType?: string; objectId?: string; actorId?: string; limit?: number; before?: number },
) {
  let q = tx.selectFrom('audit_log').selectAll().orderBy('at', 'desc').orderBy('id', 'desc');
  if (filter.objectType) q = q.where('object_type', '=', filter.objectType);
  if (filter.objectId) q = q.where('object_id', '=', filter.objectId);
  if (filter.actorId) q = q.where('actor_id', '=', filter.actorId);
  if (filter.before) q = q.where('at', '<', filter.before);
  const rows = await q.limit(Math.min(filter.limit ?? 100, 500)).execute();
  return rows.map((r) => ({ ...r, details: r.details ? (JSON.parse(r.details) as Record<string, unknown>) : null }));
}
