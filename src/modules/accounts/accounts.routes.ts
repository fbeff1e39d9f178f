import { Type } from 'typebox';
import type { Config } from '../../platform/config.ts';
import { type App, requireActor, SESSION_COOKIE } from '../../platform/http/app.ts';
import {
  CreateTokenBody,
  CreateUserBody,
  IdParams,
  SetRoleBody,
  SignInBody,
  SignUpBody,
  UserView,
} from './accounts.schema.ts';
import type { AccountsService } from './accounts.service.ts';

export function registerAccountRoutes(app: App, deps: { accounts: AccountsService; config: Config }) {
  const { accounts, config } = deps;
  const cookieOpts = (expiresAt?: number) => ({
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: config.BEIAN_SECURE_COOKIES,
    ...(expiresAt ? { expires: new Date(expiresAt) } : {}),
  });
  const tags = ['accounts'];

  app.post(
    '/api/v1/auth/sign-up',
    {
      schema: { tags, summary: 'Create a customer account', body: SignUpBody, response: { 201: UserView } },
      config: { auth: 'public', rateLimit: { max: 20, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      const user = await accounts.createUser({ ...req.body, role: 'customer' });
      req.auditObject = { type: 'user', id: user.id };
      return reply.status(201).send(user);
    },
  );

  app.post(
    '/api/v1/auth/sign-in',
    {
      schema: {
        tags,
        summary: 'Sign in; sets an HttpOnly session cookie (rotated at every sign-in)',
        body: SignInBody,
        response: { 200: UserView },
      },
      config: { auth: 'public', audit: false },
    },
    async (req, reply) => {
      const r = await accounts.signIn({
        ...req.body,
        ip: req.ip,
        userAgent: req.headers['user-agent'],
        previousSessionToken: req.cookies?.[SESSION_COOKIE],
      });
      void reply.setCookie(SESSION_COOKIE, r.token, cookieOpts(r.expiresAt));
      return r.user;
    },
  );

  app.post(
    '/api/v1/auth/sign-out',
    {
      schema: { tags, summary: 'Sign out (ends the session)', response: { 204: Type.Null() } },
      config: { auth: ['customer', 'reviewer', 'photo_agent', 'admin'], audit: false },
    },
    async (req, reply) => {
      if (req.sessionToken) await accounts.signOut(req.sessionToken, requireActor(req));
      void reply.clearCookie(SESSION_COOKIE, cookieOpts());
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/auth/me',
    {
      schema: { tags, summary: 'The signed-in user', response: { 200: UserView } },
      config: { auth: ['customer', 'reviewer', 'photo_agent', 'admin'] },
    },
    async (req) => {
      const actor = requireActor(req) as { user?: unknown };
      return actor.user as never;
    },
  );

  const admin = ['admin'] as const;
  app.get('/api/v1/admin/users', { schema: { tags, summary: 'List users' }, config: { auth: admin } }, async () =>
    accounts.listUsers(),
  );
  app.post(
    '/api/v1/admin/users',
    {
      schema: { tags, summary: 'Create a user with a role', body: CreateUserBody, response: { 201: UserView } },
      config: { auth: admin, audit: false },
    },
    async (req, reply) => reply.status(201).send(await accounts.createUser(req.body, requireActor(req))),
  );
  app.put(
    '/api/v1/admin/users/:id/role',
    {
      schema: { tags, summary: "Change a user's role (ends their sessions)", params: IdParams, body: SetRoleBody },
      config: { auth: admin, audit: false },
    },
    async (req) => {
      await accounts.setRole(req.params.id, req.body.role, requireActor(req));
      return { ok: true };
    },
  );
  app.get(
    '/api/v1/admin/tokens',
    { schema: { tags, summary: 'List API tokens (never their secrets)' }, config: { auth: admin } },
    async () => accounts.listTokens(),
  );
  app.post(
    '/api/v1/admin/tokens',
    {
      schema: {
        tags,
        summary: 'Create an API token for a machine (edge proxy, photo point, billing system)',
        body: CreateTokenBody,
      },
      config: { auth: admin, audit: false },
    },
    async (req, reply) => reply.status(201).send(await accounts.createToken(req.body, requireActor(req))),
  );
  app.delete(
    '/api/v1/admin/tokens/:id',
    {
      schema: { tags, summary: 'Revoke an API token', params: IdParams },
      config: { auth: admin, audit: false },
    },
    async (req) => {
      await accounts.revokeToken(req.params.id, requireActor(req));
      return { ok: true };
    },
  );
}
