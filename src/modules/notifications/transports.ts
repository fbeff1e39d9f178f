import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { maskEmail, maskPhone } from '../../platform/crypto/pii.ts';

/** The bits of a pino logger the transports use. */
export interface NotificationLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface MailMessage {
  outboxId: string;
  /** `<outboxId@sender-domain>`: a retried row carries the same Message-ID, so receivers can drop the duplicate. */
  messageId: string;
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** Where email goes: SMTP in production, a local sink in development. */
export interface Mailer {
  readonly name: string;
  send(m: MailMessage): Promise<void>;
  close?(): void;
}

export interface SmsMessage {
  outboxId: string;
  to: string;
  text: string;
  template: string;
  /** The text holds a password or a code: a sender must not log it. */
  secret: boolean;
}

/** The SMS gateway port: a provider plugs its SMS vendor in here (STACK: no vendor SDK is bundled). */
export interface SmsSender {
  readonly name: string;
  send(m: SmsMessage): Promise<void>;
}

/** A failure the next attempt cannot fix (the mailbox does not exist): the row goes dead at once. */
export class PermanentDeliveryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentDeliveryError';
  }
}

export function messageIdFor(outboxId: string, from: string): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'beian.localhost';
  return `<${outboxId}@${domain}>`;
}

/**
 * SMTP through nodemailer. Timeouts stay well below the worker's lease, so a hung server cannot keep a claimed row
 * past its lease (after which another worker would claim and send it again).
 */
export function smtpMailer(url: string, opts: { timeoutMs?: number } = {}): Mailer {
  const timeout = opts.timeoutMs ?? 30_000;
  const transport = nodemailer.createTransport({
    url,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  });
  return {
    name: 'smtp',
    async send(m) {
      try {
        await transport.sendMail({
          from: m.from,
          to: m.to,
          subject: m.subject,
          text: m.text,
          html: m.html,
          messageId: m.messageId,
          headers: { 'X-Beian-Outbox-Id': m.outboxId },
        });
      } catch (err) {
        const e = err as { responseCode?: number; command?: string; message?: string };
        // a 5xx answer to RCPT TO or DATA concerns this message (no such mailbox, content refused); other errors
        // (connection, 4xx, a 5xx to AUTH or MAIL FROM that a configuration fix cures) are worth retrying
        if (e.responseCode && e.responseCode >= 500 && (e.command === 'RCPT TO' || e.command === 'DATA'))
          throw new PermanentDeliveryError(`${e.responseCode} ${e.message ?? ''}`.trim());
        throw err;
      }
    },
    close: () => transport.close(),
  };
}

/**
 * Development sink (SMTP_URL empty, demo mode only): the message is built exactly as SMTP would send it and written
 * to `<dir>/<outbox id>.eml`, which any mail client opens; the outbox row is then marked sent. Nothing leaves the
 * machine.
 */
export function sinkMailer(dir: string, log?: NotificationLog): Mailer {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    name: 'sink',
    async send(m) {
      const info = await transport.sendMail({
        from: m.from,
        to: m.to,
        subject: m.subject,
        text: m.text,
        html: m.html,
        messageId: m.messageId,
        headers: { 'X-Beian-Outbox-Id': m.outboxId },
      });
      await mkdir(dir, { recursive: true });
      const file = join(dir, `${m.outboxId}.eml`);
      await writeFile(file, info.message as Buffer, { mode: 0o600 });
      log?.info(
        { outboxId: m.outboxId, to: maskEmail(m.to), subject: m.subject, file },
        'mail kept in the development sink',
      );
    },
  };
}

/** The default SMS sender: records the message in the log without the full number (and without secret texts). */
export function loggingSmsSender(log: NotificationLog): SmsSender {
  return {
    name: 'log',
    async send(m) {
      log.info(
        { outboxId: m.outboxId, to: maskPhone(m.to), template: m.template, text: m.secret ? '[secret]' : m.text },
        'sms (logging sender: no SMS gateway configured)',
      );
    },
  };
}
