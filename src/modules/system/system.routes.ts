import { sql } from 'kysely';
import { Type } from 'typebox';
import type { AdjustableClock, Clock } from '../../platform/clock.ts';
import type { Database } from '../../platform/db/database.ts';
import { DomainError } from '../../platform/errors.ts';
import { type App, requireActor } from '../../platform/http/app.ts';
import type { Metrics } from '../../platform/metrics.ts';
import { appendAudit, listAudit } from '../audit/audit.repository.ts';

export const CLOCK_OFFSET_KEY = 'demo_clock_offset_ms';

export function registerSystemRoutes(
  app: App,
  deps: {
    database: Database;
    clock: Clock;
    metrics: Metrics;
    /** Other clocks of the demo that must move with this one (the in-process bureau simulator's). */
    onClockAdvanced?: (ms: number) => Promise<void>;
  },
) {
  const { database, clock, metrics } = deps;
  const tags = ['system'];

  app.get('/healthz', { schema: { tags, summary: 'Liveness' }, config: { auth: 'public' } }, async () => ({
    status: 'ok',
  }));
  app.get(
    '/readyz',
    { schema: { tags, summary: 'Readiness: the database answers' }, config: { auth: 'public' } },
    async (_req, reply) => {
      try {
        await sql`select 1`.execute(database.db);
        return { status: 'ready', database: database.dialect };
      } catch {
        return reply.status(503).send({ status: 'unavailable', database: database.dialect });
      }
    },
  );
  app.get(
    '/metrics',
    {
      schema: { tags, summary: 'Prometheus metrics (admin token; also on the internal listener)', hide: true },
      config: { auth: ['admin'] },
    },
    async (_req, reply) => {
      void reply.type(metrics.registry.contentType);
      return metrics.registry.metrics();
    },
  );

  app.get(
    '/api/v1/admin/audit',
    {
      schema: {
        tags,
        summary: 'Audit log, newest first',
        querystring: Type.Object(
          {
            objectType: Type.Optional(Type.String()),
            objectId: Type.Optional(Type.String()),
            actorId: Type.Optional(Type.String()),
            limit: Type.Optional(Type.String({ pattern: '^\\d{1,3}$' })),
          },
          { additionalProperties: false },
        ),
      },
      config: { auth: ['admin', 'reviewer'] },
    },
    async (req) =>
      listAudit(database.db, { ...req.query, limit: req.query.limit ? Number(req.query.limit) : undefined }),
  );

  app.get(
    '/api/v1/clock',
    {
      schema: { tags, summary: 'The platform clock (Beijing time); adjustable in demo mode' },
      config: { auth: 'public' },
    },
    async () => ({
      now: clock.now().toISOString(),
      adjustable: clock.adjustable,
    }),
  );

  app.post(
    '/api/v1/admin/clock/advance',
    {
      schema: {
        tags,
        summary: 'Demo mode only: move the simulated clock forward',
        body: Type.Object(
          {
            days: Type.Optional(Type.Number({ minimum: 0, maximum: 400 })),
            hours: Type.Optional(Type.Number({ minimum: 0, maximum: 10000 })),
          },
          { additionalProperties: false },
        ),
      },
      config: { auth: ['admin'], audit: false },
    },
    async (req) => {
      if (!clock.adjustable)
        throw new DomainError('FORBIDDEN', {
          reason: 'CLOCK_NOT_ADJUSTABLE',
          message: { zh: '生产模式下时钟不可调整', en: 'The clock cannot be moved in production mode' },
        });
      const ms = ((req.body.days ?? 0) * 24 + (req.body.hours ?? 0)) * 3_600_000;
      (clock as AdjustableClock).advance(ms);
      const t = clock.now().getTime();
      await database.db.transaction().execute(async (tx) => {
        const offset = String(t - Date.now());
        await tx.deleteFrom('settings').where('key', '=', CLOCK_OFFSET_KEY).execute();
        await tx.insertInto('settings').values({ key: CLOCK_OFFSET_KEY, value: offset, updated_at: t }).execute();
        await appendAudit(
          tx,
          { actor: requireActor(req), action: 'clock.advance', details: { ms }, requestId: req.id },
          t,
        );
      });
      // the demo's simulated bureau keeps its own clock (as a real bureau would); moving only Beian's would leave
      // every bureau decision 20 working days away however far the demo advanced
      await deps.onClockAdvanced?.(ms);
      return { now: clock.now().toISOString() };
    },
  );
}
