import { Type } from 'typebox';
import { type App, requireActor } from '../../platform/http/app.ts';
import type { AuthCodesService } from './auth-codes.service.ts';
import { BillingEvent, ServerInput } from './servers.schema.ts';
import type { ServersService } from './servers.service.ts';

export function registerResourceRoutes(app: App, deps: { servers: ServersService }) {
  const { servers } = deps;
  const tags = ['resources'];

  app.get(
    '/api/v1/servers',
    { schema: { tags, summary: "The signed-in customer's servers" }, config: { auth: ['customer'] } },
    async (req) => servers.listForAccount(requireActor(req).id!),
  );
  app.get(
    '/api/v1/admin/servers',
    { schema: { tags, summary: 'The whole server inventory' }, config: { auth: ['admin', 'reviewer'] } },
    async () => servers.listAll(),
  );
  app.post(
    '/api/v1/admin/servers/import',
    {
      schema: {
        tags,
        summary: 'Import servers (idempotent by externalId; all or nothing)',
        body: Type.Object(
          { servers: Type.Array(ServerInput, { minItems: 1, maxItems: 10000 }) },
          { additionalProperties: false },
        ),
      },
      config: { auth: ['admin'], audit: false },
    },
    async (req) => {
      const out = await servers.importMany(req.body.servers, requireActor(req));
      return { imported: out.length, created: out.filter((o) => o.created).length };
    },
  );
  // The provider's billing system calls this on purchase, renewal and expiry (machine token with role billing).
  app.post(
    '/api/v1/billing/server-events',
    {
      schema: { tags, summary: 'Billing-system webhook: purchase, renewal, expiry of a server', body: BillingEvent },
      config: { auth: ['billing', 'admin'], audit: false },
    },
    async (req) => {
      const r = await servers.upsert(req.body.server, requireActor(req));
      return { server: r.server, created: r.created };
    },
  );
}

export function registerAuthCodeRoutes(app: App, deps: { authCodes: AuthCodesService }) {
  const tags = ['resources'];
  const customer = ['customer'] as const;
  app.get(
    '/api/v1/auth-codes',
    { schema: { tags, summary: 'Authorization codes of my servers (R-ACC-024)' }, config: { auth: customer } },
    async (req) => deps.authCodes.listForAccount(requireActor(req).id!),
  );
  app.post(
    '/api/v1/servers/:id/auth-codes',
    {
      schema: {
        tags,
        summary: 'Generate an authorization code for a server (free; at most 5 ever; R-ACC-017/018)',
        params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
      },
      config: { auth: customer, audit: false },
    },
    async (req, reply) => reply.status(201).send(await deps.authCodes.generate(requireActor(req), req.params.id)),
  );
  app.delete(
    '/api/v1/auth-codes/:id',
    {
      schema: {
        tags,
        summary: 'Revoke an unused authorization code',
        params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
      },
      config: { auth: customer, audit: false },
    },
    async (req) => {
      await deps.authCodes.revoke(requireActor(req), req.params.id);
      return { ok: true };
    },
  );
}
