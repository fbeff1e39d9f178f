import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/support/app.ts';
import { testBackend } from '../../../test/support/db.ts';
import { passInitialReview } from '../../../test/support/drafts.ts';
import { submittedOrder, usersByRole } from '../review/test-support.ts';
import { checkFiling } from '../rules/check.ts';
import { personalDraft, personalWebsite, ctx as ruleCtx } from '../rules/test-fixtures.ts';

/**
 * FAQ scenarios and requirements about what the platform offers (and must not offer) around an order: the order
 * number (R-ORD-002), no temporary domains (R-WEB-021), no domain-owner changes (R-CHG-009), and the DNS advice
 * given while a filing is in progress (R-ORD-034). "Offers" is read from the documented API (OpenAPI at /api/docs).
 */

interface Operation {
  summary?: string;
  description?: string;
}

describe(`what the platform offers around an order (${testBackend})`, () => {
  let t: TestApp;
  let who: Awaited<ReturnType<typeof usersByRole>>;
  let api: { path: string; text: string }[];
  before(async () => {
    t = await testApp({ now: '2026-11-02T09:00:00+08:00', env: { BEIAN_SERVER_SYNC_DELAY_MINUTES: '0' } });
    who = await usersByRole(t, 'plat');
    const docs = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    assert.equal(docs.statusCode, 200);
    const paths = (docs.json() as { paths: Record<string, Record<string, Operation>> }).paths;
    api = Object.entries(paths).flatMap(([path, ops]) =>
      Object.values(ops).map((op) => ({ path, text: `${path} ${op.summary ?? ''} ${op.description ?? ''}` })),
    );
  });
  after(() => t.close());

  const get = (cookie: string, url: string) => t.app.inject({ method: 'GET', url, headers: { cookie } });

  it('R-ORD-002: every order gets a unique order number at creation, shown on the order, in the curtain-photo notice and found by photo-point staff', async () => {
    const a = await submittedOrder(t, 41, { domain: 'order-no-a.cn' });
    const b = await submittedOrder(t, 42, { domain: 'order-no-b.cn' });
    assert.match(a.orderNo, /^\d{8,32}$/);
    assert.notEqual(a.orderNo, b.orderNo);
    assert.equal((await get(a.cookie, `/api/v1/orders/${a.id}`)).json().orderNo, a.orderNo, 'shown to the customer');

    const found = await get(who.photo_agent, `/api/v1/photo-point/orders?orderNo=${a.orderNo}`);
    assert.equal(found.statusCode, 200, found.body);
    assert.deepEqual(
      found.json().map((o: { id: string; orderNo: string }) => [o.id, o.orderNo]),
      [[a.id, a.orderNo]],
    );
    const bySupport = await get(who.reviewer, `/api/v1/photo-point/orders?orderNo=${b.orderNo}`);
    assert.deepEqual(
      bySupport.json().map((o: { id: string }) => o.id),
      [b.id],
    );

    // initial review passes: the 备案幕布拍照通知 (R-NTF-004) carries the order number
    const approved = await passInitialReview(t, who.reviewer, a.id, a.version);
    assert.equal(approved.statusCode, 200, approved.body);
    assert.equal(approved.json().state, 'PHOTO_PENDING');
    const notices = await t.database.db
      .selectFrom('outbox')
      .select(['id', 'payload'])
      .where('template', '=', 'R-NTF-004')
      .execute();
    const orderNos = notices.map((n) => (t.notifications.outbox.decodePayload(n) as { orderNo?: string }).orderNo);
    assert.ok(orderNos.length >= 1 && orderNos.every((n) => n === a.orderNo), `the notices name ${a.orderNo}`);
  });

  it('FAQ-202 R-WEB-021: no API or console function provides a temporary or test domain; orders carry the customer’s own domains', async () => {
    const offering = api.filter(({ text }) =>
      /temp(orary)?[-_ ]?domain|test[-_ ]?domain|临时域名|测试域名/i.test(text),
    );
    assert.deepEqual(offering, []);
    assert.ok(api.length > 30, 'the whole API was inspected');
    // an order cannot be started without a domain of the customer's own
    const o = await submittedOrder(t, 43, { domain: 'own-domain.cn' });
    const noDomain = await t.app.inject({
      method: 'POST',
      url: '/api/v1/orders',
      headers: { cookie: o.cookie },
      payload: {
        subject: {
          type: 'PERSONAL',
          certificateType: 'RESIDENT_ID',
          certificateNumber: '440524188001010014',
          name: '张三',
        },
        province: '广东',
        domains: [],
      },
    });
    assert.equal(noDomain.statusCode, 400, noDomain.body);
    const view = (await get(o.cookie, `/api/v1/orders/${o.id}`)).json();
    assert.deepEqual(
      view.draft.websites.flatMap((w: { domains: string[] }) => w.domains),
      ['own-domain.cn'],
    );
  });

  it('FAQ-221 R-CHG-009: there is no function to change a domain’s owner; the owner is read from the registrar at each check', async () => {
    const ownerFns = api.filter(({ text }) =>
      /registrant|domain[-_ ]?owner|owner[-_ ]?change|域名所有者|域名持有者|过户/i.test(text),
    );
    assert.deepEqual(ownerFns, []);
    // the draft has no place for a domain owner: an attempt to write one is refused by the schema
    const o = await submittedOrder(t, 44, { domain: 'owner-change.cn' });
    const draft = structuredClone(o.draft) as Record<string, unknown> & { websites: Record<string, unknown>[] };
    draft.websites[0].registrantName = '张三';
    const put = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/orders/${o.id}/draft`,
      headers: { cookie: o.cookie },
      payload: { version: o.version, draft },
    });
    assert.equal(put.statusCode, 400, put.body);
    assert.match(put.body, /registrantName/);
    // the same draft, checked before and after the registrar changed the registrant (the registrar's data decides)
    const d = personalDraft({ websites: [personalWebsite({ domains: ['example-shop.cn'] })] });
    const owner = (registrantName: string) =>
      checkFiling(
        d,
        ruleCtx({ domains: { 'example-shop.cn': { registrantType: 'PERSONAL', registrantName } } }),
      ).violations.map((v) => v.code);
    assert.ok(owner('李四').includes('DOMAIN_OWNER_MISMATCH'));
    assert.ok(!owner('张三').includes('DOMAIN_OWNER_MISMATCH'));
  });

  it('R-ORD-034: customers are told to keep the site closed during FIRST/ADD_WEBSITE, that DNS may stay, and that ACCESS needs no DNS change', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/v1/provider' });
    assert.equal(r.statusCode, 200, r.body);
    const hint = r.json().dnsHint as { zh: string; en: string };
    assert.match(hint.zh, /不得开通访问/);
    assert.match(hint.zh, /网站正在建设中/);
    assert.match(hint.zh, /可保留域名解析/, 'resolution itself is allowed');
    assert.match(hint.zh, /接入备案.*无需修改解析/);
    assert.doesNotMatch(hint.zh, /(须|必须|需要)(删除|关闭)(域名)?解析/, 'never requires removing DNS');
    assert.match(hint.en, /ACCESS filings need no DNS change/);
  });
});
