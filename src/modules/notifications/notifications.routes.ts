import { Type } from 'typebox';
import type { Clock } from '../../platform/clock.ts';
import type { Database } from '../../platform/db/database.ts';
import { DomainError } from '../../platform/errors.ts';
import { type App, requireActor } from '../../platform/http/app.ts';
import { accountLang, langSettingKey } from './notifier.ts';
import { maskRecipient, OUTBOX_STATUSES, type Outbox } from './outbox.ts';
import { isTemplateId, renderStored, TEMPLATES, type TemplateEnv } from './templates.ts';

const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
const LangBody = Type.Object(
  { lang: Type.Union([Type.Literal('zh'), Type.Literal('en')]) },
  { additionalProperties: false },
);

/**
 * The customer's message centre (§13 preamble: notifications also appear in the console), the notification
 * language of the account, and the operator's view of the outbox (dead letters, retry).
 */
export function registerNotificationRoutes(
  app: App,
  deps: { database: Database; clock: Clock; outbox: Outbox; env: TemplateEnv },
) {
  const { db } = deps.database;
  const tags = ['notifications'];

  app.get(
    '/api/v1/notifications',
    {
      schema: { tags, summary: "Message centre: the notifications sent to this account's contact email, newest first" },
      config: { auth: ['customer'] },
    },
    async (req) => {
      const actor = requireActor(req);
      const accountId = actor.id ?? '';
      const lang = await accountLang(db, accountId);
      const rows = await db
        .selectFrom('outbox')
        .select(['id', 'channel', 'template', 'payload', 'status', 'created_at', 'sent_at', 'event_ref'])
        .where('event_ref', 'like', `${accountId}|%|account`)
        .where('channel', '=', 'email')
        .orderBy('created_at', 'desc')
        .limit(100)
        .execute();
      return rows.flatMap((r) => {
        try {
          const m = renderStored(r.template, 'email', lang, deps.outbox.decodePayload(r), deps.env);
          if (m.channel !== 'email') return [];
          const rule = isTemplateId(r.template) ? TEMPLATES[r.template].rule : r.template;
          return [
            {
              id: r.id,
              rule,
              subject: m.subject,
              text: m.text,
              status: r.status,
              createdAt: r.created_at,
              sentAt: r.sent_at,
            },
          ];
        } catch {
          // a row that no longer renders (blanked secret, older payload) is left out of the list, not an error
          return [];
        }
      });
    },
  );

  app.get(
    '/api/v1/notifications/settings',
    {
      schema: { tags, summary: 'Notification language of this account (zh-CN by default)' },
      config: { auth: ['customer'] },
    },
    async (req) => ({ lang: await accountLang(db, requireActor(req).id ?? '') }),
  );

  app.put(
    '/api/v1/notifications/settings',
    {
      schema: { tags, summary: 'Set the notification language of this account', body: LangBody },
      config: { auth: ['customer'] },
    },
    async (req) => {
      const key = langSettingKey(requireActor(req).id ?? '');
      const now = deps.clock.now().getTime();
      await db.transaction().execute(async (tx) => {
        await tx.deleteFrom('settings').where('key', '=', key).execute();
        await tx.insertInto('settings').values({ key, value: req.body.lang, updated_at: now }).execute();
      });
      return { lang: req.body.lang };
    },
  );

  app.get(
    '/api/v1/admin/outbox',
    {
      schema: {
        tags,
        summary: 'Outbox rows (recipients masked, no content), e.g. the dead letters',
        querystring: Type.Object(
          { status: Type.Optional(Type.Enum(OUTBOX_STATUSES)) },
          { additionalProperties: false },
        ),
      },
      config: { auth: ['admin'] },
    },
    async (req) => {
      let q = db
        .selectFrom('outbox')
        .select([
          'id',
          'channel',
          'recipient',
          'template',
          'status',
          'attempts',
          'next_attempt_at',
          'last_error',
          'created_at',
          'sent_at',
        ])
        .orderBy('created_at', 'desc')
        .limit(200);
      if (req.query.status) q = q.where('status', '=', req.query.status);
      return (await q.execute()).map(({ recipient, ...r }) => {
        let to: string;
        try {
          to = maskRecipient(r.channel, deps.outbox.decodeRecipient({ id: r.id, recipient }));
        } catch {
          to = '(undecodable)';
        }
        return { ...r, to };
      });
    },
  );

  app.post(
    '/api/v1/admin/outbox/:id/retry',
    {
      schema: {
        tags,
        summary: 'Queue a dead or failed notification again with a fresh attempt budget',
        params: IdParams,
      },
      config: { auth: ['admin'] },
    },
    async (req) => {
      const r = await db
        .updateTable('outbox')
        .set({ status: 'pending', attempts: 0, next_attempt_at: deps.clock.now().getTime(), last_error: null })
        .where('id', '=', req.params.id)
        .where('status', 'in', ['dead', 'failed'])
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1)
        throw new DomainError('CONFLICT', {
          reason: 'OUTBOX_NOT_RETRYABLE',
          message: { zh: '只有发送失败的通知可以重新发送', en: 'Only failed or dead notifications can be retried' },
        });
      return { id: req.params.id, status: 'pending' };
    },
  );
}
