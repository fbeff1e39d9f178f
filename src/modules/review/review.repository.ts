import type { Tx } from '../../platform/db/database.ts';

/** The review module's queries (Kysely, both dialects). Rows come back as stored; the service shapes them. */

export const REJECTION_AUDIT_TYPES = ['INITIAL_REVIEW_REJECTED', 'RE_REVIEW_REJECTED', 'BUREAU_REJECTED'] as const;

export interface QueueFilter {
  province?: string;
  type?: string;
}

export async function ordersInStates(tx: Tx, states: readonly string[], filter: QueueFilter) {
  let q = tx
    .selectFrom('orders')
    .select([
      'id',
      'order_no',
      'order_type',
      'state',
      'version',
      'province',
      'summary',
      'flags',
      'rejection',
      'state_entered_at',
      'submitted_at',
      'created_at',
    ])
    .where('state', 'in', states as string[])
    .orderBy('state_entered_at')
    .limit(500);
  if (filter.province) q = q.where('province', '=', filter.province);
  if (filter.type) q = q.where('order_type', '=', filter.type);
  return q.execute();
}

export type QueueOrderRow = Awaited<ReturnType<typeof ordersInStates>>[number];

/** Pending STEP_EXPIRY timers due before `until` (R-ORD-026, R-NTF-011), with their orders. */
export async function expiringOrders(tx: Tx, until: number, filter: QueueFilter) {
  let q = tx
    .selectFrom('timers')
    .innerJoin('orders', 'orders.id', 'timers.object_id')
    .select([
      'orders.id',
      'orders.order_no',
      'orders.order_type',
      'orders.state',
      'orders.version',
      'orders.province',
      'orders.summary',
      'orders.flags',
      'orders.rejection',
      'orders.state_entered_at',
      'orders.submitted_at',
      'orders.created_at',
      'timers.due_at',
    ])
    .where('timers.kind', '=', 'STEP_EXPIRY')
    .where('timers.done_at', 'is', null)
    .where('timers.due_at', '<=', until)
    .orderBy('timers.due_at')
    .limit(500);
  if (filter.province) q = q.where('orders.province', '=', filter.province);
  if (filter.type) q = q.where('orders.order_type', '=', filter.type);
  return q.execute();
}

export async function submissionsOf(tx: Tx, orderIds: readonly string[]) {
  if (orderIds.length === 0) return [];
  return tx
    .selectFrom('bureau_submissions')
    .selectAll()
    .where('order_id', 'in', orderIds as string[])
    .orderBy('updated_at', 'desc')
    .execute();
}

/** Submissions whose state names an error, whatever state their order is in (a failed sync after a decision). */
export async function problemSubmissions(tx: Tx) {
  return tx
    .selectFrom('bureau_submissions')
    .selectAll()
    .where((eb) =>
      eb.or([eb(eb.fn('lower', ['state']), 'like', '%error%'), eb(eb.fn('lower', ['state']), 'like', '%fail%')]),
    )
    .orderBy('updated_at', 'desc')
    .limit(500)
    .execute();
}

export async function ordersByIds(tx: Tx, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return tx
    .selectFrom('orders')
    .select([
      'id',
      'order_no',
      'order_type',
      'state',
      'version',
      'province',
      'summary',
      'flags',
      'rejection',
      'state_entered_at',
      'submitted_at',
      'created_at',
    ])
    .where('id', 'in', ids as string[])
    .execute();
}

export async function callsOf(tx: Tx, orderIds: readonly string[]) {
  if (orderIds.length === 0) return [];
  return tx
    .selectFrom('review_calls')
    .selectAll()
    .where('order_id', 'in', orderIds as string[])
    .orderBy('at')
    .orderBy('attempt')
    .execute();
}

/** The seq of the event that opened the current stay in `state` (the review round), or null. */
export async function roundSeqs(tx: Tx, orderIds: readonly string[], state: string) {
  if (orderIds.length === 0) return new Map<string, number>();
  const rows = await tx
    .selectFrom('order_events')
    .select(['order_id', 'seq', 'from_state'])
    .where('order_id', 'in', orderIds as string[])
    .where('to_state', '=', state)
    .orderBy('seq')
    .execute();
  const out = new Map<string, number>();
  for (const r of rows) if (r.from_state !== state) out.set(r.order_id, r.seq);
  return out;
}

export async function rejectionsOf(tx: Tx, orderId: string) {
  return tx
    .selectFrom('review_rejections')
    .selectAll()
    .where('order_id', '=', orderId)
    .orderBy('order_version')
    .execute();
}

export async function materialsOf(tx: Tx, orderId: string) {
  return tx
    .selectFrom('materials')
    .select([
      'id',
      'kind',
      'website_index',
      'content_type',
      'size',
      'width',
      'height',
      'thumb_key',
      'uploaded_role',
      'created_at',
    ])
    .where('order_id', '=', orderId)
    .where('replaced_at', 'is', null)
    .orderBy('created_at')
    .execute();
}

export async function countsByStateAndProvince(tx: Tx) {
  return tx
    .selectFrom('orders')
    .select(['state', 'province', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(['state', 'province'])
    .execute();
}

/** Lifecycle events up to `to` (the step statistics need the entries that precede the window). */
export async function stepEvents(tx: Tx, from: number, to: number) {
  return tx
    .selectFrom('order_events')
    .select(['order_id', 'seq', 'at', 'from_state', 'to_state', 'event', 'details'])
    .where('at', '<=', to)
    .where('order_id', 'in', (eb) => eb.selectFrom('order_events as w').select('w.order_id').where('w.at', '>=', from))
    .execute();
}
