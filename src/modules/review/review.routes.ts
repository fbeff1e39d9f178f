import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { DomainError } from '../../platform/errors.ts';
import { type App, requireActor } from '../../platform/http/app.ts';
import { ORDER_TYPES } from '../rules/draft.ts';
import { PROVINCE_NAMES } from '../rules/provinces/types.ts';
import { CALL_OUTCOMES } from './calls.ts';
import { catalogueFor } from './catalogue.ts';
import type { DashboardService } from './dashboard.service.ts';
import {
  type DecisionBody,
  type DecisionKind,
  QUEUES,
  type RejectionStash,
  type ReviewService,
} from './review.service.ts';

const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
const DateParam = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });

/** The lifecycle's review routes (filings.routes.ts) this module guards: catalogue reasons, calls, checklist. */
export const DECISION_ROUTES: Readonly<Record<string, DecisionKind>> = {
  '/api/v1/orders/:id/initial-review/approve': 'initial-approve',
  '/api/v1/orders/:id/initial-review/reject': 'initial-reject',
  '/api/v1/orders/:id/re-review/approve': 're-review-approve',
  '/api/v1/orders/:id/re-review/reject': 're-review-reject',
};

export function registerReviewRoutes(app: App, deps: { review: ReviewService; dashboard: DashboardService }) {
  const { review, dashboard } = deps;
  const tags = ['review'];
  const staff = ['reviewer', 'admin'] as const;
  const reviewer = ['reviewer'] as const;

  app.get(
    '/api/v1/review/queues/:queue',
    {
      schema: {
        tags,
        summary:
          'Work queues: initial review, photo re-review, bureau submission/sync problems, orders about to expire; each row with its SLA clock in working days',
        params: Type.Object({ queue: Type.Enum(QUEUES) }),
        querystring: Type.Object(
          {
            province: Type.Optional(Type.Enum(PROVINCE_NAMES)),
            type: Type.Optional(Type.Enum(ORDER_TYPES)),
            minAgeDays: Type.Optional(Type.String({ pattern: '^\\d{1,3}$' })),
            breachedOnly: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false')])),
          },
          { additionalProperties: false },
        ),
      },
      config: { auth: staff },
    },
    async (req) =>
      review.queue(req.params.queue, {
        province: req.query.province,
        type: req.query.type,
        minAgeDays: req.query.minAgeDays === undefined ? undefined : Number(req.query.minAgeDays),
        breachedOnly: req.query.breachedOnly === 'true',
      }),
  );

  app.get(
    '/api/v1/review/orders/:id',
    {
      schema: {
        tags,
        summary:
          'Everything the reviewer needs on one page: order data (audited read), checklist with R- ids, calls, earlier rejections, diff since the last one, trail, materials',
        params: IdParams,
      },
      config: { auth: staff },
    },
    async (req) => review.page(requireActor(req), req.params.id, req.id),
  );

  app.post(
    '/api/v1/review/orders/:id/calls',
    {
      schema: {
        tags,
        summary:
          '审核确认电话: log an attempt (R-ORD-018); a missed call queues the SMS of R-NTF-008, the second missed call of a round rejects the order',
        params: IdParams,
        body: Type.Object(
          { outcome: Type.Enum(CALL_OUTCOMES), note: Type.Optional(Type.String({ maxLength: 500 })) },
          { additionalProperties: false },
        ),
      },
      config: { auth: reviewer, audit: false },
    },
    async (req, reply) =>
      reply.status(201).send(await review.logCall(requireActor(req), req.params.id, req.body, req.id, req.lang)),
  );

  app.get(
    '/api/v1/review/rejection-reasons',
    {
      schema: {
        tags,
        summary:
          'The rejection catalogue (R-REJ-007/008): codes with label, fields they attach to, catalogue rules and the suggested fix',
        querystring: Type.Object(
          { stage: Type.Union([Type.Literal('initial'), Type.Literal('re-review'), Type.Literal('bureau')]) },
          { additionalProperties: false },
        ),
      },
      config: { auth: staff },
    },
    async (req) => catalogueFor(req.query.stage),
  );

  app.get(
    '/api/v1/review/dashboard',
    {
      schema: {
        tags,
        summary: 'Orders by state and province, time per step, rejections by reason and rule, SLA breaches per week',
        querystring: Type.Object(
          { from: Type.Optional(DateParam), to: Type.Optional(DateParam) },
          { additionalProperties: false },
        ),
      },
      config: { auth: staff },
    },
    async (req) => {
      const at = (d: string | undefined, end: boolean) => {
        if (!d) return undefined;
        const t = Date.parse(`${d}T${end ? '23:59:59.999' : '00:00:00'}+08:00`);
        if (Number.isNaN(t)) throw new DomainError('VALIDATION_FAILED', { reason: 'BAD_DATE' });
        return t;
      };
      return dashboard.dashboard({ from: at(req.query.from, false), to: at(req.query.to, true) });
    },
  );

  // The decision routes belong to the lifecycle; this module checks them before they run and records the draft a
  // rejection judged once it has committed (a failed transition leaves nothing behind).
  const stashes = new WeakMap<FastifyRequest, RejectionStash>();
  app.addHook('preHandler', async (req) => {
    const kind = DECISION_ROUTES[req.routeOptions.url ?? ''];
    if (!kind || req.method !== 'POST' || !req.actor) return;
    const stash = await review.guardDecision(
      req.actor,
      (req.params as { id: string }).id,
      kind,
      req.body as DecisionBody,
      req.lang,
    );
    if (stash) stashes.set(req, stash);
  });
  app.addHook('onSend', async (req, reply, payload) => {
    const stash = stashes.get(req);
    if (stash && reply.statusCode === 200 && req.actor) await review.recordRejection(stash, req.actor);
    return payload;
  });
}
