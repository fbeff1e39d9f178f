import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/support/app.ts';
import { testBackend } from '../../../test/support/db.ts';
import { submittedOrder, usersByRole } from './test-support.ts';

/**
 * FAQ rejections of initial review over HTTP: the reviewer's checklist on the review page, the rejection with a
 * catalogue reason at a field, what the customer then reads (label and remedy, R-REJ-008), and the way back in.
 */
describe(`FAQ rejections at initial review (${testBackend})`, () => {
  let t: TestApp;
  let who: Awaited<ReturnType<typeof usersByRole>>;
  before(async () => {
    t = await testApp({ now: '2026-11-02T09:00:00+08:00', env: { BEIAN_SERVER_SYNC_DELAY_MINUTES: '0' } });
    who = await usersByRole(t, 'faq');
  });
  after(() => t.close());

  const post = (cookie: string, url: string, payload: unknown) =>
    t.app.inject({ method: 'POST', url, headers: { cookie }, payload: payload as object });
  const get = (cookie: string, url: string) => t.app.inject({ method: 'GET', url, headers: { cookie } });
  const callReached = async (id: string) => {
    const r = await post(who.reviewer, `/api/v1/review/orders/${id}/calls`, { outcome: 'reached' });
    assert.equal(r.statusCode, 201, r.body);
  };
  type Item = { id: string; kind: string; reasonCode?: string; status: string };
  const reviewPage = async (id: string) => {
    const r = await get(who.reviewer, `/api/v1/review/orders/${id}`);
    assert.equal(r.statusCode, 200, r.body);
    return r.json() as { checklist: { items: Item[] }; decision: { canApprove: boolean } };
  };

  it('FAQ-121 R-PRE-012 R-REJ-007: the reviewer rejects 张三的博客 (presenting a company’s products) with CONTENT_SUBJECT_MISMATCH', async () => {
    const o = await submittedOrder(t, 31, {
      domain: 'zhangsan-blog.cn',
      mutate: (d) => {
        d.websites[0].name = '张三的博客';
      },
    });
    await callReached(o.id);
    const page = await reviewPage(o.id);
    const content = page.checklist.items.find((i) => i.id === 'R-PRE-012' && i.kind === 'manual');
    assert.equal(content?.reasonCode, 'CONTENT_SUBJECT_MISMATCH');
    const rej = await post(who.reviewer, `/api/v1/orders/${o.id}/initial-review/reject`, {
      version: o.version,
      reasons: [
        {
          code: 'CONTENT_SUBJECT_MISMATCH',
          field: 'websites[0]',
          message: '网站内容为广州示例科技有限公司的产品介绍，个人网站不得涉及企业内容',
        },
      ],
    });
    assert.equal(rej.statusCode, 200, rej.body);
    assert.equal(rej.json().state, 'INITIAL_REJECTED');
    const seen = (await get(o.cookie, `/api/v1/orders/${o.id}`)).json();
    assert.equal(seen.rejection.reasons[0].code, 'CONTENT_SUBJECT_MISMATCH');
    assert.equal(seen.rejection.reasons[0].field, 'websites[0]');
    assert.match(seen.rejection.reasons[0].message, /个人网站不得涉及企业内容/);
    assert.match(seen.rejection.reasons[0].fix, /本单位自身内容/, 'the catalogue remedy is filled in');
  });

  it('FAQ-149 R-MAT-003: a black-and-white copy is rejected with CERT_IMAGE_INCOMPLETE and the customer is asked for a colour original', async () => {
    const o = await submittedOrder(t, 32, { domain: 'bw-copy.cn' });
    await callReached(o.id);
    const rej = await post(who.reviewer, `/api/v1/orders/${o.id}/initial-review/reject`, {
      version: o.version,
      reasons: [{ code: 'CERT_IMAGE_INCOMPLETE', field: 'materials', message: '营业执照为黑白复印件扫描' }],
    });
    assert.equal(rej.statusCode, 200, rej.body);
    assert.equal(rej.json().state, 'INITIAL_REJECTED');
    const reason = (await get(o.cookie, `/api/v1/orders/${o.id}`)).json().rejection.reasons[0];
    assert.equal(reason.code, 'CERT_IMAGE_INCOMPLETE');
    assert.equal(reason.message, '营业执照为黑白复印件扫描');
    assert.match(reason.fix, /彩色/);
    assert.match(reason.fix, /黑白复印件/);
    const reasons = (await get(who.reviewer, '/api/v1/review/rejection-reasons?stage=initial')).json() as {
      code: string;
    }[];
    assert.ok(
      reasons.some((r) => r.code === 'CERT_IMAGE_INCOMPLETE'),
      'offered in the reviewer’s reason list',
    );
  });

  it('FAQ-195 R-PRE-014 R-REJ-008: rejected SITE_OPEN_BEFORE_FILING with the probe evidence; after the DNS record is removed the resubmitted order proceeds', async () => {
    const o = await submittedOrder(t, 33, { domain: 'opened-early.cn' });
    await callReached(o.id);
    const probe = (await reviewPage(o.id)).checklist.items.find((i) => i.id === 'R-PRE-014');
    assert.equal(probe?.reasonCode, 'SITE_OPEN_BEFORE_FILING');
    const evidence = 'http://www.opened-early.cn/ 2026-11-02 09:30 HTTP 200 「张三的技术博客」';
    const rej = await post(who.reviewer, `/api/v1/orders/${o.id}/initial-review/reject`, {
      version: o.version,
      reasons: [{ code: 'SITE_OPEN_BEFORE_FILING', field: 'websites[0].domains', message: evidence }],
    });
    assert.equal(rej.statusCode, 200, rej.body);
    const seen = (await get(o.cookie, `/api/v1/orders/${o.id}`)).json();
    assert.equal(seen.state, 'INITIAL_REJECTED');
    assert.equal(seen.rejection.reasons[0].message, evidence, 'the evidence reaches the customer');
    assert.match(seen.rejection.reasons[0].fix, /DNS 与 CDN 缓存/);

    // the customer removes the DNS record (nothing in the filing changes) and submits again
    const revoke = await post(o.cookie, `/api/v1/orders/${o.id}/revoke`, { version: seen.version });
    assert.equal(revoke.statusCode, 200, revoke.body);
    const resub = await post(o.cookie, `/api/v1/orders/${o.id}/submit`, { version: revoke.json().version });
    assert.equal(resub.statusCode, 200, resub.body);
    assert.equal(resub.json().state, 'PENDING_INITIAL_REVIEW');

    // the reviewer re-runs the probe (now failing to reach the site): the item passes and the order proceeds
    const page = await reviewPage(o.id);
    assert.equal(page.decision.canApprove, true);
    const ok = await post(who.reviewer, `/api/v1/orders/${o.id}/initial-review/approve`, {
      version: resub.json().version,
    });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json().state, 'PHOTO_PENDING');
  });
});
