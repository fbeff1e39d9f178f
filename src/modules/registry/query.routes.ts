import { Type } from 'typebox';
import { DomainError } from '../../platform/errors.ts';
import type { App } from '../../platform/http/app.ts';
import type { BureauPort } from '../bureau/port.ts';
import type { PublicQuery, PublicQueryService } from './query.service.ts';
import { renderQueryPage } from './query-page.ts';

/** Per client address (the default key of @fastify/rate-limit): the public query is open to anyone. */
const QUERY_RATE = { max: 30, timeWindow: '1 minute' };

const QueryString = Type.Object(
  {
    domain: Type.Optional(Type.String({ minLength: 1, maxLength: 253 })),
    number: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    subject: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    cert: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
  },
  { additionalProperties: false },
);

const Record_ = Type.Object({
  subjectName: Type.String(),
  subjectType: Type.String(),
  subjectFilingNumber: Type.String(),
  websiteName: Type.String(),
  websiteFilingNumber: Type.String(),
  domains: Type.Array(Type.String()),
  approvedOn: Type.Union([Type.String(), Type.Null()]),
});

export function registerPublicQueryRoutes(app: App, deps: { query: PublicQueryService; bureau: BureauPort | null }) {
  const tags = ['public'];

  app.get(
    '/api/v1/public/query',
    {
      schema: {
        tags,
        summary:
          'Public filing query (R-BUR-012): exactly one of domain, number, subject, cert; no login, rate-limited',
        querystring: QueryString,
        response: {
          200: Type.Object({
            query: Type.Object({ by: Type.String(), value: Type.String() }),
            records: Type.Array(Record_),
            source: Type.String(),
          }),
        },
      },
      config: { auth: 'public', rateLimit: QUERY_RATE },
    },
    async (req) => deps.query.query(req.query),
  );

  app.get(
    '/api/v1/public/suffixes',
    {
      schema: { tags, summary: 'Domain suffixes the bureau accepts for filing (R-BUR-015, 基础代码查询 > 域名类型)' },
      config: { auth: 'public', rateLimit: QUERY_RATE },
    },
    async () => {
      if (!deps.bureau)
        throw new DomainError('SERVICE_UNAVAILABLE', {
          reason: 'BUREAU_NOT_CONFIGURED',
          message: { zh: '未配置管局接口', en: 'No bureau is configured' },
        });
      return { suffixes: await deps.bureau.approvedSuffixes() };
    },
  );

  app.get(
    '/query',
    {
      schema: {
        hide: true,
        querystring: Type.Object(
          {
            by: Type.Optional(
              Type.Union([
                Type.Literal('domain'),
                Type.Literal('number'),
                Type.Literal('subject'),
                Type.Literal('cert'),
              ]),
            ),
            q: Type.Optional(Type.String({ maxLength: 253 })),
            lang: Type.Optional(Type.Union([Type.Literal('zh'), Type.Literal('en')])),
          },
          { additionalProperties: false },
        ),
      },
      config: { auth: 'public', rateLimit: QUERY_RATE },
    },
    async (req, reply) => {
      const lang = req.query.lang ?? req.lang;
      const q: PublicQuery = req.query.q?.trim() ? { [req.query.by ?? 'domain']: req.query.q.trim() } : {};
      const outcome: Parameters<typeof renderQueryPage>[2] = {};
      if (req.query.q?.trim()) {
        try {
          outcome.result = await deps.query.query(q);
        } catch (e) {
          if (!(e instanceof DomainError) || e.code === 'INTERNAL') throw e;
          outcome.error = e.localized?.[lang] ?? e.message;
        }
      } else if (deps.bureau) {
        outcome.suffixes = await deps.bureau.approvedSuffixes().catch(() => undefined);
      }
      return reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(renderQueryPage(lang, q, outcome));
    },
  );
}
