import { join } from 'node:path';
import type { Clock } from '../../platform/clock.ts';
import type { Config } from '../../platform/config.ts';
import type { PiiCrypto } from '../../platform/crypto/boot.ts';
import type { Database } from '../../platform/db/database.ts';
import type { App } from '../../platform/http/app.ts';
import type { TimerHandler } from '../../platform/timers.ts';
import type { OrdersService } from '../filings/orders.service.ts';
import { ensureNotificationTimers, notificationTimerHandlers } from './notification-timers.ts';
import { registerNotificationRoutes } from './notifications.routes.ts';
import { createNotifier } from './notifier.ts';
import { createOutbox } from './outbox.ts';
import { createSenders } from './senders.ts';
import type { TemplateEnv } from './templates.ts';
import {
  loggingSmsSender,
  type Mailer,
  type NotificationLog,
  type SmsSender,
  sinkMailer,
  smtpMailer,
} from './transports.ts';
import { createNotificationWorker } from './worker.ts';

export { eventRef, type OutboxMessage } from './outbox.ts';
export { type PayloadOf, render, TEMPLATE_IDS, TEMPLATES, type TemplateId } from './templates.ts';
export type { Mailer, NotificationLog, SmsMessage, SmsSender } from './transports.ts';

export interface NotificationsDeps {
  database: Database;
  clock: Clock;
  config: Config;
  pii: PiiCrypto;
  /** The SMS gateway; the default logs each SMS with the number masked. */
  sms?: SmsSender;
  /** Replaces the mailer chosen from the configuration (tests). */
  mailer?: Mailer | null;
  /** Worker tuning (tests shorten the backoff). */
  worker?: { maxAttempts?: number; baseDelayMs?: number; maxDelayMs?: number; leaseMs?: number; batch?: number };
}

/**
 * The notifications module (DESIGN `notifications`): the outbox, the lifecycle hook, entry points for other modules,
 * timer handlers, the delivery worker and the routes. Built before the orders service, whose `notify` it provides;
 * the logger arrives with the HTTP app (`useLog`).
 *
 * Mail transport: SMTP_URL set → SMTP. SMTP_URL empty → in demo mode the development sink (BEIAN_DATA_DIR/mail-sink/*.eml,
 * rows marked sent); in production mode no mailer at all: email rows stay pending and `start()` logs an error, so mail
 * is delayed, never silently dropped.
 */
export function createNotifications(deps: NotificationsDeps) {
  const logRef: { current?: NotificationLog } = {};
  const log: NotificationLog = {
    info: (o, m) => logRef.current?.info(o, m),
    warn: (o, m) => logRef.current?.warn(o, m),
    error: (o, m) => logRef.current?.error(o, m),
  };
  const { config } = deps;
  const env: TemplateEnv = {
    providerName: config.BEIAN_PROVIDER_NAME,
    hotline: config.BEIAN_PROVIDER_HOTLINE,
    publicUrl: config.publicUrl,
  };
  const mailDisabled = !config.SMTP_URL && config.BEIAN_MODE === 'production';
  const mailer: Mailer | null =
    deps.mailer !== undefined
      ? deps.mailer
      : config.SMTP_URL
        ? smtpMailer(config.SMTP_URL)
        : mailDisabled
          ? null
          : sinkMailer(join(config.dataDir, 'mail-sink'), log);
  const outbox = createOutbox({ pii: deps.pii });
  const notify = createNotifier({ enqueue: outbox.enqueue, providerName: env.providerName, hotline: env.hotline });
  const senders = createSenders({ enqueue: outbox.enqueue });
  const worker = createNotificationWorker({
    database: deps.database,
    clock: deps.clock,
    outbox,
    env,
    from: config.MAIL_FROM,
    mailer,
    sms: deps.sms ?? loggingSmsSender(log),
    log,
    ...deps.worker,
  });

  return {
    /** Write a message into the outbox inside the caller's transaction. */
    enqueue: outbox.enqueue,
    outbox,
    /** For createOrdersService({ notify }). */
    notify,
    ...senders,
    worker,
    mailer,
    env,
    /** Attaches the app's logger; called at boot, so a missing SMTP_URL is reported there, loudly in production. */
    useLog(l: NotificationLog) {
      logRef.current = l;
      if (mailDisabled)
        log.error(
          { SMTP_URL: '' },
          'SMTP_URL is empty in production mode: NO EMAIL WILL BE DELIVERED. Notifications stay pending in the outbox until SMTP_URL is set.',
        );
      else if (mailer?.name === 'sink')
        log.warn(
          { dir: join(config.dataDir, 'mail-sink') },
          'SMTP_URL is empty: email goes to the development sink, not to recipients',
        );
    },
    timerHandlers(orders: OrdersService): Record<string, TimerHandler> {
      return notificationTimerHandlers({ database: deps.database, clock: deps.clock, orders, senders });
    },
    register(app: App) {
      registerNotificationRoutes(app, { database: deps.database, clock: deps.clock, outbox, env });
    },
    /** Background part: schedules the daily sweep and starts delivering. */
    async start(intervalMs = 5_000) {
      await ensureNotificationTimers(deps.database, deps.clock);
      worker.start(intervalMs);
    },
    stop: () => worker.stop(),
  };
}
export type Notifications = ReturnType<typeof createNotifications>;
