import { Type } from 'typebox';
import { Value } from 'typebox/value';
import type { Clock } from '../../platform/clock.ts';
import type { Database } from '../../platform/db/database.ts';
import { setTimer, type TimerHandler, type TimerRow } from '../../platform/timers.ts';
import { SYSTEM } from '../audit/audit.repository.ts';
import { addCalendarDays, beijingDate, beijingInstant } from '../calendar/index.ts';
import type { OrderType } from '../filings/domain/order-types.ts';
import { isTerminal, ORDER_STATES, type OrderState, STEP_VALIDITY_DAYS } from '../filings/domain/states.ts';
import type { OrdersService } from '../filings/orders.service.ts';
import type { FilingDraft } from '../rules/draft.ts';
import { PSB_REMINDER_TIMER } from './notifier.ts';
import { CULTURE_LICENCE_TIMER, type Senders } from './senders.ts';

/** Daily sweep for the 7-day server expiry reminder (R-NTF-010, interp. for the 7 days). */
export const SERVER_WARNING_SWEEP = 'NTF_SERVER_EXPIRY_WARNING_SWEEP';
export const SERVER_WARNING_LEAD_DAYS = 7;

const DAY_MS = 86_400_000;
const NON_TERMINAL = ORDER_STATES.filter((s) => !isTerminal(s));

const PsbPayload = Type.Object({
  accountId: Type.String(),
  orderId: Type.String(),
  domains: Type.Array(Type.String(), { minItems: 1 }),
  dueDate: Type.String(),
});
const CulturePayload = Type.Object({
  accountId: Type.String(),
  stage: Type.Union([Type.Literal('renewal'), Type.Literal('expired')]),
  licenceNumber: Type.String(),
  expiresOn: Type.String(),
  websiteName: Type.Optional(Type.String()),
  domain: Type.Optional(Type.String()),
});

function payloadOf(t: TimerRow): unknown {
  return t.payload ? JSON.parse(t.payload) : null;
}

export interface NotificationTimerDeps {
  database: Database;
  clock: Clock;
  orders: OrdersService;
  senders: Senders;
}

/**
 * The timer handlers of the notifications module, to merge into the app's `timerHandlers` registry. Each is
 * idempotent (the timer worker delivers at least once): messages are written with `once` on an event key.
 */
