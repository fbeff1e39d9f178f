import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testBackend } from '../../../test/support/db.ts';
import { ipChangeFilingRequired } from '../rules/eligibility.ts';
import { accessRow, accessVersion, applyAccessChanges } from './access.repository.ts';
import { blockDomains } from './provider-blocks.ts';
import {
  type AccessTestApp,
  accessTestApp,
  addServer,
  BUREAU_ACTOR,
  domainsDraft,
  insertOrder,
  SYSTEM_ACTOR,
  seedFiledSubject,
} from './testing.ts';

/**
 * The access decision is provider-wide (R-ACS-011): which of the provider's mainland servers, regions or IPs a domain
 * points to never matters, and nothing a customer does to a server (re-pointing DNS, reinstalling the OS) needs a
 * filing action. FAQ fixtures: S1 203.0.113.10 (ap-guangzhou), S4 203.0.113.13 (ap-beijing), H1 198.51.100.10 (HK).
 */
const S1 = '203.0.113.10';
const S4 = '203.0.113.13';
const H1 = '198.51.100.10';

describe(`access is provider-wide (${testBackend})`, () => {
  let t: AccessTestApp;
  let customer: { id: string; role: 'customer' };
  let reviewer: { id: string; role: 'reviewer' };
  let accountNo: string;
  before(async () => {
    t = await accessTestApp();
    const u = await t.accounts.createUser({ email: 'a@example.com', password: 'a-password-1', role: 'customer' });
    const r = await t.accounts.createUser({ email: 'rev@example.com', password: 'rev-password-1', role: 'reviewer' });
    customer = { id: u.id, role: 'customer' };
    reviewer = { id: r.id, role: 'reviewer' };
    accountNo = u.accountNo;
    await addServer(t, accountNo, { externalId: 's1', ip: S1, region: 'ap-guangzhou' });
    // example-shop.cn is filed and accessed here, registered on S1 (the registry sync and the projection hold that)
    await seedFiledSubject(t, {
      accountId: u.id,
      name: '广州示例科技有限公司',
      subjectType: 'ENTERPRISE',
      certificateType: 'USCC',
      certificateNumber: '91440101MA5CXXXX1X',
      filingNumber: '粤ICP备18000001号',
      websites: [{ domains: ['example-shop.cn'], accessedHere: true, name: '示例商城' }],
    });
    await applyAccessChanges(
      t.database.db,
      [{ domain: 'example-shop.cn', decision: 'allow', reason: 'FILED' }],
      t.clock.now().getTime(),
    );
  });
  after(() => t.close());

  const decide = async (host: string, ip: string) => {
    await t.access.refresh();
    return t.access.decide(host, ip);
  };
  const orderCount = async () =>
    Number(
      (
        await t.database.db
          .selectFrom('orders')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('account_id', '=', customer.id)
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('FAQ-047 R-CHG-007 R-ACS-011 R-ACS-006 R-CHG-008: example-shop.cn moves to S4 (北京) with no order; example-other.cn (filed at P2) is blocked until its ACCESS order passes initial review', async () => {
    assert.deepEqual(await decide('example-shop.cn', S1), { status: 200, reason: 'FILED', domain: 'example-shop.cn' });
    // account A buys S4 in another mainland region and re-points DNS to it
    await addServer(t, accountNo, { externalId: 's4', ip: S4, region: 'ap-beijing' });
    await t.access.refresh({ force: true });
    assert.deepEqual(await decide('example-shop.cn', S4), { status: 200, reason: 'FILED', domain: 'example-shop.cn' });
    assert.equal((await decide('www.example-shop.cn', S4)).status, 200);
    // commercialLicensed=false: moving within the provider requires no filing action (only a licensed site would)
    const accountIps = [S1, S4];
    assert.equal(ipChangeFilingRequired({ commercialLicensed: false, accessIps: [S1] }, [S4]), false);
    // (a licensed site would need CHANGE_ACCESS only once S1 is no longer the account's)
    assert.equal(ipChangeFilingRequired({ commercialLicensed: true, accessIps: [S1] }, [S4]), true);
    assert.equal(ipChangeFilingRequired({ commercialLicensed: true, accessIps: [S1] }, accountIps), false);
    assert.equal(await orderCount(), 0, 'no order was created or needed');

    // example-other.cn is filed only at provider P2: pointing it at S4 does not serve it here
    await blockDomains(
      t.database.db,
      { domains: ['example-other.cn'], reason: 'NOT_ACCESSED_HERE', keepServed: true },
      SYSTEM_ACTOR,
      t.clock.now().getTime(),
    );
    assert.deepEqual(await decide('example-other.cn', S4), {
      status: 403,
      reason: 'NOT_ACCESSED_HERE',
      domain: 'example-other.cn',
    });
    const access = await insertOrder(t, {
      accountId: customer.id,
      type: 'ACCESS',
      state: 'PENDING_INITIAL_REVIEW',
      draft: domainsDraft('ACCESS', [['example-other.cn']]),
    });
    assert.equal((await decide('example-other.cn', S4)).status, 403, 'still blocked while initial review is pending');
    const passed = await t.orders.transition(access, { type: 'INITIAL_APPROVE' }, reviewer);
    assert.equal(passed.state, 'PHOTO_PENDING');
    assert.deepEqual(await decide('example-other.cn', S4), {
      status: 200,
      reason: 'ACCESS_IN_REVIEW',
      domain: 'example-other.cn',
    });
    // and the temporary access is provider-wide too
    assert.equal((await decide('example-other.cn', S1)).status, 200);
  });

  it('R-WEB-023: each domain is its own entry — an unfiled second domain on the same server is not covered by the first’s filing', async () => {
    assert.equal((await decide('shop.example-shop.cn', S1)).status, 200, 'subdomains share the registrable domain');
    assert.deepEqual(await decide('example-shop2.cn', S1), {
      status: 403,
      reason: 'NOT_FILED',
      domain: 'example-shop2.cn',
    });
    assert.deepEqual(await decide('example-shop.com.cn', S1), {
      status: 403,
      reason: 'NOT_FILED',
      domain: 'example-shop.com.cn',
    });
  });

  it('FAQ-207 R-CHG-019: reinstalling S1 with another OS image, or re-pointing to a Hong Kong server, changes no filing, access record or decision', async () => {
    const before = await accessRow(t.database.db, 'example-shop.cn');
    const versionBefore = await accessVersion(t.database.db);
    const ordersBefore = await orderCount();
    const website = await t.database.db
      .selectFrom('websites')
      .select(['status', 'accessed_here', 'updated_at'])
      .where('filing_number', '=', '粤ICP备18000001号-1')
      .executeTakeFirstOrThrow();
    // the billing system reports the reinstalled server (same id, same IP, new image name): an `update` event
    await t.servers.upsert(
      {
        externalId: 's1',
        accountNo,
        name: 's1 (Ubuntu 24.04 reinstalled)',
        region: 'ap-guangzhou',
        regionKind: 'mainland',
        billingMode: 'prepaid',
        prepaidMonths: 12,
        purchasedAt: '2026-10-01',
        expiresAt: '2027-10-01',
        publicIp: S1,
      },
      SYSTEM_ACTOR,
    );
    // a Hong Kong server of the same account serves the domain without any filing (R-ACS-003) and revokes nothing
    await addServer(t, accountNo, { externalId: 'h1', ip: H1, regionKind: 'hongkong' });
    await t.access.refresh({ force: true });
    assert.deepEqual(await decide('example-shop.cn', H1), { status: 200, reason: 'NON_MAINLAND', domain: null });

    assert.deepEqual(await decide('example-shop.cn', S1), { status: 200, reason: 'FILED', domain: 'example-shop.cn' });
    assert.deepEqual(await accessRow(t.database.db, 'example-shop.cn'), before);
    assert.equal(await accessVersion(t.database.db), versionBefore, 'the access projection did not change at all');
    assert.equal(await orderCount(), ordersBefore, 'no order was created');
    assert.deepEqual(
      await t.database.db
        .selectFrom('websites')
        .select(['status', 'accessed_here', 'updated_at'])
        .where('filing_number', '=', '粤ICP备18000001号-1')
        .executeTakeFirstOrThrow(),
      website,
    );
  });

  it('FAQ-281 R-ACS-006: an approved, accessed example-new.com is allowed by the gateway whatever its registrar-side resolution state', async () => {
    // the registration is 6 days old and not real-name verified, so the registry does not resolve it: that is no
    // filing matter, and the gateway (which never looks at DNS) answers "allowed"
    await applyAccessChanges(
      t.database.db,
      [{ domain: 'example-new.com', decision: 'allow', reason: 'FILED' }],
      t.clock.now().getTime(),
    );
    assert.deepEqual(await decide('www.example-new.com', S1), {
      status: 200,
      reason: 'FILED',
      domain: 'example-new.com',
    });
  });

  it('R-ACS-017: an approval the provider has not synced yet leaves the domain blocked; it is served once the sync applies it and the gateway polls', async () => {
    const first = await insertOrder(t, {
      accountId: customer.id,
      type: 'FIRST',
      state: 'PENDING_BUREAU',
      draft: domainsDraft('FIRST', [['example-new.cn']]),
      initialPassed: true,
    });
    await blockDomains(
      t.database.db,
      { domains: ['example-new.cn'], reason: 'FILING_IN_PROGRESS', keepServed: true },
      SYSTEM_ACTOR,
      t.clock.now().getTime(),
    );
    // the bureau has approved, but nothing of it is in the provider's data: the gateway knows only the synced rows
    assert.equal((await decide('example-new.cn', S1)).status, 403);
    // the sync applies the approval through transition(); until the gateway's next poll the old answer stands
    await t.orders.transition(first, { type: 'BUREAU_APPROVE' }, BUREAU_ACTOR);
    assert.equal(t.access.decide('example-new.cn', S1).status, 403, 'no database read per request');
    assert.deepEqual(await decide('example-new.cn', S1), { status: 200, reason: 'FILED', domain: 'example-new.cn' });
  });
});
