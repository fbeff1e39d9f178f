import { randomUUID } from 'node:crypto';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { AccountsService } from '../../modules/accounts/accounts.service.ts';
import { type Actor, appendAudit, type Role } from '../../modules/audit/audit.repository.ts';
import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import { DomainError } from '../errors.ts';
import { type Lang, langFromAcceptLanguage } from '../i18n.ts';
import { toProblem } from './problem.ts';

export const SESSION_COOKIE = 'beian_session';

/** `auth` on every route: 'public', or the roles allowed. A route that says nothing is refused (deny by default). */
export type RouteAuth = 'public' | readonly Role[];

declare module 'fastify' {
  interface FastifyContextConfig {
    auth?: RouteAuth;
    /** Audit action name for a state-changing route; defaults to "METHOD /url". false: the use case audits itself. */
    audit?: string | false;
  }
  interface FastifyRequest {
    actor: Actor | null;
    lang: Lang;
    sessionToken?: string;
    auditObject?: { type: string; id: string };
  }
}

export interface HttpDeps {
  config: Config;
  database: Database;
  clock: Clock;
  accounts: AccountsService;
  logger?: boolean | object;
}

export type App = FastifyInstance<
  import('node:http').Server,
  import('node:http').IncomingMessage,
  import('node:http').ServerResponse,
  import('fastify').FastifyBaseLogger,
  TypeBoxTypeProvider
>;

/** pino redaction: identity numbers, phone numbers, passwords, cookies and tokens never reach the log. */
export const redactPaths = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-beian-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.certNumber',
  '*.certificateNumber',
  '*.idNumber',
  '*.mobile',
  '*.phone',
  '*.landline',
  '*.officePhone',
];

export function requireActor(req: FastifyRequest): Actor {
  if (!req.actor) throw new DomainError('UNAUTHENTICATED', { reason: 'UNAUTHENTICATED' });
  return req.actor;
}

export async function buildHttpApp(deps: HttpDeps): Promise<App> {
  const { config } = deps;
  const app = Fastify({
    logger:
      deps.logger === false
        ? false
        : {
            level: config.LOG_LEVEL,
            redact: { paths: redactPaths, censor: '[redacted]' },
            ...(typeof deps.logger === 'object' ? deps.logger : {}),
          },
    bodyLimit: config.BEIAN_BODY_LIMIT_BYTES,
    trustProxy: config.BEIAN_TRUST_PROXY ? config.BEIAN_TRUST_PROXY.split(',').map((s) => s.trim()) : false,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{8,64}$/.test(given) ? given : randomUUID();
    },
    // unknown fields are refused, not silently dropped; types are not coerced in bodies (a "1" is not a 1)
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, allErrors: true, useDefaults: true } },
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorateRequest('actor', null);
  app.decorateRequest('lang', 'zh');

  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  // One file per request; one byte over the R-MAT-001 limit is let through so the upload pipeline can name the rule.
  // preservePath: the raw client file name reaches the pipeline, so a traversal attempt is refused by name, not silently cut
  await app.register(multipart, { preservePath: true, limits: { fileSize: 2_097_153, files: 1, fields: 10, fieldSize: 1024, parts: 12 } });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Beian API', version: '1', description: 'ICP filing (ICP备案) platform for access providers' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
    },
  });
  // the API documentation is public; every other route states its own auth
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/docs')) route.config = { ...(route.config ?? {}), auth: 'public' };
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  app.setErrorHandler((err, req, reply) => {
    const { problem, internal } = toProblem(err, req.lang ?? 'zh', req.id);
    if (internal) req.log.error({ err }, 'unhandled error');
    if (problem.code === 'TOO_MANY_REQUESTS' && typeof problem.details?.retryAfterSeconds === 'number')
      void reply.header('retry-after', String(problem.details.retryAfterSeconds));
    return reply.status(problem.status).type('application/problem+json; charset=utf-8').send(problem);
  });
  app.setNotFoundHandler((req, reply) => {
    const { problem } = toProblem(
      new DomainError('NOT_FOUND', { reason: 'ROUTE_NOT_FOUND' }),
      req.lang ?? 'zh',
      req.id,
    );
    return reply.status(404).type('application/problem+json; charset=utf-8').send(problem);
  });

  app.addHook('onRequest', async (req) => {
    req.lang = langFromAcceptLanguage(req.headers['accept-language']);
    const cfg = req.routeOptions.config;
    // the public and edge routes skip identity work entirely (no cookie parsing on the hot path)
    if (cfg?.auth === 'public' && !req.headers.authorization && !req.headers.cookie) return;
    const bearer = req.headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
    if (bearer) {
      req.actor = await deps.accounts.actorFromToken(bearer);
      if (!req.actor) throw new DomainError('UNAUTHENTICATED', { reason: 'TOKEN_INVALID' });
      return;
    }
    const token = req.cookies?.[SESSION_COOKIE];
    if (token) {
      req.sessionToken = token;
      req.actor = await deps.accounts.actorFromSession(token);
    }
  });

  // preValidation: who may call is decided before the body is judged, so a wrong role gets 401/403, never a 400
  app.addHook('preValidation', async (req) => {
    const auth = req.routeOptions.config?.auth;
    if (auth === 'public' || !req.routeOptions.url) return; // unmatched: the not-found handler answers
    if (!auth) throw new DomainError('FORBIDDEN', { reason: 'ROUTE_NOT_EXPOSED' });
    if (!req.actor) throw new DomainError('UNAUTHENTICATED', { reason: 'UNAUTHENTICATED' });
    if (!auth.includes(req.actor.role))
      throw new DomainError('FORBIDDEN', {
        reason: 'ROLE_NOT_ALLOWED',
        details: { role: req.actor.role, allowed: auth },
      });
    // CSRF: cookie-authenticated unsafe requests must come from our own origin (SameSite covers most browsers)
    if (req.sessionToken && !['GET', 'HEAD', 'OPTIONS'].includes(req.method)) {
      const origin = req.headers.origin;
      if (origin && new URL(origin).host !== req.headers.host)
        throw new DomainError('FORBIDDEN', { reason: 'CROSS_ORIGIN' });
    }
  });

  // Every state-changing request is audited before its response leaves (durable before the response).
  app.addHook('onSend', async (req: FastifyRequest, reply: FastifyReply, payload) => {
    const cfg = req.routeOptions.config;
    if (
      ['GET', 'HEAD', 'OPTIONS'].includes(req.method) ||
      reply.statusCode >= 400 ||
      cfg?.audit === false ||
      !req.routeOptions.url
    )
      return payload;
    const actor = req.actor ?? { id: null, role: 'customer' as Role };
    const params = req.params as Record<string, string> | undefined;
    await appendAudit(
      deps.database.db,
      {
        actor,
        action: cfg?.audit ?? `${req.method} ${req.routeOptions.url}`,
        objectType: req.auditObject?.type,
        objectId: req.auditObject?.id ?? params?.id,
        requestId: req.id,
        ip: req.ip,
      },
      deps.clock.now().getTime(),
    );
    return payload;
  });

  return app;
}
