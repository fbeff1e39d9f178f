import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { signIn, type TestApp, testApp } from '../../../test/support/app.ts';

describe('accounts over HTTP (issue 2 §4–6)', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp();
    await t.accounts.createUser({ email: 'rev@example.com', password: 'reviewer-pass-1', role: 'reviewer' });
    await t.accounts.createUser({ email: 'admin@example.com', password: 'admin-pass-123', role: 'admin' });
  });
  after(() => t.close());

  it('signs up, signs in with an HttpOnly SameSite cookie, reads /me, signs out', async () => {
    const up = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-up',
      payload: { email: 'Alice@Example.com', password: 'correct horse' },
    });
    assert.equal(up.statusCode, 201, up.body);
    assert.equal(up.json().email, 'alice@example.com');
    assert.match(up.json().accountNo, /^1000\d{8}$/);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: 'alice@example.com', password: 'correct horse' },
    });
    assert.equal(res.statusCode, 200);
    const setCookie = String(res.headers['set-cookie']);
    assert.match(setCookie, /HttpOnly/i);
    assert.match(setCookie, /SameSite=Lax/i);
    const cookie = `beian_session=${res.cookies[0].value}`;
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } });
    assert.equal(me.json().role, 'customer');
    const out = await t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-out', headers: { cookie } });
    assert.equal(out.statusCode, 204);
    const me2 = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } });
    assert.equal(me2.statusCode, 401);
    assert.equal(me2.headers['content-type'], 'application/problem+json; charset=utf-8');
  });

  it('rotates the session at sign-in: the old token stops working', async () => {
    const first = await signIn(t, 'rev@example.com', 'reviewer-pass-1');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      headers: { cookie: first },
      payload: { email: 'rev@example.com', password: 'reviewer-pass-1' },
    });
    assert.equal(res.statusCode, 200);
    assert.notEqual(`beian_session=${res.cookies[0].value}`, first);
    const old = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: first } });
    assert.equal(old.statusCode, 401);
  });

  it('refuses a duplicate email with EMAIL_TAKEN', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-up',
      payload: { email: 'rev@example.com', password: 'whatever-123' },
    });
    assert.equal(res.statusCode, 409);
    assert.equal(res.json().code, 'EMAIL_TAKEN');
  });

  it('throttles sign-in after repeated failures (ten wrong passwords in a row are refused with 429)', async () => {
    await t.accounts.createUser({ email: 'victim@example.com', password: 'the-real-pass', role: 'customer' });
    const codes: number[] = [];
    for (let i = 0; i < 10; i++) {
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/sign-in',
        payload: { email: 'victim@example.com', password: `wrong-${i}` },
      });
      codes.push(r.statusCode);
    }
    assert.deepEqual(codes.slice(0, 5), [401, 401, 401, 401, 401]);
    assert.ok(
      codes.slice(5).every((c) => c === 429),
      codes.join(','),
    );
    // even the right password is refused while locked
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: 'victim@example.com', password: 'the-real-pass' },
    });
    assert.equal(r.statusCode, 429);
    assert.equal(r.json().reason, 'LOGIN_THROTTLED');
    assert.ok(Number(r.headers['retry-after']) > 0);
    // and lets the owner in after the lock window
    t.clock.advance(16 * 60_000);
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: 'victim@example.com', password: 'the-real-pass' },
    });
    assert.equal(ok.statusCode, 200);
  });

  it("a customer's token calling an admin endpoint gets 403 ROLE_NOT_ALLOWED; deny by default", async () => {
    await t.accounts.createUser({ email: 'bob@example.com', password: 'bob-password', role: 'customer' });
    const cookie = await signIn(t, 'bob@example.com', 'bob-password');
    const r = await t.app.inject({ method: 'GET', url: '/api/v1/admin/users', headers: { cookie } });
    assert.equal(r.statusCode, 403);
    assert.equal(r.json().code, 'FORBIDDEN');
    assert.equal(r.json().reason, 'ROLE_NOT_ALLOWED');
    const anon = await t.app.inject({ method: 'GET', url: '/api/v1/admin/users' });
    assert.equal(anon.statusCode, 401);
  });

  it('API tokens: an admin creates a machine token; it authenticates as its role; revoked it stops', async () => {
    const cookie = await signIn(t, 'admin@example.com', 'admin-pass-123');
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/tokens',
      headers: { cookie },
      payload: { name: 'billing', role: 'billing' },
    });
    assert.equal(created.statusCode, 201, created.body);
    const { token, id } = created.json();
    const denied = await t.app.inject({
      method: 'GET',
      url: '/api/v1/admin/users',
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(denied.statusCode, 403);
    const revoke = await t.app.inject({ method: 'DELETE', url: `/api/v1/admin/tokens/${id}`, headers: { cookie } });
    assert.equal(revoke.statusCode, 200);
    const after = await t.app.inject({
      method: 'GET',
      url: '/api/v1/admin/users',
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(after.statusCode, 401);
    assert.equal(after.json().reason, 'TOKEN_INVALID');
  });

  it('every state-changing request is audited with actor, role, action and request id', async () => {
    const cookie = await signIn(t, 'admin@example.com', 'admin-pass-123');
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/tokens',
      headers: { cookie, 'x-request-id': 'req-audit-0001' },
      payload: { name: 'edge-1', role: 'edge' },
    });
    assert.equal(r.statusCode, 201);
    const audit = await t.app.inject({
      method: 'GET',
      url: '/api/v1/admin/audit?objectType=api_token',
      headers: { cookie },
    });
    const entry = audit.json().find((e: { action: string }) => e.action === 'token.create');
    assert.ok(entry);
    assert.equal(entry.actor_role, 'admin');
    const signUpAudit = await t.app.inject({
      method: 'GET',
      url: '/api/v1/admin/audit?objectType=user',
      headers: { cookie },
    });
    assert.ok(signUpAudit.json().some((e: { action: string }) => e.action === 'user.create'));
  });
});

