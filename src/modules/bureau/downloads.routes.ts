import { Type } from 'typebox';
import type { Clock } from '../../platform/clock.ts';
import type { Database } from '../../platform/db/database.ts';
import { DomainError } from '../../platform/errors.ts';
import { type App, requireActor } from '../../platform/http/app.ts';
import { listBlacklist, listFindings, resolveFinding } from './downloads.ts';

const FINDING_KINDS = [
  'ACCESS_OVER_REPORTED',
  'ACCESS_UNDER_REPORTED',
  'SUBJECT_CHECK',
  'SHELL_ALIVE',
  'SHELL_DEAD',
  'SITE_PROBE',
  'UNFILED_SITE',
] as const;

/**
 * Staff views of what the bureau sent about this provider (issue 6): the HCJG check findings and WBAWZLB handling
 * lines (`/api/v1/bureau/findings`, reviewers and admins; resolving one is audited), and the local copy of the
 * bureau's blacklist (`/api/v1/bureau/blacklist`, certificate numbers masked).
 */
export function registerDownloadRoutes(app: App, deps: { database: Database; clock: Clock }) {
  const tags = ['bureau'];
  const { db } = deps.database;

  app.get(
    '/api/v1/bureau/findings',
    {
      schema: {
        tags,
        summary: "The bureau's check findings (HCJG) and unfiled-site handling (WBAWZLB), newest first",
        querystring: Type.Object(
          {
            kind: Type.Optional(Type.Enum(FINDING_KINDS)),
            status: Type.Optional(Type.Enum(['OPEN', 'RESOLVED'])),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
            before: Type.Optional(Type.Integer({ minimum: 0 })),
          },
          { additionalProperties: false },
        ),
      },
      config: { auth: ['reviewer', 'admin'] },
    },
    async (req) => ({ findings: await listFindings(db, req.query) }),
  );

  app.post(
    '/api/v1/bureau/findings/:id/resolve',
    {
      schema: {
        tags,
        summary: 'Mark a bureau finding handled',
        params: Type.Object({ id: Type.String({ maxLength: 64 }) }, { additionalProperties: false }),
      },
      config: { auth: ['reviewer', 'admin'] },
    },
    async (req) => {
      const actor = requireActor(req);
      const ok = await resolveFinding(db, req.params.id, actor.id, deps.clock.now().getTime());
      if (!ok)
        throw new DomainError('NOT_FOUND', {
          reason: 'FINDING_NOT_OPEN',
          message: { zh: '该核查结果不存在或已处理', en: 'No such open finding' },
        });
      return { id: req.params.id, status: 'RESOLVED' };
    },
  );

  app.get(
    '/api/v1/bureau/blacklist',
    {
      schema: {
        tags,
        summary: "The bureau's blacklist as synced (HMDLB, R-BUR-018)",
        querystring: Type.Object({ active: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
      },
      config: { auth: ['reviewer', 'admin'] },
    },
    async (req) => ({ entries: await listBlacklist(db, { active: req.query.active }) }),
  );
}