export function notificationTimerHandlers(deps: NotificationTimerDeps): Record<string, TimerHandler> {
  const { db } = deps.database;
  const now = () => deps.clock.now().getTime();
  // the draft holds the subject principal's email; reading it through the service keeps the PII read audited
  const draftOf = async (orderId: string) => (await deps.orders.get(SYSTEM, orderId)).draft as FilingDraft;

  /** R-NTF-011: 7 days before the 45-day step limit (R-ORD-026) the customer is told the step and the date. */
  const stepExpiryWarning: TimerHandler = async (t) => {
    const o = await db.selectFrom('orders').selectAll().where('id', '=', t.object_id).executeTakeFirst();
    if (!o) return;
    const state = o.state as OrderState;
    // the timer is cleared when the order leaves the step; PENDING_BUREAU has no step limit
    if (isTerminal(state) || state === 'PENDING_BUREAU') return;
    const expiresAt = o.state_entered_at + STEP_VALIDITY_DAYS * DAY_MS;
    if (expiresAt <= now()) return;
    const draft = await draftOf(o.id);
    await db.transaction().execute((tx) =>
      deps.senders.notifyAccount(
        tx,
        {
          accountId: o.account_id,
          template: 'R-NTF-011',
          payload: { orderId: o.id, orderNo: o.order_no, orderType: o.order_type as OrderType, state, expiresAt },
          eventKey: `order:${o.id}:step-warning:${o.state_entered_at}`,
          draft,
          once: true,
        },
        now(),
      ),
    );
  };

  /** R-EXT-001: the public-security filing falls due 30 days after the site opened; remind a week before. */
  const psbReminder: TimerHandler = async (t) => {
    const p = payloadOf(t);
    if (!Value.Check(PsbPayload, p)) throw new Error(`bad ${PSB_REMINDER_TIMER} payload`);
    await db.transaction().execute((tx) =>
      deps.senders.notifyAccount(
        tx,
        {
          accountId: p.accountId,
          template: 'R-EXT-001',
          payload: { orderId: p.orderId, domains: p.domains, dueDate: p.dueDate },
          eventKey: `psb:${p.orderId}`,
          once: true,
        },
        now(),
      ),
    );
  };

  /** R-NTF-019 / R-EXT-011: the 文网文 renewal reminder and the expiry notice. */
  const cultureLicence: TimerHandler = async (t) => {
    const p = payloadOf(t);
    if (!Value.Check(CulturePayload, p)) throw new Error(`bad ${CULTURE_LICENCE_TIMER} payload`);
    const { accountId, ...payload } = p;
    await db.transaction().execute((tx) =>
      deps.senders.notifyAccount(
        tx,
        {
          accountId,
          template: 'R-NTF-019',
          payload,
          eventKey: `culture:${t.object_id}:${p.stage}:${p.expiresOn}`,
          once: true,
        },
        now(),
      ),
    );
  };

  /**
   * R-NTF-010, first half: once a day, every non-terminal order whose access server (or its authorization code's
   * server, which the order records as its server) expires within 7 days gets a renewal reminder, once per expiry
   * date (a renewal moves the date, and a later expiry warns again). The expiry itself is T23 and its own mail.
   */
  const serverWarningSweep: TimerHandler = async () => {
    await sweepServerExpiryWarnings(deps);
    const next = beijingInstant(addCalendarDays(beijingDate(deps.clock.now()), 1), 9).getTime();
    const pending = await db
      .selectFrom('timers')
      .select('id')
      .where('kind', '=', SERVER_WARNING_SWEEP)
      .where('done_at', 'is', null)
      .where('due_at', '>', now())
      .executeTakeFirst();
    if (!pending) await setTimer(db, { kind: SERVER_WARNING_SWEEP, objectId: 'servers', dueAt: next }, now());
  };

  return {
    STEP_EXPIRY_WARNING: stepExpiryWarning,
    [PSB_REMINDER_TIMER]: psbReminder,
    [CULTURE_LICENCE_TIMER]: cultureLicence,
    [SERVER_WARNING_SWEEP]: serverWarningSweep,
  };
}

export async function sweepServerExpiryWarnings(deps: NotificationTimerDeps): Promise<number> {
  const { db } = deps.database;
  const today = beijingDate(deps.clock.now());
  const until = addCalendarDays(today, SERVER_WARNING_LEAD_DAYS);
  const rows = await db
    .selectFrom('orders')
    .innerJoin('servers', 'servers.id', 'orders.server_id')
    .select(['orders.id', 'orders.account_id', 'orders.order_no', 'servers.name', 'servers.expires_at'])
    .where('orders.state', 'in', NON_TERMINAL)
    .where('servers.expires_at', '>', today)
    .where('servers.expires_at', '<=', until)
    .execute();
  let sent = 0;
  for (const r of rows) {
    const draft = (await deps.orders.get(SYSTEM, r.id)).draft as FilingDraft;
    sent += await db.transaction().execute((tx) =>
      deps.senders.notifyAccount(
        tx,
        {
          accountId: r.account_id,
          template: 'R-NTF-010',
          payload: {
            orderId: r.id,
            orderNo: r.order_no,
            stage: 'warning',
            expiresOn: r.expires_at,
            serverName: r.name,
          },
          eventKey: `order:${r.id}:server-expiry-warning:${r.expires_at}`,
          draft,
          once: true,
        },
        deps.clock.now().getTime(),
      ),
    );
  }
  return sent;
}

/** Makes sure the daily server-expiry warning sweep is scheduled (at boot). */
export async function ensureNotificationTimers(database: Database, clock: Clock): Promise<void> {
  const pending = await database.db
    .selectFrom('timers')
    .select('id')
    .where('kind', '=', SERVER_WARNING_SWEEP)
    .where('done_at', 'is', null)
    .executeTakeFirst();
  if (!pending)
    await setTimer(
      database.db,
      { kind: SERVER_WARNING_SWEEP, objectId: 'servers', dueAt: clock.now().getTime() },
      clock.now().getTime(),
    );
}
