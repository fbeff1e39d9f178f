import { randomUUID } from 'node:crypto';
import type { Clock } from '../../platform/clock.ts';
import type { Database } from '../../platform/db/database.ts';
import { type ClaimedRow, claimOutbox, maskRecipient, type Outbox } from './outbox.ts';
import { type Channel, isSecretTemplate, RenderError, renderStored, type TemplateEnv } from './templates.ts';
import {
  type Mailer,
  messageIdFor,
  type NotificationLog,
  PermanentDeliveryError,
  type SmsSender,
} from './transports.ts';

export interface NotificationWorkerOptions {
  database: Database;
  clock: Clock;
  outbox: Outbox;
  env: TemplateEnv;
  /** Sender address (MAIL_FROM). */
  from: string;
  /** null: email rows are left pending (production without SMTP_URL; the boot warns). */
  mailer: Mailer | null;
  sms: SmsSender;
  log?: NotificationLog;
  /** After this many attempts a row goes dead (default 8: about 4 hours of backoff with the defaults). */
  maxAttempts?: number;
  /** First retry delay; doubles each attempt (default 1 minute). */
  baseDelayMs?: number;
  /** Longest retry delay (default 1 hour). */
  maxDelayMs?: number;
  /** How long a claimed row is reserved for this worker (default 2 minutes; SMTP timeouts are shorter). */
  leaseMs?: number;
  batch?: number;
}

export interface RunResult {
  sent: number;
  retried: number;
  dead: number;
}

/** Retry delay after the n-th failed attempt: base · 2^(n−1), capped. */
export function backoffMs(attempts: number, baseMs: number, maxMs: number): number {
  return Math.min(baseMs * 2 ** Math.max(0, attempts - 1), maxMs);
}

/**
 * Delivers the outbox. Each row is claimed with a lease, rendered from its template, sent, and recorded with the
 * claim's attempt number as a fencing token (a worker whose lease ran out cannot overwrite a newer claim's outcome).
 * Failures back off exponentially; after `maxAttempts`, or on a permanent failure (unknown mailbox, a payload that
 * does not render), the row is dead and stays for an operator to look at.
 */
export function createNotificationWorker(opts: NotificationWorkerOptions) {
  const owner = `ntf-${randomUUID().slice(0, 8)}`;
  const maxAttempts = opts.maxAttempts ?? 8;
  const baseDelay = opts.baseDelayMs ?? 60_000;
  const maxDelay = opts.maxDelayMs ?? 3_600_000;
  const leaseMs = opts.leaseMs ?? 120_000;
  const batch = opts.batch ?? 20;
  const channels: Channel[] = opts.mailer ? ['email', 'sms'] : ['sms'];
  const { db } = opts.database;
  let handle: NodeJS.Timeout | undefined;
  let running: Promise<RunResult> | undefined;

  async function deliver(row: ClaimedRow): Promise<void> {
    const to = opts.outbox.decodeRecipient(row);
    const rendered = renderStored(
      row.template,
      row.channel as Channel,
      row.lang,
      opts.outbox.decodePayload(row),
      opts.env,
    );
    if (rendered.channel === 'email') {
      if (!opts.mailer) throw new Error('no mailer');
      await opts.mailer.send({
        outboxId: row.id,
        messageId: messageIdFor(row.id, opts.from),
        from: opts.from,
        to,
        subject: rendered.subject,
        text: rendered.text,
        html: rendered.html,
      });
    } else {
      await opts.sms.send({
        outboxId: row.id,
        to,
        text: rendered.text,
        template: row.template,
        secret: isSecretTemplate(row.template),
      });
    }
  }

  async function settle(row: ClaimedRow, err: unknown): Promise<'sent' | 'retried' | 'dead'> {
    const now = opts.clock.now().getTime();
    const fenced = db.updateTable('outbox').where('id', '=', row.id).where('attempts', '=', row.attempts);
    if (err === undefined) {
      await fenced
        .set({
          status: 'sent',
          sent_at: now,
          last_error: null,
          ...(isSecretTemplate(row.template) ? { payload: opts.outbox.blankedPayload(row.id) } : {}),
        })
        .execute();
      return 'sent';
    }
    const message = String((err as Error)?.message ?? err).slice(0, 500);
    const permanent = err instanceof PermanentDeliveryError || err instanceof RenderError || err instanceof SyntaxError;
    const dead = permanent || row.attempts >= maxAttempts;
    await fenced
      .set(
        dead
          ? { status: 'dead', last_error: message }
          : {
              status: 'failed',
              last_error: message,
              next_attempt_at: now + backoffMs(row.attempts, baseDelay, maxDelay),
            },
      )
      .execute();
    const log = dead ? opts.log?.error.bind(opts.log) : opts.log?.warn.bind(opts.log);
    let to = '';
    try {
      to = maskRecipient(row.channel, opts.outbox.decodeRecipient(row));
    } catch {
      to = '(undecodable)';
    }
    log?.(
      {
        outboxId: row.id,
        template: row.template,
        channel: row.channel,
        to,
        attempts: row.attempts,
        err: message,
        owner,
      },
      dead ? 'notification dead' : 'notification will be retried',
    );
    return dead ? 'dead' : 'retried';
  }

  /** Delivers every row due now; returns what happened. Tests call this directly after moving the clock. */
  async function runDue(): Promise<RunResult> {
    const result: RunResult = { sent: 0, retried: 0, dead: 0 };
    for (;;) {
      const rows = await claimOutbox(opts.database, opts.clock.now().getTime(), { leaseMs, batch, channels });
      if (rows.length === 0) return result;
      for (const row of rows) {
        let error: unknown;
        try {
          await deliver(row);
        } catch (err) {
          error = err ?? new Error('unknown error');
        }
        result[await settle(row, error)]++;
      }
    }
  }

  return {
    runDue,
    start(intervalMs = 5_000) {
      const tick = () => {
        running ??= runDue()
          .catch((err) => {
            opts.log?.error({ err }, 'notification worker run failed');
            return { sent: 0, retried: 0, dead: 0 };
          })
          .finally(() => {
            running = undefined;
          });
      };
      handle = setInterval(tick, intervalMs);
      handle.unref();
    },
    async stop() {
      if (handle) clearInterval(handle);
      await running;
      opts.mailer?.close?.();
    },
  };
}
export type NotificationWorker = ReturnType<typeof createNotificationWorker>;
