import { sql } from 'kysely';
import type { PiiCrypto } from '../../platform/crypto/boot.ts';
import { isPiiEnvelope, maskEmail, maskPhone, piiContext } from '../../platform/crypto/pii.ts';
import type { Database, Tx } from '../../platform/db/database.ts';
import { newId } from '../../platform/db/ids.ts';
import type { Lang } from '../../platform/i18n.ts';
import { type Channel, channelsOf, type PayloadOf, type TemplateId } from './templates.ts';

/**
 * The outbox (STACK "Job queue / timers", DESIGN `notifications`): a notification is a row written in the transaction
 * of the event it reports, so a committed change is always reported and a rolled-back one never is. The worker
 * delivers rows later, at least once, with the row id as the message's identity.
 *
 * Recipient and payload are personal data (mobile numbers, addresses, rejection details, passwords): they are stored
 * encrypted with the PII keyring (DESIGN decision 7), bound to the row id so a ciphertext cannot be moved to another
 * row. Rows written in clear by older code still deliver (the worker decrypts only envelopes).
 */

export const OUTBOX_STATUSES = ['pending', 'sent', 'failed', 'dead'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

export interface OutboxMessage<K extends TemplateId = TemplateId> {
  channel: Channel;
  /** An email address or a mobile number. */
  to: string;
  template: K;
  lang: Lang;
  payload: PayloadOf<K>;
  /**
   * What the message reports and for whom: `eventRef(accountId, eventKey, recipientRole)`. The message centre lists an
   * account's rows by its prefix; `once` de-duplicates on it.
   */
  eventRef: string;
  /** Skip if a row with the same event_ref, template and channel exists: for at-least-once timer handlers. */
  once?: boolean;
  /** Deliver no earlier than this instant (default: now). */
  notBefore?: number;
}

/** `<account>|<event>|<recipient role>`; '-' when no provider account is concerned (the bureau's own messages). */
export function eventRef(accountId: string | null, eventKey: string, recipientRole: string): string {
  return `${accountId ?? '-'}|${eventKey}|${recipientRole}`;
}

const recipientCtx = (id: string) => piiContext('outbox', 'recipient', id);
const payloadCtx = (id: string) => piiContext('outbox', 'payload', id);

export function createOutbox(deps: { pii: PiiCrypto }) {
  const { keyring } = deps.pii;

  /**
   * Writes one message into the outbox inside `tx`. Returns the row id, or null when `once` found it already there.
   * Throws only on a programming error (a channel the template does not have).
   */
  async function enqueue<K extends TemplateId>(tx: Tx, msg: OutboxMessage<K>, now: number): Promise<string | null> {
    if (!channelsOf(msg.template).includes(msg.channel))
      throw new Error(`template ${msg.template} cannot be sent by ${msg.channel}`);
    if (msg.once) {
      const dup = await tx
        .selectFrom('outbox')
        .select('id')
        .where('event_ref', '=', msg.eventRef)
        .where('template', '=', msg.template)
        .where('channel', '=', msg.channel)
        .executeTakeFirst();
      if (dup) return null;
    }
    const id = newId();
    await tx
      .insertInto('outbox')
      .values({
        id,
        channel: msg.channel,
        recipient: keyring.encryptString(msg.to.trim(), recipientCtx(id)),
        template: msg.template,
        lang: msg.lang,
        payload: keyring.encryptString(JSON.stringify(msg.payload), payloadCtx(id)),
        status: 'pending',
        attempts: 0,
        next_attempt_at: msg.notBefore ?? now,
        last_error: null,
        event_ref: msg.eventRef,
        created_at: now,
        sent_at: null,
      })
      .execute();
    return id;
  }

  function decodeRecipient(row: { id: string; recipient: string }): string {
    return isPiiEnvelope(row.recipient) ? keyring.decryptString(row.recipient, recipientCtx(row.id)) : row.recipient;
  }

  function decodePayload(row: { id: string; payload: string }): unknown {
    const text = isPiiEnvelope(row.payload) ? keyring.decryptString(row.payload, payloadCtx(row.id)) : row.payload;
    return JSON.parse(text);
  }

  /** A secret payload (password, code) is replaced once delivered, so the outbox does not keep it. */
  function blankedPayload(id: string): string {
    return keyring.encryptString(JSON.stringify({ redacted: true }), payloadCtx(id));
  }

  return { enqueue, decodeRecipient, decodePayload, blankedPayload };
}
export type Outbox = ReturnType<typeof createOutbox>;
export type Enqueue = Outbox['enqueue'];

export function maskRecipient(channel: string, to: string): string {
  return channel === 'sms' ? maskPhone(to) : maskEmail(to);
}

export interface ClaimedRow {
  id: string;
  channel: string;
  recipient: string;
  template: string;
  lang: string;
  payload: string;
  attempts: number;
  event_ref: string | null;
}

/**
 * Claims due rows with a lease, like `claimDue` for timers: the lease is `next_attempt_at` pushed past now, and the
 * claim bumps `attempts`, which the worker then uses as a fencing token when it records the outcome. The outer UPDATE
 * re-checks that the row is still due and unsent, which is what keeps two workers from claiming the same row under
 * READ COMMITTED (STACK pitfall 7); PostgreSQL adds SKIP LOCKED so concurrent workers spread the rows.
 */
export async function claimOutbox(
  database: Database,
  now: number,
  opts: { leaseMs: number; batch: number; channels: readonly Channel[] },
): Promise<ClaimedRow[]> {
  if (opts.channels.length === 0) return [];
  const { db, dialect } = database;
  const lock = dialect === 'postgres' ? sql` for update skip locked` : sql``;
  const channels = sql.join(opts.channels.map((c) => sql`${c}`));
  const result = await sql<ClaimedRow>`
    update outbox set next_attempt_at = ${now + opts.leaseMs}, attempts = attempts + 1
    where id in (
      select id from outbox
      where status in ('pending', 'failed') and next_attempt_at <= ${now} and channel in (${channels})
      order by next_attempt_at limit ${opts.batch}${lock}
    )
    and status in ('pending', 'failed') and next_attempt_at <= ${now}
    returning id, channel, recipient, template, lang, payload, attempts, event_ref`.execute(db);
  return result.rows.map((r) => ({ ...r, attempts: Number(r.attempts) }));
}
