import { type App, requireActor } from '../../platform/http/app.ts';
import { RegistrarImportBody } from './registrar.schema.ts';
import type { Registrar } from './registrar.service.ts';

export function registerRegistrarRoutes(app: App, deps: { registrar: Registrar }) {
  // The provider's registrar system (or an admin with its export) pushes domain facts here; an API token with the
  // admin role serves a machine caller, as no narrower machine role covers registrar data.
  app.put(
    '/api/v1/admin/registrar/domains',
    {
      schema: {
        tags: ['registrar'],
        summary: 'Upsert registrar facts of domains (R-WEB-007..014; idempotent by domain; all or nothing)',
        body: RegistrarImportBody,
      },
      config: { auth: ['admin'], audit: false },
    },
    async (req) => deps.registrar.importMany(req.body.domains, requireActor(req), req.id),
  );
}
