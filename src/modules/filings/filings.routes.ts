import { Type } from 'typebox';
import { type App, requireActor } from '../../platform/http/app.ts';
import { FilingDraftSchema } from '../rules/draft.ts';
import type { OrdersService } from './orders.service.ts';
import type { PostFilingService } from './post-filing.service.ts';

const IdParams = Type.Object({ id: Type.String({ maxLength: 64 }) });
const VersionBody = Type.Object({ version: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });
const Reason = Type.Object(
  {
    code: Type.String({ minLength: 1, maxLength: 64 }),
    field: Type.String({ minLength: 1, maxLength: 200 }),
    message: Type.String({ minLength: 1, maxLength: 500 }),
    fix: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);

export function registerFilingRoutes(app: App, deps: { orders: OrdersService }) {
  const { orders } = deps;
  const tags = ['filings'];
  const customer = ['customer'] as const;
  const staff = ['reviewer', 'admin'] as const;

  app.post(
    '/api/v1/orders',
    {
      schema: {
        tags,
        summary: 'Verify step (验证备案信息): detects the order type from registry data and creates the draft (T01)',
        body: Type.Object(
          {
            subject: Type.Object(
              {
                type: Type.String({ maxLength: 32 }),
                certificateType: Type.String({ maxLength: 40 }),
                certificateNumber: Type.String({ minLength: 1, maxLength: 40 }),
                name: Type.String({ minLength: 1, maxLength: 100 }),
              },
              { additionalProperties: false },
            ),
            province: Type.String({ minLength: 2, maxLength: 8 }),
            domains: Type.Array(Type.String({ minLength: 1, maxLength: 253 }), { minItems: 1, maxItems: 100 }),
            serverId: Type.Optional(Type.String({ maxLength: 64 })),
            authCode: Type.Optional(Type.String({ maxLength: 64 })),
          },
          { additionalProperties: false },
        ),
      },
      config: { auth: customer, audit: false },
    },
    async (req, reply) => reply.status(201).send(await orders.create(requireActor(req), req.body, req.id)),
  );

  app.get(
    '/api/v1/orders',
    {
      schema: {
        tags,
        summary: 'Orders: a customer sees its own, staff see all',
        querystring: Type.Object(
          { state: Type.Optional(Type.String({ maxLength: 32 })) },
          { additionalProperties: false },
        ),
      },
      config: { auth: ['customer', 'reviewer', 'admin'] },
    },
    async (req) => orders.list(requireActor(req), req.query),
  );
  app.get(
    '/api/v1/orders/:id',
    {
      schema: { tags, summary: 'One order with its draft and the events the caller may trigger now', params: IdParams },
      config: { auth: ['customer', 'reviewer', 'admin'] },
    },
    async (req) => orders.get(requireActor(req), req.params.id, req.id),
  );
  app.get(
    '/api/v1/orders/:id/events',
    {
      schema: { tags, summary: "The order's audit trail", params: IdParams },
      config: { auth: ['customer', 'reviewer', 'admin'] },
    },
    async (req) => orders.events(requireActor(req), req.params.id),
  );
  app.put(
    '/api/v1/orders/:id/draft',
    {
      schema: {
        tags,
        summary: 'Save the draft (allowed only where the state lets the customer edit); returns the live rule check',
        params: IdParams,
        body: Type.Object(
          { version: Type.Integer({ minimum: 1 }), draft: FilingDraftSchema },
          { additionalProperties: false },
        ),
      },
      config: { auth: customer, audit: false },
    },
    async (req) => orders.saveDraft(requireActor(req), req.params.id, req.body.version, req.body.draft, req.id),
  );

  const simple = (
    path: string,
    summary: string,
    roles: readonly ('customer' | 'reviewer' | 'admin' | 'photo_agent')[],
    event: 'SUBMIT' | 'ABANDON' | 'REVOKE' | 'SUBMIT_PHOTOS' | 'INITIAL_APPROVE' | 'RE_REVIEW_APPROVE',
  ) =>
    app.post(
      `/api/v1/orders/:id/${path}`,
      { schema: { tags, summary, params: IdParams, body: VersionBody }, config: { auth: roles, audit: false } },
      async (req) => {
        const actor = requireActor(req);
        if (event === 'SUBMIT') return orders.submit(actor, req.params.id, req.body.version, req.id);
      if (event === 'SUBMIT_PHOTOS') return orders.submitPhotos(actor, req.params.id, req.body.version, req.id);
        return orders.transition(req.params.id, { type: event }, actor, {
          expectedVersion: req.body.version,
          requestId: req.id,
        });
      },
    );
  simple(
    'submit',
    '提交备案 / 重新提交备案: runs every rule; blocking violations refuse with each field named',
    customer,
    'SUBMIT',
  );
  simple(
    'abandon',
    '放弃备案: the order ends; its authorization code is released (refused while at the bureau)',
    customer,
    'ABANDON',
  );
  simple('revoke', '撤销备案 / 返回修改: reopen a rejected order for editing (not abandon)', customer, 'REVOKE');
  simple('submit-photos', '提交照片: curtain photos are complete', ['customer', 'photo_agent'], 'SUBMIT_PHOTOS');
  simple('initial-review/approve', 'Initial review (初审) passes', staff, 'INITIAL_APPROVE');
  simple(
    're-review/approve',
    'Photo re-review (复审) passes; the order goes to the bureau',
    staff,
    'RE_REVIEW_APPROVE',
  );

  for (const [path, event, summary] of [
    ['initial-review/reject', 'INITIAL_REJECT', 'Initial review rejects with field-level reasons (R-REJ)'],
    ['re-review/reject', 'RE_REVIEW_REJECT', 'Photo re-review rejects with field-level reasons (R-REJ)'],
  ] as const) {
    app.post(
      `/api/v1/orders/:id/${path}`,
      {
        schema: {
          tags,
          summary,
          params: IdParams,
          body: Type.Object(
            {
              version: Type.Integer({ minimum: 1 }),
              reasons: Type.Array(Reason, { minItems: 1, maxItems: 50 }),
              note: Type.Optional(Type.String({ maxLength: 2000 })),
            },
            { additionalProperties: false },
          ),
        },
        config: { auth: staff, audit: false },
      },
      async (req) =>
        orders.transition(
          req.params.id,
          { type: event, reasons: req.body.reasons.map((r) => r.code) },
          requireActor(req),
          {
            expectedVersion: req.body.version,
            requestId: req.id,
            rejection: req.body.reasons,
            details: { reasons: req.body.reasons.map((r) => ({ code: r.code, field: r.field })), note: req.body.note },
          },
        ),
    );
  }
}

export function registerPostFilingRoutes(app: App, deps: { postFiling: PostFilingService }) {
  const tags = ['filings'];
  const PostFilingType = Type.Union(['CHANGE_SUBJECT', 'CHANGE_WEBSITE', 'CHANGE_ACCESS', 'CANCEL_SUBJECT', 'CANCEL_WEBSITE', 'CANCEL_ACCESS'].map((t) => Type.Literal(t)));
  const Confirm = Type.Union([Type.Literal('CANCEL_SUBJECT'), Type.Literal('CANCEL_WEBSITE'), Type.Literal('CANCEL_ACCESS')]);

  app.get('/api/v1/filings', { schema: { tags, summary: "The account's filed subject and websites (numbers, status, access here) with the gateway's decision per domain (R-ACS-006)" }, config: { auth: ['customer'] } }, async (req) =>
    deps.postFiling.filings(requireActor(req)),
  );
  app.post('/api/v1/orders/post-filing', {
    schema: {
      tags,
      summary: 'Create a change, cancellation or cancel-access order on the filed subject (R-CHG); CANCEL_SUBJECT needs the filing password',
      body: Type.Object(
        {
          type: PostFilingType,
          websiteIds: Type.Optional(Type.Array(Type.String({ maxLength: 64 }), { maxItems: 64 })),
          filingPassword: Type.Optional(Type.String({ maxLength: 64 })),
          confirm: Type.Optional(Confirm),
        },
        { additionalProperties: false },
      ),
    },
    config: { auth: ['customer'], audit: false, rateLimit: { max: 20, timeWindow: '1 minute' } },
  }, async (req, reply) => reply.status(201).send(await deps.postFiling.create(requireActor(req), req.body as never, { requestId: req.id })));
  app.post('/api/v1/admin/cancel-access', {
    schema: {
      tags,
      summary: 'Provider-initiated cancel access (R-CHG-018) for websites that no longer use our servers',
      body: Type.Object({ accountNo: Type.String({ pattern: '^\\d{6,20}$' }), websiteIds: Type.Array(Type.String({ maxLength: 64 }), { minItems: 1, maxItems: 64 }), confirm: Type.Literal('CANCEL_ACCESS') }, { additionalProperties: false }),
    },
    config: { auth: ['admin', 'reviewer'], audit: false },
  }, async (req, reply) => {
    const account = await deps.postFiling.accountIdOf(req.body.accountNo);
    return reply.status(201).send(await deps.postFiling.create(requireActor(req), { type: 'CANCEL_ACCESS', websiteIds: req.body.websiteIds, confirm: 'CANCEL_ACCESS' }, { onBehalfOfAccountId: account, requestId: req.id }));
  });
  app.post('/api/v1/admin/subjects/:id/transfer', {
    schema: { tags, summary: 'Filing transfer (备案转移, R-ACC-005): move a subject and its history to another account', params: IdParams, body: Type.Object({ toAccountNo: Type.String({ pattern: '^\\d{6,20}$' }) }, { additionalProperties: false }) },
    config: { auth: ['admin', 'reviewer'], audit: false },
  }, async (req) => deps.postFiling.transfer(requireActor(req), { subjectId: req.params.id, toAccountNo: req.body.toAccountNo }, req.id));
}
