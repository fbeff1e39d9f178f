import type { Clock } from '../../platform/clock.ts';
import type { PiiCrypto } from '../../platform/crypto/boot.ts';
import type { Database, Tx } from '../../platform/db/database.ts';
import { newId } from '../../platform/db/ids.ts';
import { DomainError } from '../../platform/errors.ts';
import { type Actor, appendAudit } from '../audit/audit.repository.ts';
import type { WorkCalendar } from '../calendar/index.ts';
import type { OrdersService } from '../filings/orders.service.ts';
import { provinceRulesFor } from '../rules/provinces/table.ts';
import { type CurtainAddress, type CurtainRequestReason, checkCurtainAddressChange, planCurtainRequest } from './curtain.ts';

/** Curtain (幕布) requests: the plan comes from the pure curtain rules; this persists and audits it (R-MAT-025..029). */
export type CurtainDispatchedNotifier = (tx: Tx, input: { orderId: string; curtainRequestId: string; courier: string; trackingNumber: string; dispatchedOn?: string }, now: number) => Promise<void>;

export function createCurtainService(deps: { database: Database; clock: Clock; calendar: WorkCalendar; pii: PiiCrypto; orders: OrdersService; notifyDispatched?: CurtainDispatchedNotifier; courier?: string }) {
  const { db } = deps.database;

  async function request(actor: Actor, orderId: string, input: { address: CurtainAddress; reason?: Exclude<CurtainRequestReason, 'FIRST'> }, requestId?: string) {
    const order = await deps.orders.get(actor, orderId, requestId);
    const previous = await db.selectFrom('curtain_requests').select((eb) => eb.fn.countAll<number>().as('n')).where('account_id', '=', order.accountId).executeTakeFirst();
    const province = order.province ?? '广东';
    const planned = planCurtainRequest(
      { requestedAt: deps.clock.now(), orderState: order.state, filingProvinceRules: { curtainText: provinceRulesFor(province).curtainText }, address: input.address, previousRequests: Number(previous?.n ?? 0), reason: input.reason },
      deps.calendar,
    );
    if (!planned.ok) throw new DomainError('RULE_VIOLATION', { reason: planned.violations[0].code, message: planned.violations[0].message, violations: planned.violations });
    const t = deps.clock.now().getTime();
    const id = newId();
    const plan = planned.plan;
    await db.transaction().execute(async (tx) => {
      await tx.insertInto('curtain_requests').values({
        id, order_id: order.id, account_id: order.accountId, address_enc: deps.pii.keyring.encryptString(JSON.stringify(input.address), `curtain_requests.address.${id}`),
        province: plan.destinationProvince, paid_resend: plan.charge.postagePayer === 'CUSTOMER' ? 1 : 0, state: 'REQUESTED', dispatch_date: plan.dispatch.dispatchDate,
        dispatched_at: null, created_at: t, updated_at: t,
      }).execute();
      await appendAudit(tx, { actor, action: 'curtain.request', objectType: 'order', objectId: order.id, requestId, details: { curtainRequestId: id, dispatchDate: plan.dispatch.dispatchDate, reason: plan.charge.reason } }, t);
    });
    return { id, ...plan };
  }

  /** R-MAT-029: the address may change only before dispatch. */
  async function changeAddress(actor: Actor, requestIdParam: string, address: CurtainAddress, requestId?: string) {
    const row = await db.selectFrom('curtain_requests').selectAll().where('id', '=', requestIdParam).executeTakeFirst();
    if (!row || (actor.role === 'customer' && row.account_id !== actor.id)) throw new DomainError('NOT_FOUND', { reason: 'CURTAIN_REQUEST_NOT_FOUND' });
    const first = (await db.selectFrom('curtain_requests').select('id').where('account_id', '=', row.account_id).orderBy('created_at').executeTakeFirst())?.id === row.id;
    const ok = checkCurtainAddressChange({ channel: 'ONLINE', firstRequest: first, dispatchedAt: row.dispatched_at ? new Date(row.dispatched_at) : null }, actor.role === 'customer' ? 'CUSTOMER' : 'SUPPORT', deps.clock.now());
    if (!ok.ok) throw new DomainError('RULE_VIOLATION', { reason: ok.violation.code, message: ok.violation.message, violations: [ok.violation] });
    const t = deps.clock.now().getTime();
    await db.transaction().execute(async (tx) => {
      await tx.updateTable('curtain_requests').set({ address_enc: deps.pii.keyring.encryptString(JSON.stringify(address), `curtain_requests.address.${row.id}`), updated_at: t }).where('id', '=', row.id).execute();
      await appendAudit(tx, { actor, action: 'curtain.change_address', objectType: 'order', objectId: row.order_id, requestId }, t);
    });
    return { ok: true };
  }

  async function list(actor: Actor, orderId: string) {
    await deps.orders.get(actor, orderId);
    const rows = await db.selectFrom('curtain_requests').selectAll().where('order_id', '=', orderId).orderBy('created_at').execute();
    return rows.map((r) => ({ id: r.id, state: r.state, dispatchDate: r.dispatch_date, dispatchedAt: r.dispatched_at, paidResend: r.paid_resend === 1, province: r.province, createdAt: r.created_at }));
  }

  /** Staff hand the curtain to the courier (R-MAT-029): from then on the address is fixed; the customer gets the tracking number (R-NTF-016). */
  async function dispatch(actor: Actor, curtainRequestId: string, input: { trackingNumber: string; courier?: string }, requestId?: string) {
    return db.transaction().execute(async (tx) => {
      const row = await tx.selectFrom('curtain_requests').selectAll().where('id', '=', curtainRequestId).executeTakeFirst();
      if (!row) throw new DomainError('NOT_FOUND', { reason: 'CURTAIN_REQUEST_NOT_FOUND' });
      if (row.dispatched_at) throw new DomainError('CONFLICT', { reason: 'CURTAIN_ALREADY_DISPATCHED' });
      const t = deps.clock.now().getTime();
      const courier = input.courier ?? deps.courier ?? '顺丰速运';
      await tx.updateTable('curtain_requests').set({ state: 'DISPATCHED', dispatched_at: t, updated_at: t }).where('id', '=', row.id).where('dispatched_at', 'is', null).execute();
      await deps.notifyDispatched?.(tx, { orderId: row.order_id, curtainRequestId: row.id, courier, trackingNumber: input.trackingNumber }, t);
      await appendAudit(tx, { actor, action: 'curtain.dispatch', objectType: 'order', objectId: row.order_id, requestId, details: { curtainRequestId: row.id, courier } }, t);
      return { id: row.id, state: 'DISPATCHED', dispatchedAt: t, courier, trackingNumber: input.trackingNumber };
    });
  }

  return { request, changeAddress, list, dispatch };
}
export type CurtainService = ReturnType<typeof createCurtainService>;
