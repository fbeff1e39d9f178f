import assert from 'node:assert/strict';
import { signIn, type TestApp } from '../../../test/support/app.ts';
import { personDraft, personDraftFor, testPerson } from '../../../test/support/drafts.ts';

/** Fixtures shared by the review module's API and browser tests. */

export const PASSWORDS = {
  reviewer: 'reviewer-password',
  admin: 'admin-password',
  photo_agent: 'photo-agent-password',
  customer: 'customer-password',
} as const;

export type StaffRole = keyof typeof PASSWORDS;

export const staffEmail = (role: StaffRole, tag = 'r') => `${tag}-${role.replace('_', '-')}@example.com`;

/** Signs in again (sessions end when the clock moves past their lifetime). */
export async function signInAs(t: TestApp, role: StaffRole, tag = 'r'): Promise<string> {
  return signIn(t, staffEmail(role, tag), PASSWORDS[role]);
}

/** One user per role, signed in; returns the cookie of each. */
export async function usersByRole(t: TestApp, tag = 'r'): Promise<Record<StaffRole, string>> {
  const out = {} as Record<StaffRole, string>;
  for (const role of Object.keys(PASSWORDS) as StaffRole[]) {
    const email = staffEmail(role, tag);
    await t.accounts.createUser({ email, password: PASSWORDS[role], role, displayName: `${role}-${tag}` });
    out[role] = await signIn(t, email, PASSWORDS[role]);
  }
  return out;
}

const SYSTEM = { id: null, role: 'system' as const };

/**
 * A customer account with an eligible server and a personal FIRST filing in 广东 submitted for initial review
 * (T01 → T02). `n` makes the account, server IP and domain unique.
 */
export async function submittedOrder(
  t: TestApp,
  n: number,
  opts: { domain?: string; mutate?: (d: ReturnType<typeof personDraft>) => void } = {},
) {
  const email = `cust${n}@example.com`;
  const u = await t.accounts.createUser({ email, password: PASSWORDS.customer, role: 'customer' });
  const ip = `203.0.113.${20 + n}`;
  await t.servers.importMany(
    [
      {
        externalId: `gz-${n}`,
        accountNo: u.accountNo,
        name: `GZ-${n}`,
        region: 'ap-guangzhou',
        regionKind: 'mainland',
        billingMode: 'prepaid',
        prepaidMonths: 12,
        purchasedAt: '2026-10-01',
        expiresAt: '2027-10-01',
        publicIp: ip,
      },
    ],
    SYSTEM,
  );
  const cookie = await signIn(t, email, PASSWORDS.customer);
  const domain = opts.domain ?? `review-site-${n}.cn`;
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/v1/orders',
    headers: { cookie },
    payload: {
      subject: {
        type: 'PERSONAL',
        certificateType: 'RESIDENT_ID',
        certificateNumber: testPerson(n).certificateNumber,
        name: '张三',
      },
      province: '广东',
      domains: [domain],
    },
  });
  assert.equal(created.statusCode, 201, created.body);
  const id = created.json().id as string;
  // each customer files for their own person: a subject belongs to one account (R-ACC-004)
  const draft = personDraftFor(domain, n);
  draft.websites[0].accessIps = [ip];
  opts.mutate?.(draft);
  const saved = await t.app.inject({
    method: 'PUT',
    url: `/api/v1/orders/${id}/draft`,
    headers: { cookie },
    payload: { version: 1, draft },
  });
  assert.equal(saved.statusCode, 200, saved.body);
  const submitted = await t.app.inject({
    method: 'POST',
    url: `/api/v1/orders/${id}/submit`,
    headers: { cookie },
    payload: { version: saved.json().version },
  });
  assert.equal(submitted.statusCode, 200, submitted.body);
  return {
    id,
    version: submitted.json().version as number,
    cookie,
    domain,
    draft,
    orderNo: created.json().orderNo as string,
  };
}

export async function orderVersion(t: TestApp, cookie: string, id: string): Promise<number> {
  const r = await t.app.inject({ method: 'GET', url: `/api/v1/orders/${id}`, headers: { cookie } });
  assert.equal(r.statusCode, 200, r.body);
  return r.json().version;
}