describe('problem+json for bad input (issue 2 §5)', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp({ env: { BEIAN_BODY_LIMIT_BYTES: '2048' } });
  });
  after(() => t.close());

  const signUp = (payload: string, headers: Record<string, string> = {}) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-up',
      payload,
      headers: { 'content-type': 'application/json', ...headers },
    });

  it('malformed JSON → 400 MALFORMED_JSON naming the body', async () => {
    const r = await signUp('{"email": ');
    assert.equal(r.statusCode, 400);
    assert.equal(r.headers['content-type'], 'application/problem+json; charset=utf-8');
    assert.equal(r.json().errors[0].field, 'body');
  });
  it('wrong types → 400 naming the field', async () => {
    const r = await signUp(JSON.stringify({ email: 'x@example.com', password: 12345678 }));
    assert.equal(r.statusCode, 400);
    assert.equal(r.json().code, 'VALIDATION_FAILED');
    assert.ok(r.json().errors.some((e: { field: string }) => e.field === 'password'));
  });
  it('unknown fields → 400 naming the field', async () => {
    const r = await signUp(JSON.stringify({ email: 'x@example.com', password: 'long enough', isAdmin: true }));
    assert.equal(r.statusCode, 400);
    assert.ok(
      r
        .json()
        .errors.some(
          (e: { field: string; code: string }) => e.field === 'isAdmin' && e.code === 'SCHEMA_ADDITIONALPROPERTIES',
        ),
    );
  });
  it('missing fields → 400 naming the field', async () => {
    const r = await signUp(JSON.stringify({ email: 'x@example.com' }));
    assert.ok(r.json().errors.some((e: { field: string }) => e.field === 'password'));
  });
  it('oversized bodies → 413 problem+json', async () => {
    const r = await signUp(JSON.stringify({ email: 'x@example.com', password: 'p'.repeat(5000) }));
    assert.equal(r.statusCode, 413);
    assert.equal(r.json().code, 'PAYLOAD_TOO_LARGE');
    assert.equal(r.json().errors[0].field, 'body');
  });
  it('messages follow Accept-Language', async () => {
    const zh = await signUp(JSON.stringify({ email: 'x@example.com' }));
    assert.match(zh.json().title, /校验/);
    const en = await signUp(JSON.stringify({ email: 'x@example.com' }), { 'accept-language': 'en-US,en;q=0.9' });
    assert.match(en.json().title, /validation/i);
  });
  it('unknown routes → 404 problem+json', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/v1/nope' });
    assert.equal(r.statusCode, 404);
    assert.equal(r.json().code, 'NOT_FOUND');
  });
  it('/healthz and /readyz answer; /api/docs serves the OpenAPI document', async () => {
    assert.equal((await t.app.inject({ method: 'GET', url: '/healthz' })).statusCode, 200);
    const ready = await t.app.inject({ method: 'GET', url: '/readyz' });
    assert.equal(ready.statusCode, 200);
    const doc = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    assert.equal(doc.statusCode, 200);
    assert.ok(doc.json().paths['/api/v1/auth/sign-in']);
  });
});

describe('deny by default comes before validation', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp();
    await t.accounts.createUser({ email: 'cust@example.com', password: 'cust-password', role: 'customer' });
  });
  after(() => t.close());

  it('a customer sending a malformed body to an admin route gets 403, not 400', async () => {
    const cookie = await signIn(t, 'cust@example.com', 'cust-password');
    const r = await t.app.inject({ method: 'POST', url: '/api/v1/admin/tokens', headers: { cookie }, payload: { nonsense: 1 } });
    assert.equal(r.statusCode, 403);
    assert.equal(r.json().reason, 'ROLE_NOT_ALLOWED');
    const anon = await t.app.inject({ method: 'POST', url: '/api/v1/admin/tokens', payload: { nonsense: 1 } });
    assert.equal(anon.statusCode, 401);
  });
});
