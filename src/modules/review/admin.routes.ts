import { Type } from 'typebox';
import type { Clock } from '../../platform/clock.ts';
import { type App, requireActor } from '../../platform/http/app.ts';
import { beijingDate } from '../calendar/index.ts';
import { PROVINCE_RULE_KEYS, provinceRequirementsPage } from '../rules/provinces/table.ts';
import { PROVINCE_NAMES } from '../rules/provinces/types.ts';
import type { CalendarAdmin } from './calendar-admin.ts';
import type { ProviderConfigStore } from './provider-config.store.ts';
import { ProviderConfigSchema } from './provider-config.ts';
import type { ProvinceOverrideStore } from './province-overrides.ts';

const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
const CivilDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: "civil date 'YYYY-MM-DD' (Beijing)" });

/**
 * Provider administration: province-rule overrides (R-PRV-001), the working-day calendar (R-ORD-035) and the
 * provider configuration. Users, roles and API tokens are the accounts module's; the server inventory is resources'.
 */
export function registerAdminRoutes(
  app: App,
  deps: {
    clock: Clock;
    provinceRules: ProvinceOverrideStore;
    calendarAdmin: CalendarAdmin;
    providerConfig: ProviderConfigStore;
  },
) {
  const { clock, provinceRules, calendarAdmin, providerConfig } = deps;
  const tags = ['admin'];
  const admin = ['admin'] as const;
  const now = () => clock.now().getTime();
  const today = () => beijingDate(clock.now());

  app.get(
    '/api/v1/admin/province-overrides',
    { schema: { tags, summary: 'Province-rule overrides, every version, oldest first' }, config: { auth: admin } },
    async () => provinceRules.list(),
  );
  app.post(
    '/api/v1/admin/province-overrides',
    {
      schema: {
        tags,
        summary:
          'Override one rule of one province from a date (R-PRV-001), with its source; the value is checked against the key, and the next check applies it',
        body: Type.Object(
          {
            province: Type.Enum(PROVINCE_NAMES),
            key: Type.Enum(PROVINCE_RULE_KEYS),
            value: Type.Unknown(),
            effectiveFrom: CivilDate,
            source: Type.String({ minLength: 1, maxLength: 500 }),
          },
          { additionalProperties: false },
        ),
      },
      config: { auth: admin, audit: false },
    },
    async (req, reply) =>
      reply.status(201).send(await provinceRules.add(req.body, requireActor(req), now(), today(), req.id)),
  );
  app.delete(
    '/api/v1/admin/province-overrides/:id',
    {
      schema: { tags, summary: 'Withdraw an override that is not yet in force', params: IdParams },
      config: { auth: admin, audit: false },
    },
    async (req) => {
      await provinceRules.remove(req.params.id, requireActor(req), now(), today(), req.id);
      return { ok: true };
    },
  );
  app.get(
    '/api/v1/admin/province-rules',
    {
      schema: {
        tags,
        summary: 'The province rule table in force on a date (default today), its version and the overrides applied',
        querystring: Type.Object({ date: Type.Optional(CivilDate) }, { additionalProperties: false }),
      },
      config: { auth: admin },
    },
    async (req) => {
      const date = req.query.date ?? today();
      const r = provinceRules.resolved(date);
      return { date, version: r.version, applied: r.applied, table: r.table };
    },
  );

  app.get(
    '/api/v1/provinces/:province/requirements',
    {
      schema: {
        tags: ['rules'],
        summary: "A province's requirements page generated from the rule set in force today (R-PRV-001)",
        params: Type.Object({ province: Type.Enum(PROVINCE_NAMES) }),
      },
      config: { auth: 'public' },
    },
    async (req) => {
      const r = provinceRules.resolved(today());
      return provinceRequirementsPage(req.params.province, r.table, r.version);
    },
  );

  app.get(
    '/api/v1/admin/calendar/overrides',
    { schema: { tags, summary: 'Calendar overrides and the years declared complete' }, config: { auth: admin } },
    async () => calendarAdmin.list(),
  );
  app.post(
    '/api/v1/admin/calendar/overrides',
    {
      schema: {
        tags,
        summary: 'Make a date a holiday or a (make-up) working day; the calendar is rebuilt at once (R-ORD-035)',
        body: Type.Object(
          {
            date: CivilDate,
            kind: Type.Union([Type.Literal('holiday'), Type.Literal('workday')]),
            name: Type.Optional(Type.String({ maxLength: 60 })),
            source: Type.String({ minLength: 1, maxLength: 500 }),
          },
          { additionalProperties: false },
        ),
      },
      config: { auth: admin, audit: false },
    },
    async (req, reply) => reply.status(201).send(await calendarAdmin.add(req.body, requireActor(req), now(), req.id)),
  );
  app.delete(
    '/api/v1/admin/calendar/overrides/:id',
    {
      schema: { tags, summary: 'Delete a calendar override', params: IdParams },
      config: { auth: admin, audit: false },
    },
    async (req) => calendarAdmin.remove(req.params.id, requireActor(req), now(), req.id),
  );
  app.put(
    '/api/v1/admin/calendar/years/:year',
    {
      schema: {
        tags,
        summary: "Declare that a year's holiday notice has been entered completely (its dates stop being provisional)",
        params: Type.Object({ year: Type.String({ pattern: '^20\\d{2}$' }) }),
        body: Type.Object({ covered: Type.Boolean() }, { additionalProperties: false }),
      },
      config: { auth: admin, audit: false },
    },
    async (req) =>
      calendarAdmin.setYearCovered(Number(req.params.year), req.body.covered, requireActor(req), now(), req.id),
  );
  app.get(
    '/api/v1/admin/calendar',
    {
      schema: {
        tags,
        summary: 'The holidays and make-up working days of a year, with their origin (notice or override)',
        querystring: Type.Object(
          { year: Type.Optional(Type.String({ pattern: '^20\\d{2}$' })) },
          { additionalProperties: false },
        ),
      },
      config: { auth: admin },
    },
    async (req) => calendarAdmin.year(req.query.year ? Number(req.query.year) : Number(today().slice(0, 4))),
  );

  app.get(
    '/api/v1/admin/provider-config',
    { schema: { tags, summary: 'The provider configuration' }, config: { auth: admin } },
    async () => providerConfig.get(),
  );
  app.put(
    '/api/v1/admin/provider-config',
    {
      schema: {
        tags,
        summary: 'Replace the provider configuration (legal name, curtain text, hotline, DNS hint, photo points)',
        body: ProviderConfigSchema,
      },
      config: { auth: admin, audit: false },
    },
    async (req) => providerConfig.put(req.body, requireActor(req), now(), req.id),
  );
  app.get(
    '/api/v1/provider',
    {
      schema: {
        tags: ['rules'],
        summary: "The provider's public information: name, hotline, DNS hint, curtain texts, photo points",
      },
      config: { auth: 'public' },
    },
    async () => providerConfig.get(),
  );
}
