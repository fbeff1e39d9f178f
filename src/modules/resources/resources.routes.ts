import { Type } from 'typebox';
import { type App, requireActor } from '../../platform/http/app.ts';
import { BillingEvent, ServerInput } from './servers.schema.ts';
import type { ServersService } from './servers.service.ts';

export function registerResourceRoutes(app: App, deps: { servers: ServersService }) {
  const { servers } = deps;
  const tags = ['resources'];

  app.get('/api/v1/servers', { schema: { tags, summary: "The signed-in customer's servers" }, config: { auth: ['customer'] } }, async (req) =>
    servers.listForAccount(requireActor(req).id!),
  );
  app.get('/api/v1/admin/servers', { schema: { tags, summary: 'The whole server inventory' }, config: { auth: ['admin', 'reviewer'] } }, async () => servers.listAll());
  app.post('/api/v1/admin/servers/import', {
    schema: { tags, summary: 'Import servers (idempotent by externalId; all or nothing)', body: Type.Object({ servers: Type.Array(ServerInput, { minItems: 1, maxItems: 10000 }) }, { additionalProperties: false }) },
    config: { auth: ['admin'], audit: false },
  }, async (req) => {
    const out = await servers.importMany(req.body.servers, requireActor(req));
    return { imported: out.length, created: out.filter((o) => o.created).length };
  });
  // The provider's billing system calls this on purchase, renewal and expiry (machine token with role billing).
  app.post('/api/v1/billing/server-events', {
    schema: { tags, summary: 'Billing-system webhook: purchase, renewal, expiry of a server', body: BillingEvent },
    config: { auth: ['billing', 'admin'], audit: false },
  }, async (req) => {
    const r = await servers.upsert(req.body.server, requireActor(req));
    return { server: r.server, created: r.created };
  });
}
