import { maskIdNumber } from '../../platform/crypto/pii.ts';
import type { Tx } from '../../platform/db/database.ts';
import type { Lang } from '../../platform/i18n.ts';
import { setTimer } from '../../platform/timers.ts';
import { beijingInstant, type WorkCalendar } from '../calendar/index.ts';
import type { FilingDraft } from '../rules/draft.ts';
import { accountLang, isEmailAddress, orderRecipients } from './notifier.ts';
import { type Enqueue, eventRef } from './outbox.ts';
import { channelsOf, type PayloadOf, type TemplateId } from './templates.ts';

/** Timer kind of the 文网文 reminders (R-NTF-019 / R-EXT-011). */
export const CULTURE_LICENCE_TIMER = 'NTF_CULTURE_LICENCE';
/** R-EXT-011: the renewal reminder goes out 60 working days before expiry. */
export const CULTURE_RENEWAL_LEAD_WORKING_DAYS = 60;

/**
 * Entry points for the modules that own the other R-NTF events (bureau sync, transfer, curtain dispatch, registrar,
 * principal verification). Each writes outbox rows inside the caller's transaction.
 */
export function createSenders(deps: { enqueue: Enqueue }) {
  const { enqueue } = deps;

  /**
   * A provider notification to an account's contact email (and, with `draft`, the subject principal's email),
   * in the account's language. `eventKey` names the event; with `once`, a repeated call for the same event is a no-op.
   */
  async function notifyAccount<K extends TemplateId>(
    tx: Tx,
    input: {
      accountId: string;
      template: K;
      payload: PayloadOf<K>;
      eventKey: string;
      draft?: FilingDraft | null;
      once?: boolean;
    },
    now: number,
  ): Promise<number> {
    const lang = await accountLang(tx, input.accountId);
    const recipients = await orderRecipients(tx, input.accountId, input.draft ?? null, input.draft != null);
    let n = 0;
    for (const r of recipients) {
      const id = await enqueue(
        tx,
        {
          channel: 'email',
          to: r.email,
          template: input.template,
          lang,
          payload: input.payload,
          eventRef: eventRef(input.accountId, input.eventKey, r.role),
          once: input.once,
        },
        now,
      );
      if (id) n++;
    }
    return n;
  }

  /**
   * A message to a person rather than an account (the simulated bureau's messages to the subject principal, R-NTF-005
   * to 007; SMS codes, R-NTF-009; the missed-call SMS, R-NTF-008): by SMS to `mobile` and/or email to `email`,
   * as the template allows.
   */
  async function notifyPerson<K extends TemplateId>(
    tx: Tx,
    input: {
      mobile?: string | null;
      email?: string | null;
      template: K;
      payload: PayloadOf<K>;
      eventKey: string;
      accountId?: string | null;
      lang?: Lang;
    },
    now: number,
  ): Promise<number> {
    const channels = channelsOf(input.template);
    let n = 0;
    const base = { template: input.template, lang: input.lang ?? 'zh', payload: input.payload } as const;
    if (input.mobile?.trim() && channels.includes('sms'))
      if (
        await enqueue(
          tx,
          {
            ...base,
            channel: 'sms',
            to: input.mobile,
            eventRef: eventRef(input.accountId ?? null, input.eventKey, 'person-sms'),
          },
          now,
        )
      )
        n++;
    if (isEmailAddress(input.email) && channels.includes('email'))
      if (
        await enqueue(
          tx,
          {
            ...base,
            channel: 'email',
            to: input.email,
            eventRef: eventRef(input.accountId ?? null, input.eventKey, 'person-email'),
          },
          now,
        )
      )
        n++;
    return n;
  }

  /** R-NTF-018 (R-ACC-005): a completed filing transfer is reported to both accounts, each naming the other masked. */
  async function notifyFilingTransfer(
    tx: Tx,
    input: { fromAccountId: string; toAccountId: string; subjectName: string; transferId: string },
    now: number,
  ): Promise<void> {
    const accountNo = async (id: string) =>
      (await tx.selectFrom('users').select('account_no').where('id', '=', id).executeTakeFirst())?.account_no ?? '';
    const [fromNo, toNo] = [await accountNo(input.fromAccountId), await accountNo(input.toAccountId)];
    await notifyAccount(
      tx,
      {
        accountId: input.fromAccountId,
        template: 'R-NTF-018',
        payload: { role: 'from', subjectName: input.subjectName, otherAccount: maskIdNumber(toNo) },
        eventKey: `transfer:${input.transferId}`,
      },
      now,
    );
    await notifyAccount(
      tx,
      {
        accountId: input.toAccountId,
        template: 'R-NTF-018',
        payload: { role: 'to', subjectName: input.subjectName, otherAccount: maskIdNumber(fromNo) },
        eventKey: `transfer:${input.transferId}`,
      },
      now,
    );
  }

  /** R-NTF-016 (R-MAT-029): the curtain of an order was handed to the courier. */
  async function notifyCurtainDispatched(
    tx: Tx,
    input: {
      orderId: string;
      curtainRequestId: string;
      courier: string;
      trackingNumber: string;
      dispatchedOn?: string;
    },
    now: number,
  ): Promise<void> {
    const order = await tx
      .selectFrom('orders')
      .select(['account_id', 'order_no'])
      .where('id', '=', input.orderId)
      .executeTakeFirstOrThrow();
    await notifyAccount(
      tx,
      {
        accountId: order.account_id,
        template: 'R-NTF-016',
        payload: {
          orderId: input.orderId,
          orderNo: order.order_no,
          courier: input.courier,
          trackingNumber: input.trackingNumber,
          ...(input.dispatchedOn ? { dispatchedOn: input.dispatchedOn } : {}),
        },
        eventKey: `curtain:${input.curtainRequestId}:dispatched`,
        once: true,
      },
      now,
    );
  }

  /**
   * R-EXT-011 / R-NTF-019: schedules the 文网文 renewal reminder (60 working days before expiry, 09:00 Beijing) and the
   * expiry notice (on the expiry date). Call it where a licence is recorded; `objectId` (the website) lets a
   * replaced licence clear its timers with `clearTimers(tx, objectId, now, [CULTURE_LICENCE_TIMER])`.
   */
  async function scheduleCultureLicenceReminders(
    tx: Tx,
    calendar: WorkCalendar,
    input: {
      accountId: string;
      objectId: string;
      licenceNumber: string;
      expiresOn: string;
      websiteName?: string;
      domain?: string;
    },
    now: number,
  ): Promise<{ renewalAt: number; expiryAt: number }> {
    const renewalDay = calendar.addWorkingDays(input.expiresOn, -CULTURE_RENEWAL_LEAD_WORKING_DAYS);
    const renewalAt = Math.max(now, beijingInstant(renewalDay, 9).getTime());
    const expiryAt = Math.max(now, beijingInstant(input.expiresOn, 9).getTime());
    const common = {
      accountId: input.accountId,
      licenceNumber: input.licenceNumber,
      expiresOn: input.expiresOn,
      ...(input.websiteName ? { websiteName: input.websiteName } : {}),
      ...(input.domain ? { domain: input.domain } : {}),
    };
    await setTimer(
      tx,
      {
        kind: CULTURE_LICENCE_TIMER,
        objectId: input.objectId,
        dueAt: renewalAt,
        payload: { ...common, stage: 'renewal' },
        calendarVersion: calendar.version,
      },
      now,
    );
    await setTimer(
      tx,
      {
        kind: CULTURE_LICENCE_TIMER,
        objectId: input.objectId,
        dueAt: expiryAt,
        payload: { ...common, stage: 'expired' },
      },
      now,
    );
    return { renewalAt, expiryAt };
  }

  return {
    notifyAccount,
    notifyPerson,
    notifyFilingTransfer,
    notifyCurtainDispatched,
    scheduleCultureLicenceReminders,
  };
}
export type Senders = ReturnType<typeof createSenders>;
